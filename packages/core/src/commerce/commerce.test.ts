import {
  aCommerceConfig,
  createInMemoryPaymentProvider,
  createInMemoryStore,
  type InMemoryPaymentProvider,
  type InMemoryStore,
  manualClock,
  sequentialIds,
} from '@mercato/testkit'
import { expectLeft, expectRight } from '@mercato/testkit/conformance'
import { describe, expect, it } from 'vitest'
import type { PaymentId } from '../payment/index.js'
import { createCommerce, toPromiseApi } from './commerce.js'
import type { Commerce } from './commerce-types.js'

const start = new Date('2026-03-01T10:00:00.000Z')

interface World {
  readonly commerce: Commerce
  readonly payments: InMemoryPaymentProvider
  readonly store: InMemoryStore
  readonly productId: string
  readonly variantId: string
  readonly clock: ReturnType<typeof manualClock>
}

const worldOf = async (captureMode: 'immediate' | 'on-fulfilment'): Promise<World> => {
  const store = createInMemoryStore()
  const clock = manualClock(start)
  const payments = createInMemoryPaymentProvider({ clock })
  const commerce = createCommerce({
    store,
    payments,
    clock,
    ids: sequentialIds(),
    config: aCommerceConfig({ captureMode }),
  })
  const product = await expectRight(commerce.catalog.createProduct({ handle: 'tee', name: 'Tee' }))
  const withVariant = await expectRight(
    commerce.catalog.addVariant({
      productId: product.id,
      variant: { sku: 'SKU-1', prices: [{ amount: 2500, currency: 'USD' }] },
    }),
  )
  await expectRight(commerce.catalog.publishProduct({ productId: product.id }))
  await expectRight(commerce.inventory.setStock({ sku: 'SKU-1', onHand: 20 }))
  return { commerce, payments, store, clock, productId: product.id, variantId: withVariant.variants[0]?.id ?? '' }
}

const order = async (world: World, quantity: number, key: string, customerId?: string) => {
  const cart = await expectRight(
    world.commerce.cart.create({ currency: 'USD', ...(customerId === undefined ? {} : { customerId }) }),
  )
  await expectRight(
    world.commerce.cart.addItem({
      cartId: cart.cart.id,
      productId: world.productId,
      variantId: world.variantId,
      quantity,
    }),
  )
  world.clock.advance(1000)
  return expectRight(
    world.commerce.checkout.placeOrder({
      cartId: cart.cart.id,
      idempotencyKey: key,
      payment: { method: 'pm_card_visa' },
    }),
  )
}

const onHand = async (world: World) => (await expectRight(world.commerce.inventory.getStock({ sku: 'SKU-1' }))).onHand

describe('the cart through the facade', () => {
  it('prices every mutation and refuses untrusted input with ValidationFailed', async () => {
    const world = await worldOf('immediate')
    const created = await expectRight(world.commerce.cart.create({ currency: 'USD' }))
    expect(created.totals.grandTotal).toStrictEqual({ amount: 0, currency: 'USD' })
    const added = await expectRight(
      world.commerce.cart.addItem({
        cartId: created.cart.id,
        productId: world.productId,
        variantId: world.variantId,
        quantity: 3,
      }),
    )
    expect(added.version).toBe(2)
    expect(added.totals.grandTotal).toStrictEqual({ amount: 7500, currency: 'USD' })
    const line = added.cart.lines[0]
    if (line === undefined) return expect.fail('no line')
    const updated = await expectRight(
      world.commerce.cart.updateItem({ cartId: created.cart.id, lineId: line.lineId, quantity: 1 }),
    )
    expect(updated.totals.grandTotal.amount).toBe(2500)
    const addressed = await expectRight(
      world.commerce.cart.setShippingAddress({ cartId: created.cart.id, address: { country: 'US', city: 'Austin' } }),
    )
    expect(addressed.cart.shippingAddress).toStrictEqual({ country: 'US', city: 'Austin' })
    const removed = await expectRight(world.commerce.cart.removeItem({ cartId: created.cart.id, lineId: line.lineId }))
    expect(removed.cart.lines).toStrictEqual([])
    const untrusted: unknown = { cartId: 42, productId: null, quantity: '3' }
    expect((await expectLeft(world.commerce.cart.addItem(untrusted as never)))._tag).toBe('ValidationFailed')
    expect((await expectLeft(world.commerce.checkout.placeOrder({} as never)))._tag).toBe('ValidationFailed')
    expect(await expectLeft(world.commerce.cart.get('cart_missing'))).toStrictEqual({
      _tag: 'CartNotFound',
      cartId: 'cart_missing',
    })
  })
})

