/**
 * zod schemas for money at the edge: currency codes, minor-unit amounts and `Money` objects.
 *
 * @module
 */
import { z } from 'zod'
import { type CurrencyCode, isCurrencyCode } from './currency.js'
import { roundingModes } from './rounding.js'

/**
 * An active ISO 4217 code, upper case.
 *
 * @example
 * ```ts
 * import { currencyCodeSchema } from '@mercato/core'
 * currencyCodeSchema.safeParse('EUR').success // true
 * ```
 * @category money
 * @since 0.1.0
 */
export const currencyCodeSchema = z
  .string()
  .refine(isCurrencyCode, { message: 'unknown ISO 4217 currency code' })
  .transform((code) => code as CurrencyCode)

/**
 * A whole number of minor units within the safe integer range.
 *
 * @example
 * ```ts
 * import { minorUnitsSchema } from '@mercato/core'
 * minorUnitsSchema.safeParse(12.5).success // false
 * ```
 * @category money
 * @since 0.1.0
 */
export const minorUnitsSchema = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)

/**
 * `{ amount, currency }` with integer minor units.
 *
 * @example
 * ```ts
 * import { moneySchema } from '@mercato/core'
 * moneySchema.safeParse({ amount: 1999, currency: 'USD' }).success // true
 * ```
 * @category money
 * @since 0.1.0
 */
export const moneySchema = z.object({ amount: minorUnitsSchema, currency: currencyCodeSchema })

/**
 * A non-negative `Money` (prices, limits, thresholds).
 *
 * @example
 * ```ts
 * import { nonNegativeMoneySchema } from '@mercato/core'
 * nonNegativeMoneySchema.safeParse({ amount: -1, currency: 'USD' }).success // false
 * ```
 * @category money
 * @since 0.1.0
 */
export const nonNegativeMoneySchema = z.object({ amount: minorUnitsSchema.min(0), currency: currencyCodeSchema })

/**
 * One of the named rounding modes.
 *
 * @example
 * ```ts
 * import { roundingModeSchema } from '@mercato/core'
 * roundingModeSchema.parse('half-even')
 * ```
 * @category money
 * @since 0.1.0
 */
export const roundingModeSchema = z.enum(roundingModes as unknown as readonly ['half-even', 'half-up', 'down', 'up'])
