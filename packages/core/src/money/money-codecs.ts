/**
 * io-ts codecs for money in storage: what comes back from a database or cache is decoded, so a
 * corrupt amount or currency is a typed failure, never a wrong number.
 *
 * @module
 */
import * as t from 'io-ts'
import { type CurrencyCode, isCurrencyCode } from './currency.js'
import type { Money } from './money.js'

/**
 * An active ISO 4217 code, stored as its string.
 *
 * @example
 * ```ts
 * import { currencyCodeCodec } from '@mercato/core'
 * currencyCodeCodec.decode('EUR')._tag // 'Right'
 * ```
 * @category money
 * @since 0.1.0
 */
export const currencyCodeCodec = new t.Type<CurrencyCode, string, unknown>(
  'CurrencyCode',
  isCurrencyCode,
  (u, c) => (isCurrencyCode(u) ? t.success(u) : t.failure(u, c, 'not an ISO 4217 currency code')),
  (a) => a,
)

const isMoney = (u: unknown): u is Money =>
  typeof u === 'object' &&
  u !== null &&
  'amount' in u &&
  'currency' in u &&
  typeof u.amount === 'number' &&
  Number.isSafeInteger(u.amount) &&
  isCurrencyCode(u.currency)

/**
 * `Money` stored as `{ amount, currency }`: a safe-integer amount of minor units and an active
 * ISO 4217 code. Decoding copies only those two fields.
 *
 * @example
 * ```ts
 * import { moneyCodec } from '@mercato/core'
 * moneyCodec.decode({ amount: 1999, currency: 'USD' })._tag // 'Right'
 * moneyCodec.decode({ amount: 19.99, currency: 'USD' })._tag // 'Left'
 * ```
 * @category money
 * @since 0.1.0
 */
export const moneyCodec = new t.Type<Money, { readonly amount: number; readonly currency: string }, unknown>(
  'Money',
  isMoney,
  (u, c) =>
    isMoney(u)
      ? t.success({ amount: u.amount, currency: u.currency })
      : t.failure(u, c, 'not money (safe-integer amount and ISO 4217 currency)'),
  (m) => ({ amount: m.amount, currency: m.currency }),
)
