/**
 * What the checkout and cancel-order scenarios share: the shop they seed (one product, `Tee`, one
 * variant `SKU-1`) and the helpers that read it back and talk to its in-memory provider. Internal
 * to the conformance suites.
 *
 * @module
 */
import { type Commerce, type IdempotencyKey, idempotencyKeyFor, type OrderDetails } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { expect } from 'vitest'
import { expectRight } from '../kernel/conformance-harness.js'
import type { InMemoryPaymentProvider } from '../payment/in-memory-payment-provider.js'

/** How long an attempt or a cancellation is left to the process running it before recovery takes over. */
export const scenarioStaleAfterMs = 60_000

/** The scenarios' shop clock starts here. */
export const scenarioStart = new Date('2026-03-01T10:00:00.000Z')

/** The part of a scenario world the helpers read. */
interface ShopWorld {
  readonly commerce: Commerce
  readonly payments: InMemoryPaymentProvider
}

/**
 * Seeds the scenarios' catalog on `commerce`: `Tee`, published, one variant `SKU-1` at
 * `unitPrice` USD minor units, `onHand` in stock.
 */
export const seedTee = async (
  commerce: Commerce,
  onHand: number,
  unitPrice = 2500,
): Promise<{ readonly productId: string; readonly variantId: string }> => {
  const product = await expectRight(commerce.catalog.createProduct({ handle: 'tee', name: 'Tee' }))
  const withVariant = await expectRight(
    commerce.catalog.addVariant({
      productId: product.id,
      variant: { sku: 'SKU-1', prices: [{ amount: unitPrice, currency: 'USD' }] },
    }),
  )
  await expectRight(commerce.catalog.publishProduct({ productId: product.id }))
  await expectRight(commerce.inventory.setStock({ sku: 'SKU-1', onHand }))
  const variant = withVariant.variants[0]
  return variant === undefined
    ? expect.fail('addVariant answered no variant')
    : { productId: product.id, variantId: variant.id }
}

/** The order as `orders.get` answers it (fails the test when there is none). */
export const orderOf = async (world: ShopWorld, orderId: string): Promise<OrderDetails['order']> =>
  (await expectRight(world.commerce.orders.get(orderId))).order

/** How many times the provider did `operation` (authorize, capture, void, refund…). */
export const countEffects = (world: ShopWorld, operation: string): number =>
  world.payments.effects().filter((e) => e.operation === operation).length

/** Delivers every webhook the provider emitted so far, in order; returns their outcomes. */
export const deliverWebhooks = async (world: ShopWorld): Promise<ReadonlyArray<string>> => {
  const outcomes: string[] = []
  for (const delivery of world.payments.takeWebhooks())
    outcomes.push((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome)
  return outcomes
}

/** A key for a call made outside the shop (a dashboard action). */
export const dashboardKey = (operation: 'capture' | 'refund' | 'void', n: number): IdempotencyKey => {
  const key = idempotencyKeyFor(operation, `dashboard-${n}`)
  return E.isRight(key) ? key.right : expect.fail('bad key')
}
