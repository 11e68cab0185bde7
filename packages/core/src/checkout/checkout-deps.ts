/**
 * What the checkout saga and the order use cases share: their dependencies, pricing a cart
 * from the stores, and reading and writing an order stream (events, outbox, summary row).
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import type { Cart, CartTotals, PriceCartError, PricingContext, VariantPricing } from '../cart/index.js'
import { priceCart } from '../cart/index.js'
import type { Product, ProductId, VariantId } from '../catalog/index.js'
import { type NewEvent, outboxMessageOf } from '../events/index.js'
import type {
  Clock,
  ConcurrencyConflict,
  CorruptRecord,
  IdGenerator,
  InfrastructureError,
  Logger,
  TransactionalPorts,
  UnitOfWork,
} from '../kernel/index.js'
import {
  decodeOrderEvent,
  encodeOrderEvent,
  evolveOrder,
  evolveOrderSummary,
  initialOrderState,
  type OrderEvent,
  type OrderId,
  type OrderState,
  type OrderSummaryRow,
} from '../order/index.js'
import type { PaymentProvider } from '../payment/index.js'
import type { Promotion, PromotionId } from '../pricing/index.js'
import type { ShippingConfig } from '../shipping/index.js'
import type { TaxConfig } from '../tax/index.js'
import type { CheckoutCheckpoint } from './checkout-errors.js'

/**
 * The dependencies of the checkout saga and the order use cases (what `createCommerce` builds
 * from its options, defaults filled in).
 *
 * @category checkout
 * @since 0.1.0
 */
export interface CheckoutDeps {
  readonly store: TransactionalPorts & { readonly unitOfWork: UnitOfWork<TransactionalPorts> }
  readonly payments: PaymentProvider
  readonly clock: Clock
  readonly ids: IdGenerator
  readonly logger: Logger
  readonly config: {
    readonly captureMode: 'immediate' | 'on-fulfilment'
    readonly reservationTtlMs: number
    readonly tax: TaxConfig
    readonly shipping: ShippingConfig
    readonly payLater: boolean
    readonly idempotencyTtlMs: number
    readonly staleAfterMs: number
    readonly webhookReorderWindowMs: number
    readonly returnUrl?: string
  }
  readonly checkpoint: (checkpoint: CheckoutCheckpoint) => 'continue' | 'halt'
}

/**
 * A priced cart and the promotions its price relied on.
 *
 * @category checkout
 * @since 0.1.0
 */
export interface PricedCart {
  readonly totals: CartTotals
  readonly promotions: ReadonlyArray<Promotion>
}

/**
 * Prices a cart from the stores: the products of its lines, the price lists and active
 * promotions of its currency, and the promotions' usage; then the pure `priceCart`. `known`
 * are products the caller already loaded in the same use case (the one `cart.addItem` decided
 * with): they are used as they are, and only the other lines' products are read.
 *
 * @example
 * ```ts
 * import { priceStoredCart, type CheckoutDeps, type Cart } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * declare const cart: Cart
 * const priced = priceStoredCart(deps, deps.store)(cart)
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const priceStoredCart =
  (deps: CheckoutDeps, ports: TransactionalPorts, known: ReadonlyArray<Product> = []) =>
  (cart: Cart): TE.TaskEither<PriceCartError | CorruptRecord | InfrastructureError, PricedCart> => {
    const now = deps.clock.now()
    const knownIds = new Set<ProductId>(known.map((p) => p.id))
    const missing = [...new Set(cart.lines.map((l) => l.productId))].filter((id) => !knownIds.has(id))
    // Four reads in sequence, then the pure pricing: run on every cart view and checkout.
    return async () => {
      let products = known
      if (missing.length > 0) {
        const loaded = await ports.products.getMany(missing)()
        if (E.isLeft(loaded)) return loaded
        products = [...known, ...loaded.right]
      }
      const priceLists = await ports.pricing.priceLists(cart.currency)()
      if (E.isLeft(priceLists)) return priceLists
      const promotions = await ports.pricing.activePromotions(cart.currency, now)()
      if (E.isLeft(promotions)) return promotions
      const usage = await ports.promotionUsage.usage(
        promotions.right.map((p) => p.id),
        cart.customerId,
      )()
      if (E.isLeft(usage)) return usage
      const catalog = new Map<VariantId, VariantPricing>()
      for (const product of products)
        for (const variant of product.variants)
          catalog.set(variant.id, {
            basePrices: variant.prices,
            weightGrams: variant.weightGrams,
            taxClass: variant.taxClass,
          })
      const taxAddress = cart.shippingAddress ?? cart.billingAddress
      const ctx: PricingContext = {
        now,
        catalog,
        priceLists: priceLists.right,
        promotions: promotions.right,
        promotionUsage: usage.right,
        tax: deps.config.tax,
        ...(taxAddress === undefined ? {} : { taxAddress }),
        customer: cart.customerId === undefined ? {} : { id: cart.customerId },
        shipping: deps.config.shipping,
      }
      return pipe(
        priceCart(ctx)(cart),
        E.map((totals) => ({ totals, promotions: promotions.right })),
      )
    }
  }

/**
 * The promotions a priced cart used (their discounts or free shipping), by id.
 *
 * @example
 * ```ts
 * import { promotionsUsed, type PricedCart } from '@mercato/core'
 * declare const priced: PricedCart
 * promotionsUsed(priced).map((p) => p.id)
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const promotionsUsed = (priced: PricedCart): ReadonlyArray<Promotion> => {
  const ids = new Set<PromotionId>(priced.totals.discountsByPromotion.map((d) => d.promotionId))
  const free = priced.totals.shipping?.freeShippingPromotion
  if (free !== undefined && free !== null) ids.add(free)
  return priced.promotions.filter((p) => ids.has(p.id))
}

/**
 * The event stream of an order: `order-<orderId>`.
 *
 * @example
 * ```ts
 * import { orderStreamId, type OrderId } from '@mercato/core'
 * orderStreamId('order_1' as OrderId) // 'order-order_1'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const orderStreamId = (orderId: OrderId): string => `order-${orderId}`

/**
 * An order folded from its stream, and the stream's version (0: no order).
 *
 * @category checkout
 * @since 0.1.0
 */
