/**
 * io-ts codecs for what the drivers return (a `bigint` may be a number or a numeric string, a
 * time is epoch milliseconds) and {@link decodeRow}, which turns a row that does not decode into
 * the kernel's corrupt-record fault naming the table and key.
 *
 * @module
 */
import { type CorruptRecordFault, corruptRecordFault, type JsonValue } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import type { SqlDialect } from '../schema/sql-dialect.js'

/**
 * A whole number as a driver returns a `bigint` or `integer` column: a safe integer, a numeric
 * string (node-postgres) or a JS `bigint` within the safe range.
 *
 * @example
 * ```ts
 * import { DbInteger } from '@mercato/sql'
 * DbInteger.decode('42') // right(42)
 * ```
 * @category codecs
 * @since 0.1.0
 */
export const DbInteger = new t.Type<number, number, unknown>(
  'DbInteger',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u),
  (u, c) => {
    const n =
      typeof u === 'number'
        ? u
        : typeof u === 'bigint'
          ? Number(u)
          : typeof u === 'string' && /^-?\d{1,16}$/.test(u)
            ? Number(u)
            : Number.NaN
    return Number.isSafeInteger(n) ? t.success(n) : t.failure(u, c, 'not a safe integer')
  },
  (n) => n,
)

/**
 * A time stored as epoch milliseconds (see {@link DbInteger}), decoded to a `Date`.
 *
 * @example
 * ```ts
 * import { DbDate } from '@mercato/sql'
 * DbDate.decode('0') // right(new Date(0))
 * ```
 * @category codecs
 * @since 0.1.0
 */
export const DbDate = new t.Type<Date, number, unknown>(
  'DbDate',
  (u): u is Date => u instanceof Date,
  (u, c) =>
    pipe(
      DbInteger.validate(u, c),
      E.flatMap((ms) => (Math.abs(ms) <= 8.64e15 ? t.success(new Date(ms)) : t.failure(u, c, 'not a valid time'))),
    ),
  (d) => d.getTime(),
)

/**
 * Decodes `row` with `codec`; a row that does not decode becomes
 * `InfrastructureError { retryable: false, cause: CorruptRecord { entity: table, id: key } }`.
 *
 * @example
 * ```ts
 * import { decodeRow, DbInteger } from '@mercato/sql'
 * decodeRow(DbInteger, 'stock', 'SKU-1')('x')._tag // 'Left'
 * ```
 * @category codecs
 * @since 0.1.0
 */
export const decodeRow =
  <A, O>(codec: t.Type<A, O, unknown>, table: string, key: string) =>
  (row: unknown): E.Either<CorruptRecordFault, A> =>
    pipe(
      codec.decode(row),
      E.mapLeft((errors) => corruptRecordFault(table, key, errors.map(describeIssue))),
    )

const describeIssue = (error: t.ValidationError): string => {
  const path = error.context
    .map((entry) => entry.key)
    .filter((key) => key !== '')
    .join('.')
  const reason = error.message ?? `expected ${error.context[error.context.length - 1]?.type.name ?? 'a value'}`
  return path === '' ? reason : `${path}: ${reason}`
}

const isJsonValue = (u: unknown, depth: number): boolean => {
  if (depth > 512) return false
  if (u === null || typeof u === 'string' || typeof u === 'boolean') return true
  if (typeof u === 'number') return Number.isFinite(u)
  if (Array.isArray(u)) return u.every((item) => isJsonValue(item, depth + 1))
  if (typeof u === 'object') return Object.values(u).every((item) => isJsonValue(item, depth + 1))
  return false
}

/**
 * A JSON value (null, boolean, finite number, string, array, plain object), as read back from a
 * JSON column after the dialect parsed it.
 *
 * @example
 * ```ts
 * import { DbJsonValue } from '@mercato/sql'
 * DbJsonValue.is({ a: [1, 'x', null] }) // true
 * ```
 * @category codecs
 * @since 0.1.0
 */
export const DbJsonValue = new t.Type<JsonValue, JsonValue, unknown>(
  'JsonValue',
  (u): u is JsonValue => isJsonValue(u, 0),
  (u, c) => (isJsonValue(u, 0) ? t.success(u as JsonValue) : t.failure(u, c, 'not a JSON value')),
  (v) => v,
)

/**
 * A JSON column decoded with the dialect's `readJson` (text on SQLite, parsed by node-postgres
 * on Postgres), then with `codec`.
 *
 * @example
 * ```ts
 * import { dbJsonAs, sqliteDialect } from '@mercato/sql'
 * import * as t from 'io-ts'
 * dbJsonAs(sqliteDialect, t.array(t.string)).decode('["a"]') // right(['a'])
 * ```
 * @category codecs
 * @since 0.1.0
 */
