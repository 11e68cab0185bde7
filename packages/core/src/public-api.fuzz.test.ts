/**
 * Bad input to every public schema and decider is a typed value, never a throw: arbitrary JSON
 * goes through every exported zod schema and straight into every exported decider.
 */
import * as core from '@mercato/core'
import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'

const exported: ReadonlyArray<[string, unknown]> = Object.entries(core)

const isZodSchema = (value: unknown): value is z.ZodType =>
  typeof value === 'object' && value !== null && 'safeParse' in value && typeof value.safeParse === 'function'

interface AnyDecider {
  readonly initialState: unknown
  readonly decide: (command: unknown, state: unknown) => E.Either<unknown, ReadonlyArray<unknown>>
  readonly evolve: (state: unknown, event: unknown) => unknown
}
const isDecider = (value: unknown): value is AnyDecider =>
  typeof value === 'object' &&
  value !== null &&
  'decide' in value &&
  'evolve' in value &&
  'initialState' in value &&
  typeof value.decide === 'function'

const schemas = exported.filter((entry): entry is [string, z.ZodType] => isZodSchema(entry[1]))
const deciders = exported.filter((entry): entry is [string, AnyDecider] => isDecider(entry[1]))

// Arbitrary JSON plus shapes that look like commands, so deciders see their own tags with junk fields.
const commandLike = (tags: ReadonlyArray<string>) =>
  fc.oneof(
    fc.jsonValue(),
    fc.anything(),
    fc.record({ _tag: fc.constantFrom(...tags) }, { requiredKeys: [] }),
    fc.tuple(fc.constantFrom(...tags), fc.dictionary(fc.string(), fc.jsonValue())).map(([tag, rest]) => ({
      ...rest,
      _tag: tag,
    })),
    fc.tuple(fc.constantFrom(...tags), fc.dictionary(fc.string(), fc.jsonValue())).map(([tag, rest]) => ({
      orderId: 'order_1',
      cartId: 'cart_1',
      productId: 'prod_1',
      at: new Date(0),
      ...rest,
      _tag: tag,
    })),
  )

describe('public API fuzz', () => {
  it('exports zod schemas and deciders to fuzz', () => {
    expect(schemas.length).toBeGreaterThan(20)
    expect(deciders.map(([name]) => name)).toEqual(
      expect.arrayContaining(['cartDecider', 'catalogDecider', 'orderDecider']),
    )
  })

  it.each(schemas)('schema %s never throws on arbitrary input', (_name, schema) => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (input) => {
        const result = schema.safeParse(input)
        expect(typeof result.success).toBe('boolean')
      }),
      { numRuns: 300 },
    )
  })

  it.each(deciders)('decider %s answers arbitrary commands with a value, never a throw', (_name, decider) => {
    const tags = [
      ...['CreateCart', 'AddLine', 'UpdateLineQuantity', 'RemoveLine', 'ApplyCode', 'RemoveCode'],
      ...['SetShippingAddress', 'SetBillingAddress', 'ChooseShippingMethod', 'CompleteCart'],
      ...['CreateProduct', 'UpdateProduct', 'AddVariant', 'UpdateVariant', 'RemoveVariant', 'SetVariantPrice'],
      ...['PublishProduct', 'ArchiveProduct', 'PlaceOrder', 'RecordAuthorization', 'RecordCapture', 'RecordVoid'],
      ...['RecordRefund', 'FulfilLines', 'UpdateTracking', 'MarkDelivered', 'CancelOrder', 'CancelLines'],
      ...['RequestReturn', 'ReceiveReturn'],
    ]
    fc.assert(
      fc.property(commandLike(tags), (command) => {
        const result = decider.decide(command, decider.initialState)
        expect(E.isLeft(result) || E.isRight(result)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