describe('the order lifecycle through the facade', () => {
  it('captures partially, fulfils with tracking (capturing what shipped), delivers, refunds within captured, returns with restock', async () => {
    const world = await worldOf('on-fulfilment')
    const placed = await order(world, 4, 'k-1')
    expect(placed.status).toBe('authorized')
    expect(await onHand(world)).toBe(16)
    const orderId = placed.orderId

    const partial = await expectRight(world.commerce.orders.capture({ orderId, amount: 3000 }))
    expect(partial.summary.paymentStatus).toBe('partially_captured')

    const lineId = partial.order.lines[0]?.lineId ?? ''
    const fulfilled = await expectRight(
      world.commerce.orders.fulfil({
        orderId,
        shipmentId: 'ship-1',
        lines: [{ lineId, quantity: 2 }],
        carrier: 'UPS',
        trackingNumber: '1Z999',
      }),
    )
    expect(fulfilled.order.shipments[0]).toMatchObject({
      shipmentId: 'ship-1',
      carrier: 'UPS',
      trackingNumber: '1Z999',
    })
    expect(fulfilled.order.payment.captured.amount).toBe(5000)
    expect(fulfilled.summary.fulfilmentStatus).toBe('partially_fulfilled')

    const delivered = await expectRight(world.commerce.orders.markDelivered({ orderId, shipmentId: 'ship-1' }))
    expect(delivered.order.shipments[0]?.deliveredAt).toBeInstanceOf(Date)
    expect(delivered.order.lines[0]?.delivered).toBe(2)

    expect((await expectLeft(world.commerce.orders.refund({ orderId, amount: 5001 })))._tag).toBe(
      'RefundExceedsCaptured',
    )
    const refunded = await expectRight(
      world.commerce.orders.refund({ orderId, amount: 1000, lines: [{ lineId, quantity: 1 }] }),
    )
    expect(refunded.order.payment.refunded.amount).toBe(1000)

    await expectRight(
      world.commerce.orders.requestReturn({ orderId, returnId: 'ret-1', lines: [{ lineId, quantity: 1 }] }),
    )
    const received = await expectRight(
      world.commerce.orders.receiveReturn({
        orderId,
        returnId: 'ret-1',
        restock: true,
        lines: [{ lineId, quantity: 1 }],
      }),
    )
    expect(received.order.lines[0]?.restocked).toBe(1)
    expect(await onHand(world)).toBe(17)

    const status = await expectRight(world.payments.retrieve(received.order.payment.paymentId as PaymentId))
    expect(status.captured.amount).toBe(5000)
    expect(status.refunded.amount).toBe(1000)
  })

  it('a return received without restock leaves stock alone', async () => {
    const world = await worldOf('immediate')
    const placed = await order(world, 2, 'k-1')
    const details = await expectRight(world.commerce.orders.get(placed.orderId))
    const lineId = details.order.lines[0]?.lineId ?? ''
    await expectRight(world.commerce.orders.fulfil({ orderId: placed.orderId, lines: [{ lineId, quantity: 2 }] }))
    await expectRight(
      world.commerce.orders.requestReturn({
        orderId: placed.orderId,
        returnId: 'ret-1',
        lines: [{ lineId, quantity: 1 }],
      }),
    )
    await expectRight(
      world.commerce.orders.receiveReturn({
        orderId: placed.orderId,
        returnId: 'ret-1',
        restock: false,
        lines: [{ lineId, quantity: 1 }],
      }),
    )
    expect(await onHand(world)).toBe(18)
  })

  it('cancel voids an uncaptured authorization and restocks; cancel refunds a captured one', async () => {
    const lazy = await worldOf('on-fulfilment')
    const a = await order(lazy, 3, 'k-1')
    const cancelled = await expectRight(lazy.commerce.orders.cancel({ orderId: a.orderId, reason: 'customer asked' }))
    expect(cancelled.summary.status).toBe('cancelled')
    expect(cancelled.order.payment.voided.amount).toBe(7500)
    expect(await onHand(lazy)).toBe(20)
    expect(lazy.payments.effects().filter((e) => e.operation === 'void')).toHaveLength(1)
    expect((await expectLeft(lazy.commerce.orders.cancel({ orderId: a.orderId, reason: 'again' })))._tag).toBe(
      'OrderAlreadyCancelled',
    )

    const eager = await worldOf('immediate')
    const b = await order(eager, 2, 'k-1')
    const refunded = await expectRight(eager.commerce.orders.cancel({ orderId: b.orderId, reason: 'out of stock' }))
    expect(refunded.order.payment.refunded.amount).toBe(5000)
    expect(await onHand(eager)).toBe(20)
  })

  it('refuses an unknown order with OrderNotFound', async () => {
    const world = await worldOf('immediate')
    expect(await expectLeft(world.commerce.orders.get('order_404'))).toStrictEqual({
      _tag: 'OrderNotFound',
      orderId: 'order_404',
    })
  })
})