export interface LoadedOrder {
  readonly state: OrderState
  readonly version: number
}

/**
 * Reads and folds an order's stream; an event that does not decode is `CorruptRecord`.
 *
 * @example
 * ```ts
 * import { loadOrder, type OrderId, type TransactionalPorts } from '@mercato/core'
 * declare const ports: TransactionalPorts
 * const loaded = loadOrder(ports)('order_1' as OrderId)
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const loadOrder =
  (ports: Pick<TransactionalPorts, 'events'>) =>
  (orderId: OrderId): TE.TaskEither<CorruptRecord | InfrastructureError, LoadedOrder> =>
    pipe(
      ports.events.readStream(orderStreamId(orderId)),
      TE.flatMapEither((stored) =>
        pipe(
          stored.map((event) => decodeOrderEvent(event.eventId)(event)),
          E.sequenceArray,
          E.map((events) => ({
            state: events.reduce(evolveOrder, initialOrderState),
            version: stored.at(-1)?.version ?? 0,
          })),
        ),
      ),
    )

/**
 * Appends order events to the order's stream at `expectedVersion`, enqueues them in the outbox
 * and brings the order's summary row up to date, with the given (transaction-bound) ports.
 * `knownRow` is the summary row as the caller saw it at `expectedVersion` (it came with that
 * version): given, it is not read again. Errors: `ConcurrencyConflict` when the stream is not at
 * `expectedVersion`, `InfrastructureError`.
 *
 * @example
 * ```ts
 * import { appendOrderEvents, type OrderEvent, type OrderId, type TransactionalPorts, type IdGenerator } from '@mercato/core'
 * declare const ports: TransactionalPorts
 * declare const ids: IdGenerator
 * declare const events: ReadonlyArray<OrderEvent>
 * const written = appendOrderEvents(ports, ids)('order_1' as OrderId, 0, events)
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const appendOrderEvents =
  (ports: TransactionalPorts, ids: IdGenerator) =>
  (
    orderId: OrderId,
    expectedVersion: number,
    events: ReadonlyArray<OrderEvent>,
    knownRow?: O.Option<OrderSummaryRow>,
  ): TE.TaskEither<ConcurrencyConflict | InfrastructureError, O.Option<OrderSummaryRow>> => {
    if (events.length === 0) return ports.orderViews.get(orderId)
    const newEvents: ReadonlyArray<NewEvent> = events.map((event) => ({
      eventId: ids.next('evt'),
      ...encodeOrderEvent(event),
    }))
    // Steps in sequence, each stopping at its Left: the hot path of every order write.
    return async () => {
      const appended = await ports.events.append(orderStreamId(orderId), expectedVersion, newEvents)()
      if (E.isLeft(appended)) return appended
      const enqueued = await ports.outbox.enqueue(newEvents.map(outboxMessageOf))()
      if (E.isLeft(enqueued)) return enqueued
      // The summary row is written with the stream's events, so a new stream has none to read, and
      // the row the caller saw at `expectedVersion` is still the row once the append succeeded.
      const current =
        expectedVersion === 0
          ? E.right(O.none)
          : knownRow !== undefined
            ? E.right(knownRow)
            : await ports.orderViews.get(orderId)()
      if (E.isLeft(current)) return current
      const row = events.reduce<OrderSummaryRow | undefined>(evolveOrderSummary, O.toUndefined(current.right))
      if (row === undefined) return E.right(O.none)
      const saved = await ports.orderViews.save(row)()
      return E.isLeft(saved) ? saved : E.right(O.some(row))
    }
  }