export const dbJsonAs = <A>(
  dialect: Pick<SqlDialect, 'readJson'>,
  codec: t.Type<A, unknown, unknown>,
): t.Type<A, unknown, unknown> =>
  new t.Type<A, unknown, unknown>(
    `DbJson<${codec.name}>`,
    codec.is,
    (u, c) =>
      pipe(
        dialect.readJson(u),
        E.match(
          (reason) => t.failure(u, c, reason),
          (value) => codec.validate(value, c),
        ),
      ),
    (v) => v,
  )

// What `readJson` answers is the output of `JSON.parse` (SQLite's text, or the pg driver's own
// parse of json/jsonb): a JSON value by construction, so it is not walked a second time.
const parsedJson = new t.Type<JsonValue, unknown, unknown>(
  'JsonValue',
  DbJsonValue.is,
  (u) => t.success(u as JsonValue),
  (v) => v,
)

const jsonTexts = new WeakMap<object, string>()

/**
 * `JSON.stringify(value)`, remembered for an object or array: a value written again unchanged (a
 * checkout snapshot, on every step of its attempt) is serialized once. Only for values nobody
 * mutates after writing them: a changed object would be written as it was first serialized. The
 * ports that take caller-built payloads (events, outbox) serialize afresh.
 *
 * @example
 * ```ts
 * import { jsonText } from '@mercato/sql'
 * const payload = { lines: [1, 2] }
 * jsonText(payload) === jsonText(payload) // true, serialized once
 * ```
 * @category codecs
 * @since 0.1.0
 */
export const jsonText = (value: unknown): string => {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  let text = jsonTexts.get(value)
  if (text === undefined) {
    text = JSON.stringify(value)
    jsonTexts.set(value, text)
  }
  return text
}

/**
 * Makes `build(dialect)` once per dialect and hands out that value afterwards: codecs and other
 * values that depend only on the dialect, so ports made for every transaction do not build them
 * again.
 *
 * @example
 * ```ts
 * import { dbJson, perDialect, sqliteDialect } from '@mercato/sql'
 * const payloadOf = perDialect((dialect) => dbJson(dialect))
 * payloadOf(sqliteDialect) === payloadOf(sqliteDialect) // true
 * ```
 * @category codecs
 * @since 0.1.0
 */
export const perDialect = <A>(build: (dialect: SqlDialect) => A): ((dialect: SqlDialect) => A) => {
  const built = new WeakMap<SqlDialect, A>()
  return (dialect) => {
    let value = built.get(dialect)
    if (value === undefined) {
      value = build(dialect)
      built.set(dialect, value)
    }
    return value
  }
}

/**
 * A JSON column decoded with the dialect's `readJson` (whose answer is a JSON value by construction).
 *
 * @example
 * ```ts
 * import { dbJson, sqliteDialect } from '@mercato/sql'
 * dbJson(sqliteDialect).decode('{"a":1}') // right({ a: 1 })
 * ```
 * @category codecs
 * @since 0.1.0
 */
export const dbJson = (dialect: Pick<SqlDialect, 'readJson'>): t.Type<JsonValue, JsonValue, unknown> =>
  dbJsonAs(dialect, parsedJson) as t.Type<JsonValue, JsonValue, unknown>

/**
 * A JSON document column holding a domain object written with `JSON.stringify` (so its `Date`
 * fields became ISO strings): decoded with the dialect's `readJson`, checked to be a JSON object,
 * and the top-level `dateKeys` turned back into `Date`s (a key that is present but not a
 * canonical ISO time fails). The rest of the shape is what the repository wrote.
 *
 * @example
 * ```ts
 * import { dbDocument, sqliteDialect } from '@mercato/sql'
 * dbDocument<{ at: Date }>(sqliteDialect, ['at']).decode('{"at":"2026-01-01T00:00:00.000Z"}') // right({ at: Date })
 * ```
 * @category codecs
 * @since 0.1.0
 */
export const dbDocument = <A>(
  dialect: Pick<SqlDialect, 'readJson'>,
  dateKeys: ReadonlyArray<string>,
): t.Type<A, unknown, unknown> =>
  dbJsonAs(
    dialect,
    new t.Type<A, unknown, unknown>(
      'Document',
      (u): u is A => typeof u === 'object' && u !== null,
      (u, c) => {
        // `u` is what `readJson` parsed, a JSON value by construction: only its shape is checked.
        if (typeof u !== 'object' || u === null || Array.isArray(u)) {
          return t.failure(u, c, 'not a JSON object')
        }
        const document: Record<string, unknown> = { ...u }
        for (const key of dateKeys) {
          const raw = document[key]
          if (raw === undefined) continue
          const at = typeof raw === 'string' ? new Date(raw) : undefined
          if (at === undefined || Number.isNaN(at.getTime()) || at.toISOString() !== raw) {
            return t.failure(u, c, `${key}: not an ISO time`)
          }
          document[key] = at
        }
        return t.success(document as A)
      },
      (a) => a,
    ),
  )
