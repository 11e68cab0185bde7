/**
 * Applies the demo seed through the facade: products (created, given variants, published),
 * stock for every SKU, and the two promotion codes. It runs only on an empty catalog, so a
 * restart (or a second instance) does not seed twice.
 *
 * @module
 */
import type { CommercePromiseApi } from '@mercato/core'
import { demoProducts, demoPromotions } from './seed-data.js'

export interface SeedReport {
  /** `false` when the catalog already had products. */
  readonly seeded: boolean
  readonly products: number
  readonly variants: number
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown }

const must = async (what: string, outcome: Promise<Outcome>): Promise<void> => {
  const result = await outcome
  if (!result.ok) throw new Error(`seeding ${what}: ${JSON.stringify(result.error)}`)
}

/** Seeds the demo catalog unless the store already has products. */
export const seedDemoStore = async (api: CommercePromiseApi): Promise<SeedReport> => {
  const existing = await api.catalog.listProducts({ limit: 1 })
  if (!existing.ok) throw new Error(`reading the catalog: ${JSON.stringify(existing.error)}`)
  if (existing.value.items.length > 0) return { seeded: false, products: 0, variants: 0 }
  let variants = 0
  for (const product of demoProducts) {
    await must(
      product.id,
      api.catalog.createProduct({
        productId: product.id,
        handle: product.handle,
        name: product.name,
        description: product.description,
        categoryIds: product.categoryIds,
        options: product.options,
        attributes: product.attributes,
      }),
    )
    for (const { stock, ...variant } of product.variants) {
      await must(variant.id, api.catalog.addVariant({ productId: product.id, variant }))
      await must(variant.sku, api.inventory.setStock({ sku: variant.sku, onHand: stock, reference: 'demo seed' }))
      variants++
    }
    await must(`${product.id} (publish)`, api.catalog.publishProduct({ productId: product.id }))
  }
  for (const promotion of demoPromotions) await must(promotion.id, api.pricing.savePromotion(promotion))
  return { seeded: true, products: demoProducts.length, variants }
}
