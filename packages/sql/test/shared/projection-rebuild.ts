/**
 * Projections rebuilt from the event stream give the same rows as live projection, shared by the
 * SQLite and Postgres test files: orders are placed, captured and cancelled through
 * `createCommerce` on the store (which keeps the order views live), then the order summary
 * projection is rebuilt from the stored events, caught up in steps, and the views rebuilt.
 */
import {
  type CommerceStore,
  catchUpProjection,
  createCommerce,
  type OrderSummaryRow,
  orderSummaryProjection,
  rebuildProjection,
} from '@mercato/core'
import { aCommerceConfig, createInMemoryPaymentProvider, manualClock, sequentialIds } from '@mercato/testkit'
import { expectRight } from '@mercato/testkit/conformance'
import { expect, it } from 'vitest'

const newestFirst = (rows: Iterable<OrderSummaryRow>): ReadonlyArray<OrderSummaryRow> =>
  [...rows].sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime() || (a.orderId < b.orderId ? 1 : -1))

/** Registers the rebuild test; `open` gives a fresh, migrated store. */
export const describeProjectionRebuild = (open: () => Promise<CommerceStore>): void => {
  it('the order summary projection rebuilt from the events, or caught up in steps, equals the live rows', async () => {
    const store = await open()
    const clock = manualClock(new Date('2026-03-01T10:00:00.000Z'))
    const commerce = createCommerce({
      store,
      payments: createInMemoryPaymentProvider({ clock }),
      clock,
      ids: sequentialIds(),
      config: aCommerceConfig({ captureMode: 'on-fulfilment' }),
    })
    const product = await expectRight(commerce.catalog.createProduct({ handle: 'tee', name: 'Tee' }))
    const withVariant = await expectRight(
      commerce.catalog.addVariant({
        productId: product.id,
        variant: { sku: 'SKU-1', prices: [{ amount: 2500, currency: 'USD' }] },
      }),
    )
    await expectRight(commerce.catalog.publishProduct({ productId: product.id }))
    await expectRight(commerce.inventory.setStock({ sku: 'SKU-1', onHand: 50 }))
    const placed = []
    for (let i = 0; i < 7; i++) {
      const customerId = i % 2 === 0 ? 'cust_even' : 'cust_odd'
      const cart = await expectRight(commerce.cart.create({ currency: 'USD', customerId }))
      await expectRight(
        commerce.cart.addItem({
          cartId: cart.cart.id,
          productId: product.id,
          variantId: withVariant.variants[0]?.id ?? '',
          quantity: 1 + (i % 3),
        }),
      )
      clock.advance(1000)
      placed.push(
        await expectRight(
          commerce.checkout.placeOrder({
            cartId: cart.cart.id,
            idempotencyKey: `k-${i}`,
            payment: { method: 'pm_card_visa' },
          }),
        ),
      )
    }
    await expectRight(commerce.orders.capture({ orderId: placed[0]?.orderId ?? '' }))
    await expectRight(commerce.orders.cancel({ orderId: placed[1]?.orderId ?? '', reason: 'changed mind' }))

    const live = await expectRight(store.orderViews.list({ limit: 100 }))
    expect(live.rows).toHaveLength(7)

    const rebuilt = await expectRight(rebuildProjection(store.events, orderSummaryProjection, 3))
    expect(rebuilt.state.corrupt).toEqual([])
    expect(newestFirst(rebuilt.state.rows.values())).toEqual(live.rows)

    // Caught up in two steps (as a projection worker does): the same state.
    const firstPart = await expectRight(
      catchUpProjection(store.events, orderSummaryProjection, { state: orderSummaryProjection.init, position: 0 }, 2),
    )
    const caughtUp = await expectRight(catchUpProjection(store.events, orderSummaryProjection, firstPart, 5))
    expect(caughtUp.position).toBe(rebuilt.position)
    expect(newestFirst(caughtUp.state.rows.values())).toEqual(live.rows)

    // The stored views rebuilt from the stream read back as the live ones did.
    expect(await expectRight(commerce.orders.rebuildViews())).toBe(7)
    expect(await expectRight(store.orderViews.list({ limit: 100 }))).toEqual(live)
  })
}
