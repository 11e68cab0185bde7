/**
 * Fixture builders for `createCommerce`: a plain shop configuration, any field overridable.
 *
 * @module
 */
import type { CommerceConfig } from '@mercato/core'

/**
 * A shop configuration for tests and benchmarks: capture right after the order is written, stock
 * held 15 minutes, no tax rates (prices exclusive, per-line, half-even), no shipping zones or
 * methods. Any field can be overridden.
 *
 * @example
 * ```ts
 * import { aCommerceConfig } from '@mercato/testkit'
 * const config = aCommerceConfig({ captureMode: 'on-fulfilment' })
 * config.tax.rates // []
 * ```
 * @category builders
 * @since 0.1.0
 */
export const aCommerceConfig = (overrides: Partial<CommerceConfig> = {}): CommerceConfig => ({
  captureMode: 'immediate',
  reservationTtlMs: 900_000,
  tax: {
    rates: [],
    pricesIncludeTax: false,
    calculation: 'per-line',
    rounding: 'half-even',
    shippingTaxable: false,
  },
  shipping: { zones: [], methods: [] },
  ...overrides,
})
