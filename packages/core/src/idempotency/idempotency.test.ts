import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../events/index.js'
import { canonicalJson, hashRequest } from './idempotency.js'
import { idempotencyKeyReused } from './idempotency-errors.js'
import { sha256Hex } from './sha256.js'

const nodeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('matches the FIPS 180-4 vector for %j', (text, digest) => {
    expect(sha256Hex(text)).toBe(digest)
  })

  it('matches node:crypto on every padding boundary and on non-ASCII text', () => {
    for (let length = 0; length <= 130; length++) {
      const text = 'a'.repeat(length)
      expect(sha256Hex(text)).toBe(nodeSha256(text))
    }
    for (const text of ['Grüße 中文 🛒👩‍👩‍👧‍👦', "'; DROP TABLE x; --", 'x'.repeat(10_000)]) {
      expect(sha256Hex(text)).toBe(nodeSha256(text))
    }
  })

  it('matches node:crypto on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => sha256Hex(text) === nodeSha256(text)),
    )
  })

  it('hashes lone surrogates as U+FFFD, as node:crypto does', () => {
    for (const text of ['\ud800', 'a\udc00b', '\ud83d']) {
      expect(sha256Hex(text)).toBe(nodeSha256(text))
      expect(sha256Hex(text)).toBe(nodeSha256(text.replaceAll(/[\ud800-\udfff]/g, '\ufffd')))
    }
  })

  it('matches node:crypto on arbitrary strings, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha256Hex(text) === nodeSha256(text)),
    )
  })
})

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}')
  })

  it('writes primitives as JSON', () => {
    expect(canonicalJson(null)).toBe('null')
    expect(canonicalJson(true)).toBe('true')
    expect(canonicalJson(-0)).toBe('0')
    expect(canonicalJson('a"b')).toBe('"a\\"b"')
  })

  it('leaves out undefined members, as JSON.stringify does', () => {
    const withUndefined = { a: 1, b: undefined } as unknown as JsonValue
    expect(canonicalJson(withUndefined)).toBe('{"a":1}')
  })

  it('parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normalised = JSON.parse(JSON.stringify(value)) as JsonValue
        expect(JSON.parse(canonicalJson(normalised))).toEqual(normalised)
      }),
    )
  })
})

describe('hashRequest', () => {
  it('ignores key order', () => {
    expect(hashRequest({ a: 1, b: [1, 2], c: { x: 'y', z: null } })).toBe(
      hashRequest({ c: { z: null, x: 'y' }, b: [1, 2], a: 1 }),
    )
  })

  it('is the SHA-256 of the canonical JSON', () => {
    expect(hashRequest({ b: 2, a: 1 })).toBe(nodeSha256('{"a":1,"b":2}'))
    expect(hashRequest('')).toBe(nodeSha256('""'))
  })

  it('tells apart values that differ in array order, type or any character', () => {
    const values: ReadonlyArray<JsonValue> = [
      [1, 2],
      [2, 1],
      '1',
      1,
      true,
      'true',
      null,
      'null',
      {},
      [],
      { a: '' },
      { a: null },
    ]
    const hashes = new Set(values.map(hashRequest))
    expect(hashes.size).toBe(values.length)
  })

  it('is 64 lower-case hex digits', () => {
    expect(hashRequest({ cart: 'c-1' })).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('idempotency errors', () => {
  it('IdempotencyKeyReused is a plain tagged object', () => {
    expect(idempotencyKeyReused('k', 's')).toStrictEqual({ _tag: 'IdempotencyKeyReused', key: 'k', scope: 's' })
  })
})
