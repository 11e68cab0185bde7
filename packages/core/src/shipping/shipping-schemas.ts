/**
 * zod schemas for shipping configuration at the edge: zones, methods (flat or weight-tiered) and
 * a whole shipping setup whose methods point at existing zones.
 *
 * @module
 */
import type * as E from 'fp-ts/Either'
import { z } from 'zod'
import { parseInput, type ValidationFailed } from '../kernel/index.js'
import { currencyCodeSchema, type Money, nonNegativeMoneySchema } from '../money/index.js'
import type {
  ShippingMethod,
  ShippingMethodId,
  ShippingRate,
  ShippingZone,
  ShippingZoneId,
  WeightTier,
} from './shipping.js'

const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/)
const countrySchema = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case')

/**
 * A shipping zone: id, name, at least one country, and optionally per-country region lists.
 *
 * @example
 * ```ts
 * import { shippingZoneSchema } from '@mercato/core'
 * shippingZoneSchema.parse({ id: 'us-west', name: 'US West', countries: ['US'], regions: { US: ['CA', 'OR'] } })
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const shippingZoneSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    countries: z.array(countrySchema).min(1),
    regions: z.record(countrySchema, z.array(z.string().min(1).max(10)).min(1)).optional(),
  })
  .transform(
    (zone): ShippingZone => ({
      id: zone.id as ShippingZoneId,
      name: zone.name,
      countries: zone.countries,
      ...(zone.regions === undefined ? {} : { regions: zone.regions }),
    }),
  )

const tierSchema = z.object({
  upToGrams: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  amount: nonNegativeMoneySchema,
})

const rateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flat'), amount: nonNegativeMoneySchema }),
  z.object({ kind: z.literal('weight-tiered'), tiers: z.array(tierSchema).min(1) }),
])

const tiersAscend = (tiers: ReadonlyArray<WeightTier>): boolean =>
  tiers.every((t, i) => {
    const previous = tiers[i - 1]
    if (t.upToGrams === null) return i === tiers.length - 1
    return previous === undefined || (previous.upToGrams !== null && previous.upToGrams < t.upToGrams)
  })

const amountsOf = (rate: ShippingRate): ReadonlyArray<Money> =>
  rate.kind === 'flat' ? [rate.amount] : rate.tiers.map((t) => t.amount)

/**
 * A shipping method: id, name, zone id, currency, a flat or weight-tiered rate (tiers ascending,
 * only the last may have `upToGrams: null`), optional `freeOver` and `taxClass`. Every amount is
 * in the method's currency.
 *
 * @example
 * ```ts
 * import { shippingMethodSchema } from '@mercato/core'
 * shippingMethodSchema.parse({ id: 'ground', name: 'Ground', zoneId: 'us', currency: 'USD',
 *   rate: { kind: 'flat', amount: { amount: 599, currency: 'USD' } } })
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const shippingMethodSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    zoneId: idSchema,
    currency: currencyCodeSchema,
    rate: rateSchema,
    freeOver: nonNegativeMoneySchema.optional(),
    taxClass: z.string().min(1).max(64).optional(),
  })
  .refine((m) => m.rate.kind === 'flat' || tiersAscend(m.rate.tiers), {
    message: 'tiers must ascend; only the last may have no upper bound',
    path: ['rate', 'tiers'],
  })
  .refine(
    (m) =>
      [...amountsOf(m.rate), ...(m.freeOver === undefined ? [] : [m.freeOver])].every((a) => a.currency === m.currency),
    { message: 'every amount must be in the method currency', path: ['currency'] },
  )
  .transform(
    (m): ShippingMethod => ({
      id: m.id as ShippingMethodId,
      name: m.name,
      zoneId: m.zoneId as ShippingZoneId,
      currency: m.currency,
      rate: m.rate,
      ...(m.freeOver === undefined ? {} : { freeOver: m.freeOver }),
      ...(m.taxClass === undefined ? {} : { taxClass: m.taxClass }),
    }),
  )

/**
 * A store's shipping setup: zones and methods, ids unique, every method's zone present.
 *
 * @example
 * ```ts
 * import { shippingConfigSchema } from '@mercato/core'
 * shippingConfigSchema.safeParse({ zones: [], methods: [] }).success // true
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const shippingConfigSchema = z
  .object({ zones: z.array(shippingZoneSchema), methods: z.array(shippingMethodSchema) })
  .refine((c) => new Set(c.zones.map((zone) => zone.id)).size === c.zones.length, {
    message: 'zone ids must be unique',
    path: ['zones'],
  })
  .refine((c) => new Set(c.methods.map((m) => m.id)).size === c.methods.length, {
    message: 'method ids must be unique',
    path: ['methods'],
  })
  .refine((c) => c.methods.every((m) => c.zones.some((zone) => zone.id === m.zoneId)), {
    message: 'every method must point at a configured zone',
    path: ['methods'],
  })

/**
 * A parsed shipping setup: the zones and the methods that ship into them.
 *
 * @example
 * ```ts
 * import type { ShippingConfig } from '@mercato/core'
 * const none: ShippingConfig = { zones: [], methods: [] }
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface ShippingConfig {
  readonly zones: ReadonlyArray<ShippingZone>
  readonly methods: ReadonlyArray<ShippingMethod>
}

/**
 * Parses a shipping setup (see {@link shippingConfigSchema}); its error is a `ValidationFailed`
 * listing every offending field.
 *
 * @example
 * ```ts
 * import { parseShippingConfig } from '@mercato/core'
 * parseShippingConfig({ zones: [], methods: [] })._tag // 'Right'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const parseShippingConfig = (input: unknown): E.Either<ValidationFailed, ShippingConfig> =>
  parseInput(shippingConfigSchema)(input)
