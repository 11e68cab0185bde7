/**
 * zod schemas for tax configuration at the edge: rates and the store's tax settings, with their
 * defaults (`taxClass: 'standard'`, `rounding: 'half-even'`).
 *
 * @module
 */
import type * as E from 'fp-ts/Either'
import { z } from 'zod'
import { parseInput, type ValidationFailed } from '../kernel/index.js'
import { roundingModeSchema } from '../money/index.js'
import type { TaxConfig, TaxRate, TaxRateId } from './tax.js'

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/**
 * One tax rate: id, name, upper-case alpha-2 `country`, optional `region`, `taxClass` (default
 * `'standard'`) and `basisPoints`, an integer from 0 to 100 000.
 *
 * @example
 * ```ts
 * import { taxRateSchema } from '@mercato/core'
 * taxRateSchema.parse({ id: 'de-vat', name: 'MwSt 19%', country: 'DE', basisPoints: 1900 }).taxClass // 'standard'
 * ```
 * @category tax
 * @since 0.1.0
 */
export const taxRateSchema = z
  .object({
    id: z.string().regex(idPattern),
    name: z.string().min(1).max(200),
    country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case'),
    region: z.string().min(1).max(10).optional(),
    taxClass: z.string().min(1).max(64).default('standard'),
    basisPoints: z.number().int().min(0).max(100_000),
  })
  .transform(
    (r): TaxRate => ({
      id: r.id as TaxRateId,
      name: r.name,
      country: r.country,
      ...(r.region === undefined ? {} : { region: r.region }),
      taxClass: r.taxClass,
      basisPoints: r.basisPoints,
    }),
  )

/**
 * A store's tax settings: `rates`, `pricesIncludeTax`, `calculation` (`'per-line'` or
 * `'per-unit'`), `rounding` (default `'half-even'`), `shippingTaxable` and an optional
 * `shippingTaxClass`. Rate ids must be unique.
 *
 * @example
 * ```ts
 * import { taxConfigSchema } from '@mercato/core'
 * taxConfigSchema.parse({ rates: [], pricesIncludeTax: false, calculation: 'per-line', shippingTaxable: false }).rounding
 * // 'half-even'
 * ```
 * @category tax
 * @since 0.1.0
 */
export const taxConfigSchema = z
  .object({
    rates: z.array(taxRateSchema).refine((rates) => new Set(rates.map((r) => r.id)).size === rates.length, {
      message: 'tax rate ids must be unique',
    }),
    pricesIncludeTax: z.boolean(),
    calculation: z.enum(['per-line', 'per-unit']),
    rounding: roundingModeSchema.default('half-even'),
    shippingTaxable: z.boolean(),
    shippingTaxClass: z.string().min(1).max(64).optional(),
  })
  .transform(
    (c): TaxConfig => ({
      rates: c.rates,
      pricesIncludeTax: c.pricesIncludeTax,
      calculation: c.calculation,
      rounding: c.rounding,
      shippingTaxable: c.shippingTaxable,
      ...(c.shippingTaxClass === undefined ? {} : { shippingTaxClass: c.shippingTaxClass }),
    }),
  )

/**
 * Parses a store's tax settings (see {@link taxConfigSchema}); its error is a `ValidationFailed`
 * listing every offending field.
 *
 * @example
 * ```ts
 * import { parseTaxConfig } from '@mercato/core'
 * parseTaxConfig({ rates: [], pricesIncludeTax: true, calculation: 'per-unit', shippingTaxable: true })._tag // 'Right'
 * ```
 * @category tax
 * @since 0.1.0
 */
export const parseTaxConfig = (input: unknown): E.Either<ValidationFailed, TaxConfig> =>
  parseInput(taxConfigSchema)(input)