describe('order read models', () => {
  it('list filters and pages with a cursor, history is per customer, and a rebuild from the events gives the same rows', async () => {
    const world = await worldOf('on-fulfilment')
    const placed: Array<{ readonly orderId: string }> = []
    for (let i = 0; i < 7; i++) placed.push(await order(world, 1, `k-${i}`, i % 2 === 0 ? 'cust_even' : 'cust_odd'))
    await expectRight(world.commerce.orders.capture({ orderId: placed[0]?.orderId ?? '' }))
    await expectRight(world.commerce.orders.cancel({ orderId: placed[1]?.orderId ?? '', reason: 'changed mind' }))

    const seen: string[] = []
    let cursor: string | undefined
    for (;;) {
      const page = await expectRight(
        world.commerce.orders.list({ limit: 3, ...(cursor === undefined ? {} : { cursor }) }),
      )
      seen.push(...page.rows.map((r) => r.orderId))
      if (page.nextCursor === undefined) break
      cursor = page.nextCursor
    }
    expect(seen).toStrictEqual([...placed].reverse().map((p) => p.orderId))

    const cancelled = await expectRight(world.commerce.orders.list({ status: 'cancelled' }))
    expect(cancelled.rows.map((r) => r.orderId)).toStrictEqual([placed[1]?.orderId])
    const captured = await expectRight(world.commerce.orders.list({ paymentStatus: ['captured'] }))
    expect(captured.rows.map((r) => r.orderId)).toStrictEqual([placed[0]?.orderId])

    const history = await expectRight(world.commerce.orders.history({ customerId: 'cust_even' }))
    expect(history.rows.map((r) => r.orderId)).toStrictEqual([6, 4, 2, 0].map((i) => placed[i]?.orderId))

    const live = await expectRight(world.commerce.orders.list({ limit: 100 }))
    expect(await expectRight(world.commerce.orders.rebuildViews())).toBe(7)
    expect(await expectRight(world.commerce.orders.list({ limit: 100 }))).toStrictEqual(live)
    expect((await expectLeft(world.commerce.orders.list({ cursor: 'garbage' })))._tag).toBe('ValidationFailed')
  })
})

describe('toPromiseApi', () => {
  it('returns { ok: true, value } and { ok: false, error } and never rejects', async () => {
    const world = await worldOf('immediate')
    const api = toPromiseApi(world.commerce)
    const ok = await api.cart.create({ currency: 'USD' })
    expect(ok.ok && ok.value.cart.currency).toBe('USD')
    const bad = await api.cart.create({ currency: 'XXX-NOPE' })
    expect(!bad.ok && bad.error._tag).toBe('ValidationFailed')
  })
})
