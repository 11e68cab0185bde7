import {
  addVariantCommandSchema,
  createProductCommandSchema,
  parsePromotion,
  parseShippingConfig,
  parseTaxConfig,
} from '@mercato/core'
import { describe, expect, it } from 'vitest'
import { configFromEnv } from '../src/config.js'
import { demoProducts, demoPromotions, demoShipping, demoTax } from '../src/seed-data.js'

describe('demo seed data', () => {
  it('has a few dozen products, each with variants priced in USD and EUR', () => {
    expect(demoProducts.length).toBeGreaterThanOrEqual(24)
    for (const product of demoProducts) {
      expect(product.variants.length).toBeGreaterThan(0)
      for (const variant of product.variants)
        expect(variant.prices.map((p) => p.currency).sort()).toEqual(['EUR', 'USD'])
    }
  })

  it('has unique ids, handles and SKUs', () => {
    const unique = (xs: ReadonlyArray<string>) => new Set(xs).size === xs.length
    expect(unique(demoProducts.map((p) => p.id))).toBe(true)
    expect(unique(demoProducts.map((p) => p.handle))).toBe(true)
    const variants = demoProducts.flatMap((p) => p.variants)
    expect(unique(variants.map((v) => v.id))).toBe(true)
    expect(unique(variants.map((v) => v.sku))).toBe(true)
  })

  it('fits core’s command schemas', () => {
    const at = '2026-01-01T00:00:00Z'
    for (const p of demoProducts) {
      const create = createProductCommandSchema.safeParse({
        _tag: 'CreateProduct',
        productId: p.id,
        handle: p.handle,
        name: p.name,
        description: p.description,
        categoryIds: p.categoryIds,
        options: p.options,
        attributes: p.attributes,
        at,
      })
      expect(create.error).toBeUndefined()
      for (const v of p.variants) {
        const { stock: _stock, ...variant } = v
        expect(
          addVariantCommandSchema.safeParse({ _tag: 'AddVariant', productId: p.id, variant, at }).error,
        ).toBeUndefined()
      }
    }
  })

  it('has a tax setup, shipping rates and two promotion codes that core parses', () => {
    expect(parseTaxConfig(demoTax)._tag).toBe('Right')
    expect(parseShippingConfig(demoShipping)._tag).toBe('Right')
    expect(demoPromotions.map((p) => parsePromotion(p)._tag)).toEqual(['Right', 'Right'])
    expect(demoPromotions.map((p) => p.code)).toEqual(['WELCOME10', 'FREESHIP'])
  })
})

describe('config from the environment', () => {
  it('defaults to SQLite in ./mercato.db on port 3000', () => {
    expect(configFromEnv({})).toEqual({
      database: { kind: 'sqlite', filename: './mercato.db' },
      port: 3000,
      host: '127.0.0.1',
      adminToken: undefined,
      seed: true,
      captureMode: 'on-fulfilment',
      bodyLimitBytes: 100_000,
    })
  })
  it('switches to Postgres with DATABASE_URL and reads PORT and the admin token', () => {
    const config = configFromEnv({ DATABASE_URL: 'postgres://x@h/db', PORT: '8080', MERCATO_ADMIN_TOKEN: 't' })
    expect(config.database).toEqual({ kind: 'postgres', connectionString: 'postgres://x@h/db' })
    expect(config.port).toBe(8080)
    expect(config.adminToken).toBe('t')
  })
  it('refuses a bad PORT', () => {
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(/PORT/)
  })
})
