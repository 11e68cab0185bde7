/**
 * `createCommerce`: the application layer. Builds every use case over a store, a payment
 * provider, a clock and an id generator; each parses its input with zod at the boundary and
 * returns a `TaskEither` whose left is the closed union of that use case.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import { z } from 'zod'
import {
  type Cart,
  type CartCommand,
  type CartLineId,
  cartAddressSchema,
  cartIdSchema,
  cartLineIdSchema,
  cartNotFound,
  chooseShippingMethodInputSchema,
  createCartInputSchema,
  decideBuiltCart,
  evolveCart,
  initialCart,
  type StoredCart,
} from '../cart/index.js'
import {
  type CatalogCommand,
  decideCatalog,
  evolveCatalog,
  type Product,
  parseAddVariant,
  parseArchiveProduct,
  parseCreateProduct,
  parseProductId,
  parseProductQuery,
  parsePublishProduct,
  parseSetVariantPrice,
  parseUpdateProduct,
  parseUpdateVariant,
  productIdSchema,
  productNotFound,
  skuSchema,
  variantIdSchema,
  versionOf,
} from '../catalog/index.js'
import {
  appendOrderEvents,
  type CheckoutDeps,
  captureDue,
  finishCancellation,
  handlePaymentWebhook,
  loadOrder,
  orderStreamId,
  placeOrder,
  priceStoredCart,
  recoverCheckouts,
  refundOrder,
} from '../checkout/index.js'
import { relayOutbox } from '../events/index.js'
import { defaultLocationId, parseLocationId } from '../inventory/index.js'
import {
  type CorruptRecord,
  corruptRecordFault,
  type InfrastructureError,
  infrastructureError,
  parseInput,
  randomIds,
  silentLogger,
  systemClock,
  type TransactionalPorts,
  type ValidationFailed,
} from '../kernel/index.js'
import {
  decideOrder,
  decodeOrderEvent,
  evolveOrder,
  evolveOrderSummary,
  initialOrderState,
  type Order,
  type OrderCommand,
  type OrderEvent,
  type OrderId,
  type OrderSummaryRow,
  orderAlreadyCancelled,
  orderListQuerySchema,
  orderNotFound,
  parseOrderId,
  parseOrderLineId,
  parseReturnId,
  parseShipmentId,
  type ReturnId,
  refundable,
  type ShipmentId,
} from '../order/index.js'
import { parsePriceList, parsePromotion } from '../pricing/index.js'
import type {
  CartUseCaseError,
  CartView,
  CatalogCommandError,
  Commerce,
  CommerceOptions,
  CommercePromiseApi,
  OrderCommandError,
  OrderDetails,
} from './commerce-types.js'

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)
const fields = (u: unknown): Readonly<Record<string, unknown>> => (isRecord(u) ? u : {})
const branded = <A>(parse: (u: unknown) => E.Either<ValidationFailed, A>, message: string) =>
  z.string().transform((s, ctx) => {
    const r = parse(s)
    if (E.isLeft(r)) {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return r.right
  })
const orderIdSchema = branded(parseOrderId, 'not a valid order id')
const lineQuantitiesSchema = z
  .array(z.object({ lineId: branded(parseOrderLineId, 'not a valid line id'), quantity: z.number().int().min(1) }))
  .min(1)
  .max(500)

const someOr =
  <Err, A>(onNone: () => Err) =>
  (found: O.Option<A>): TE.TaskEither<Err, A> =>
    O.isNone(found) ? TE.left(onNone()) : TE.right(found.value)

/**
 * Builds the application layer. Defaults: `systemClock`, `randomIds`, `silentLogger`,
 * `payLater: false`, idempotency keys kept 24 h, attempts stale after 60 s.
 *
 * @example
 * ```ts
 * import { createCommerce, type CommerceOptions } from '@mercato/core'
 * declare const options: CommerceOptions
 * const commerce = createCommerce(options)
 * // const view = await commerce.cart.create({ currency: 'EUR' })()
 * ```
 * @category commerce
 * @since 0.1.0
 */
export const createCommerce = (options: CommerceOptions): Commerce => {
  const { store } = options
  const hooks = options.hooks
  const deps: CheckoutDeps = {
    store,
    payments: options.payments,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    logger: options.logger ?? silentLogger,
    config: {
      captureMode: options.config.captureMode,
      reservationTtlMs: options.config.reservationTtlMs,
      tax: options.config.tax,
      shipping: options.config.shipping,
      payLater: options.config.payLater === true,
      idempotencyTtlMs: options.config.idempotencyTtlMs ?? 24 * 60 * 60 * 1000,
      staleAfterMs: options.config.staleAfterMs ?? 60_000,
      webhookReorderWindowMs: options.config.webhookReorderWindowMs ?? 24 * 60 * 60 * 1000,
      ...(options.config.returnUrl === undefined ? {} : { returnUrl: options.config.returnUrl }),
    },
    checkpoint: (point) => hooks?.checkpoint?.(point) ?? 'continue',
  }
  const { clock, ids } = deps

  // -- catalog ---------------------------------------------------------------------------------

  const runCatalog = (
    command: E.Either<ValidationFailed, CatalogCommand>,
  ): TE.TaskEither<CatalogCommandError, Product> =>
    pipe(
      TE.fromEither(command),
      TE.flatMap((cmd) =>
        pipe(
          store.products.get(cmd.productId),
          TE.flatMapEither((state) =>
            pipe(
              decideCatalog(cmd, state),
              E.map((events) => ({ state, next: events.reduce(evolveCatalog, state) })),
            ),
          ),
          TE.flatMap(
            ({ state, next }): TE.TaskEither<CatalogCommandError, Product> =>
              O.isNone(next)
                ? TE.left(productNotFound(cmd.productId))
                : pipe(
                    store.products.save(next.value, versionOf(state)),
                    TE.map((): Product => next.value),
                  ),
          ),
        ),
      ),
    )

  const catalog: Commerce['catalog'] = {
    createProduct: (input) =>
      runCatalog(
        parseCreateProduct({ productId: ids.next('prod'), ...fields(input), _tag: 'CreateProduct', at: clock.now() }),
      ),
    updateProduct: (input) =>
      runCatalog(parseUpdateProduct({ ...fields(input), _tag: 'UpdateProduct', at: clock.now() })),
    addVariant: (input) => {
      const f = fields(input)
      return runCatalog(
        parseAddVariant({
          ...f,
          variant: { id: ids.next('var'), ...fields(f.variant) },
          _tag: 'AddVariant',
          at: clock.now(),
        }),
      )
    },
    updateVariant: (input) =>
      runCatalog(parseUpdateVariant({ ...fields(input), _tag: 'UpdateVariant', at: clock.now() })),
    setVariantPrice: (input) =>
      runCatalog(parseSetVariantPrice({ ...fields(input), _tag: 'SetVariantPrice', at: clock.now() })),
    publishProduct: (input) =>
      runCatalog(parsePublishProduct({ ...fields(input), _tag: 'PublishProduct', at: clock.now() })),
    archiveProduct: (input) =>
      runCatalog(parseArchiveProduct({ ...fields(input), _tag: 'ArchiveProduct', at: clock.now() })),
    getProduct: (productId) =>
      pipe(
        TE.fromEither(parseProductId(productId)),
        TE.flatMap((id) => pipe(store.products.get(id), TE.flatMap(someOr(() => productNotFound(id))))),
      ),
    listProducts: (query) => pipe(TE.fromEither(parseProductQuery(query)), TE.flatMap(store.products.list)),
  }

  // -- pricing ---------------------------------------------------------------------------------

  const pricing: Commerce['pricing'] = {
    savePromotion: (input) =>
      pipe(
        TE.fromEither(parsePromotion(input)),
        TE.tap((p) => store.pricing.savePromotion(p)),
      ),
    savePriceList: (input) =>
      pipe(
        TE.fromEither(parsePriceList(input)),
        TE.tap((l) => store.pricing.savePriceList(l)),
      ),
  }

  // -- inventory -------------------------------------------------------------------------------

  const locationSchema = branded(parseLocationId, 'not a valid location id')
  const stockRefSchema = z.object({ sku: skuSchema, locationId: locationSchema.exactOptional() })
  const setStockSchema = stockRefSchema.extend({
    onHand: z.number(),
    reference: z.string().max(500).exactOptional(),
  })
  const adjustStockSchema = stockRefSchema.extend({
    delta: z.number(),
    reason: z.enum(['received', 'sold', 'returned', 'damaged', 'correction', 'count']),
    reference: z.string().max(500).exactOptional(),
  })

  const inventory: Commerce['inventory'] = {
    setStock: (input) =>
      pipe(
        TE.fromEither(parseInput(setStockSchema)(input)),
        TE.flatMap((i) =>
          store.inventory.setOnHand({
            sku: i.sku,
            locationId: i.locationId ?? defaultLocationId,
            onHand: i.onHand,
            reason: 'count',
            ...(i.reference === undefined ? {} : { reference: i.reference }),
            at: clock.now(),
          }),
        ),
      ),
    adjustStock: (input) =>
      pipe(
        TE.fromEither(parseInput(adjustStockSchema)(input)),
        TE.flatMap((i) =>
          store.inventory.adjust({
            sku: i.sku,
            locationId: i.locationId ?? defaultLocationId,
            delta: i.delta,
            reason: i.reason,
            ...(i.reference === undefined ? {} : { reference: i.reference }),
            at: clock.now(),
          }),
        ),
      ),
    getStock: (input) =>
      pipe(
        TE.fromEither(parseInput(stockRefSchema)(input)),
        TE.flatMap((i) => store.inventory.getStock(i.sku, i.locationId ?? defaultLocationId)),
      ),
  }

  // -- cart ------------------------------------------------------------------------------------

  const view =
    (stored: StoredCart, known?: ReadonlyArray<Product>): TE.TaskEither<CartUseCaseError, CartView> =>
    async () => {
      const priced = await priceStoredCart(deps, store, known)(stored.cart)()
      return E.isLeft(priced)
        ? priced
        : E.right({ cart: stored.cart, version: stored.version, totals: priced.right.totals })
    }

  const loadCart = (cartId: Cart['id']): TE.TaskEither<CartUseCaseError, StoredCart> =>
    pipe(store.carts.get(cartId), TE.flatMap(someOr(() => cartNotFound(cartId))))

  const mutate =
    <S extends z.ZodType<{ readonly cartId: Cart['id'] }>, Err = never>(
      schema: S,
      command: (input: z.output<S>, cart: Cart) => TE.TaskEither<CartUseCaseError | Err, CartCommand>,
    ) =>
    (input: unknown): TE.TaskEither<CartUseCaseError | Err, CartView> =>
    async () => {
      const parsed = parseInput(schema)(input)
      if (E.isLeft(parsed)) return parsed
      const stored = await loadCart(parsed.right.cartId)()
      if (E.isLeft(stored)) return stored
      const cmd = await command(parsed.right, stored.right.cart)()
      if (E.isLeft(cmd)) return cmd
      const events = decideBuiltCart(cmd.right, stored.right.cart)
      if (E.isLeft(events)) return events
      // The product an AddLine decided with prices it too: no second read.
      const known = cmd.right._tag === 'AddLine' ? [cmd.right.product] : []
      if (events.right.length === 0) return view(stored.right, known)()
      const next = events.right.reduce(evolveCart, stored.right.cart)
      const saved = await store.carts.save(next, stored.right.version)()
      if (E.isLeft(saved)) return saved
      return view({ cart: next, version: stored.right.version + 1 }, known)()
    }

  const withCart = z.object({ cartId: cartIdSchema })

  const cart: Commerce['cart'] = {
    create: (input) => async () => {
      const parsed = parseInput(createCartInputSchema)(input)
      if (E.isLeft(parsed)) return parsed
      const i = parsed.right
      const events = decideBuiltCart(
        {
          _tag: 'CreateCart',
          cartId: ids.next('cart') as Cart['id'],
          currency: i.currency,
          ...(i.customerId === undefined ? {} : { customerId: i.customerId }),
        },
        initialCart,
      )
      if (E.isLeft(events)) return events
      const created = events.right.reduce(evolveCart, initialCart)
      const saved = await store.carts.save(created, 0)()
      if (E.isLeft(saved)) return saved
      return view({ cart: created, version: 1 })()
    },
    get: (cartId) => pipe(TE.fromEither(parseInput(cartIdSchema)(cartId)), TE.flatMap(loadCart), TE.flatMap(view)),
    addItem: mutate(
      withCart.extend({ productId: productIdSchema, variantId: variantIdSchema, quantity: z.number() }),
      (i, c) =>
        pipe(
          store.products.get(i.productId),
          TE.flatMap(someOr(() => productNotFound(i.productId))),
          TE.map(
            (product): CartCommand => ({
              _tag: 'AddLine',
              cartId: c.id,
              lineId: ids.next('line') as CartLineId,
              product,
              variantId: i.variantId,
              quantity: i.quantity,
            }),
          ),
        ),
    ),
    updateItem: mutate(withCart.extend({ lineId: cartLineIdSchema, quantity: z.number() }), (i, c) =>
      TE.right({ _tag: 'UpdateLineQuantity', cartId: c.id, lineId: i.lineId, quantity: i.quantity }),
    ),
    removeItem: mutate(withCart.extend({ lineId: cartLineIdSchema }), (i, c) =>
      TE.right({ _tag: 'RemoveLine', cartId: c.id, lineId: i.lineId }),
    ),
    applyCode: mutate(withCart.extend({ code: z.string().max(256) }), (i, c) =>
      TE.right({ _tag: 'ApplyCode', cartId: c.id, code: i.code }),
    ),
    removeCode: mutate(withCart.extend({ code: z.string().max(256) }), (i, c) =>
      TE.right({ _tag: 'RemoveCode', cartId: c.id, code: i.code }),
    ),
    setShippingAddress: mutate(withCart.extend({ address: cartAddressSchema }), (i, c) =>
      TE.right({ _tag: 'SetShippingAddress', cartId: c.id, address: i.address }),
    ),
    setBillingAddress: mutate(withCart.extend({ address: cartAddressSchema }), (i, c) =>
      TE.right({ _tag: 'SetBillingAddress', cartId: c.id, address: i.address }),
    ),
    chooseShipping: mutate(chooseShippingMethodInputSchema.extend({ cartId: cartIdSchema }), (i, c) =>
      TE.right({ _tag: 'ChooseShippingMethod', cartId: c.id, methodId: i.methodId }),
    ),
  }

  // -- orders ----------------------------------------------------------------------------------

  const details = (
    orderId: OrderId,
  ): TE.TaskEither<CorruptRecord | InfrastructureError | ReturnType<typeof orderNotFound>, OrderDetails> =>
    pipe(
      store.events.readStream(orderStreamId(orderId)),
      TE.flatMapEither((stored) => E.sequenceArray(stored.map((s) => decodeOrderEvent(s.eventId)(s)))),
      TE.flatMap((events) => {
        const order = events.reduce(evolveOrder, initialOrderState)
        const summary = events.reduce<OrderSummaryRow | undefined>(evolveOrderSummary, undefined)
        return order.lifecycle === 'none' || summary === undefined
          ? TE.left(orderNotFound(orderId))
          : TE.right({ order, summary })
      }),
    )

  type Built = {
    readonly command: OrderCommand
    readonly effects?: (
      ports: TransactionalPorts,
      events: ReadonlyArray<OrderEvent>,
    ) => TE.TaskEither<OrderCommandError, void>
  }

  const runOrder = (
    orderId: OrderId,
    build: (order: Order) => E.Either<OrderCommandError, Built>,
  ): TE.TaskEither<OrderCommandError, ReadonlyArray<OrderEvent>> =>
    store.unitOfWork.transaction(
      (ports): TE.TaskEither<OrderCommandError, ReadonlyArray<OrderEvent>> =>
        pipe(
          loadOrder(ports)(orderId),
          TE.flatMap(({ state, version }) =>
            state.lifecycle === 'none'
              ? TE.left<OrderCommandError, never>(orderNotFound(orderId))
              : pipe(
                  TE.fromEither(build(state)),
                  TE.flatMap(({ command, effects }) =>
                    pipe(
                      TE.fromEither<OrderCommandError, ReadonlyArray<OrderEvent>>(decideOrder(command, state)),
                      TE.flatMap((events) =>
                        pipe(
                          appendOrderEvents(ports, ids)(orderId, version, events),
                          TE.flatMap(() => (effects === undefined ? TE.right(undefined) : effects(ports, events))),
                          TE.map(() => events),
                        ),
                      ),
                    ),
                  ),
                ),
          ),
        ),
    )

  const restock =
    (reason: 'returned', reference: string) =>
    (
      ports: TransactionalPorts,
      lines: ReadonlyArray<{ readonly sku: Product['variants'][number]['sku']; readonly quantity: number }>,
    ) =>
      pipe(
        lines.filter((l) => l.quantity > 0),
        TE.traverseSeqArray((l) =>
          ports.inventory.adjust({
            sku: l.sku,
            locationId: defaultLocationId,
            delta: l.quantity,
            reason,
            reference,
            at: clock.now(),
          }),
        ),
        TE.map(() => undefined),
      )

  const orderInput =
    <S extends z.ZodType<{ readonly orderId: OrderId }>>(schema: S) =>
    (input: unknown) =>
      TE.fromEither(parseInput(schema)(input))

  const withOrder = z.object({ orderId: orderIdSchema })

  const afterwards = (orderId: OrderId) => TE.flatMap(() => details(orderId))

  const orders: Commerce['orders'] = {
    get: (orderId) => pipe(TE.fromEither(parseOrderId(orderId)), TE.flatMap(details)),
    list: (query) =>
      pipe(
        TE.fromEither(parseInput(orderListQuerySchema)(query)),
        TE.flatMap((q) => store.orderViews.list(q)),
      ),
    history: (input) =>
      pipe(
        TE.fromEither(
          parseInput(
            z.object({
              customerId: z.string().min(1).max(128),
              limit: z.number().int().min(1).max(100).exactOptional(),
              cursor: z.string().min(1).max(300).exactOptional(),
            }),
          )(input),
        ),
        TE.flatMap(({ customerId, ...page }) => store.orderViews.byCustomer(customerId, page)),
      ),
    capture: (input) =>
      pipe(
        orderInput(withOrder.extend({ amount: z.number().int().min(1).exactOptional() }))(input),
        TE.flatMap((i) =>
          pipe(
            details(i.orderId),
            TE.flatMap(() => captureDue(deps)(i.orderId, i.amount ?? 'all')),
            afterwards(i.orderId),
          ),
        ),
      ),
    fulfil: (input) =>
      pipe(
        orderInput(
          withOrder.extend({
            shipmentId: branded(parseShipmentId, 'not a valid shipment id').exactOptional(),
            lines: lineQuantitiesSchema,
            carrier: z.string().min(1).max(200).exactOptional(),
            trackingNumber: z.string().min(1).max(200).exactOptional(),
          }),
        )(input),
        TE.flatMap((i) =>
          pipe(
            runOrder(i.orderId, () =>
              E.right({
                command: {
                  _tag: 'FulfilLines',
                  orderId: i.orderId,
                  at: clock.now(),
                  shipmentId: i.shipmentId ?? (ids.next('ship') as ShipmentId),
                  lines: i.lines,
                  ...(i.carrier === undefined ? {} : { carrier: i.carrier }),
                  ...(i.trackingNumber === undefined ? {} : { trackingNumber: i.trackingNumber }),
                },
              }),
            ),
            TE.flatMap(() => (deps.config.captureMode === 'on-fulfilment' ? captureDue(deps)(i.orderId) : TE.right(0))),
            afterwards(i.orderId),
          ),
        ),
      ),
    markDelivered: (input) =>
      pipe(
        orderInput(withOrder.extend({ shipmentId: branded(parseShipmentId, 'not a valid shipment id') }))(input),
        TE.flatMap((i) =>
          pipe(
            runOrder(i.orderId, () =>
              E.right({
                command: { _tag: 'MarkDelivered', orderId: i.orderId, at: clock.now(), shipmentId: i.shipmentId },
              }),
            ),
            afterwards(i.orderId),
          ),
        ),
      ),
    cancel: (input) =>
      pipe(
        orderInput(withOrder.extend({ reason: z.string().min(1).max(1000) }))(input),
        TE.flatMap((i) =>
          pipe(
            runOrder(i.orderId, () =>
              E.right({
                command: { _tag: 'CancelOrder', orderId: i.orderId, at: clock.now(), reason: i.reason },
                // In the transaction that appends OrderCancelled: the stock comes back, and so do
                // the promotion uses the order counted (the usage store knows them by order id).
                // A repeated cancel is refused by the decider before this runs, and releasing
                // what is already released is a no-op, so uses come back once.
                effects: (ports, events) =>
                  pipe(
                    restock('returned', `cancel:${i.orderId}`)(
                      ports,
                      events.flatMap((e) => (e._tag === 'OrderCancelled' ? e.compensation.release : [])),
                    ),
                    TE.flatMap(() => ports.promotionUsage.releaseOrder(i.orderId)),
                    TE.map(() => undefined),
                  ),
              }),
            ),
            TE.map(() => true),
            // Cancelled before: a retry finishes the void or refund a failure or a crash left owed
            // (replayed by the provider under the same keys, never made twice); with nothing owed,
            // it is OrderAlreadyCancelled.
            TE.orElse((error) => (error._tag === 'OrderAlreadyCancelled' ? TE.right(false) : TE.left(error))),
            TE.flatMap((cancelledNow) =>
              pipe(
                finishCancellation(deps)(i.orderId),
                TE.flatMap((outcome) =>
                  !cancelledNow && outcome === 'nothing-owed'
                    ? TE.left<OrderCommandError, void>(orderAlreadyCancelled(i.orderId))
                    : TE.right(undefined),
                ),
              ),
            ),
            afterwards(i.orderId),
          ),
        ),
      ),
    refund: (input) =>
      pipe(
        orderInput(
          withOrder.extend({
            amount: z.number().int().min(1).exactOptional(),
            lines: lineQuantitiesSchema.exactOptional(),
            reason: z.string().min(1).max(1000).exactOptional(),
          }),
        )(input),
        TE.flatMap((i) =>
          pipe(
            loadOrder(store)(i.orderId),
            TE.flatMap(({ state }) =>
              state.lifecycle === 'none'
                ? TE.left<OrderCommandError, never>(orderNotFound(i.orderId))
                : refundOrder(deps)(i.orderId, i.amount ?? refundable(state).amount, i.lines ?? [], i.reason),
            ),
            afterwards(i.orderId),
          ),
        ),
      ),
    requestReturn: (input) =>
      pipe(
        orderInput(
          withOrder.extend({
            returnId: branded(parseReturnId, 'not a valid return id').exactOptional(),
            lines: lineQuantitiesSchema,
            reason: z.string().min(1).max(1000).exactOptional(),
          }),
        )(input),
        TE.flatMap((i) =>
          pipe(
            runOrder(i.orderId, () =>
              E.right({
                command: {
                  _tag: 'RequestReturn',
                  orderId: i.orderId,
                  at: clock.now(),
                  returnId: i.returnId ?? (ids.next('ret') as ReturnId),
                  lines: i.lines,
                  ...(i.reason === undefined ? {} : { reason: i.reason }),
                },
              }),
            ),
            afterwards(i.orderId),
          ),
        ),
      ),
    receiveReturn: (input) =>
      pipe(
        orderInput(
          withOrder.extend({
            returnId: branded(parseReturnId, 'not a valid return id'),
            restock: z.boolean(),
            lines: lineQuantitiesSchema,
          }),
        )(input),
        TE.flatMap((i) =>
          pipe(
            runOrder(i.orderId, () =>
              E.right({
                command: {
                  _tag: 'ReceiveReturn',
                  orderId: i.orderId,
                  at: clock.now(),
                  returnId: i.returnId,
                  restock: i.restock,
                  lines: i.lines,
                },
                effects: (ports, events) =>
                  restock('returned', `return:${i.returnId}`)(
                    ports,
                    events.flatMap((e) => (e._tag === 'ReturnReceived' && e.restock ? e.lines : [])),
                  ),
              }),
            ),
            afterwards(i.orderId),
          ),
        ),
      ),
    rebuildViews: () => rebuildOrderViews(store),
  }

  return {
    catalog,
    pricing,
    inventory,
    cart,
    checkout: { placeOrder: placeOrder(deps) },
    orders,
    payments: { handleWebhook: handlePaymentWebhook(deps) },
    maintenance: {
      recover: () => recoverCheckouts(deps),
      relayOutbox: () =>
        options.eventBus === undefined
          ? TE.right({ published: 0 })
          : relayOutbox({
              outbox: store.outbox,
              bus: options.eventBus,
              workerId: ids.next('relay'),
              batchSize: 100,
              leaseMs: 30_000,
              clock,
            }),
    },
  }
}

/**
 * Rebuilds every order summary row from the event store: clears the view store, folds all
 * order events with `evolveOrderSummary`, saves the rows. Gives the same rows as the live
 * projection. Returns how many rows it wrote.
 *
 * @example
 * ```ts
 * import { rebuildOrderViews, type TransactionalPorts } from '@mercato/core'
 * declare const store: TransactionalPorts
 * const written = await rebuildOrderViews(store)()
 * ```
 * @category commerce
 * @since 0.1.0
 */
export const rebuildOrderViews =
  (store: Pick<TransactionalPorts, 'events' | 'orderViews'>): TE.TaskEither<InfrastructureError, number> =>
  async () => {
    const cleared = await store.orderViews.clear()()
    if (E.isLeft(cleared)) return cleared
    const rows = new Map<string, OrderSummaryRow>()
    let position = 0
    for (;;) {
      const page = await store.events.readAll(position, 500)()
      if (E.isLeft(page)) return page
      for (const stored of page.right) {
        position = stored.position
        if (!stored.streamId.startsWith('order-')) continue
        const decoded = decodeOrderEvent(stored.eventId)(stored)
        if (E.isLeft(decoded)) return E.left(corruptRecordFault('order-event', stored.eventId, decoded.left.issues))
        const next = evolveOrderSummary(rows.get(decoded.right.orderId), decoded.right)
        if (next !== undefined) rows.set(next.orderId, next)
      }
      if (page.right.length < 500) break
    }
    for (const row of rows.values()) {
      const saved = await store.orderViews.save(row)()
      if (E.isLeft(saved)) return saved
    }
    return E.right(rows.size)
  }

/**
 * The same use cases as `commerce`, each returning `Promise<{ ok: true, value } | { ok: false,
 * error }>` instead of a `TaskEither`, for integrators who do not write fp-ts. Never rejects
 * (a defect that throws becomes `{ ok: false, error: InfrastructureError }`).
 *
 * @example
 * ```ts
 * import { toPromiseApi, type Commerce } from '@mercato/core'
 * declare const commerce: Commerce
 * const api = toPromiseApi(commerce)
 * // const result = await api.cart.create({ currency: 'EUR' }); if (result.ok) result.value.cart.id
 * ```
 * @category commerce
 * @since 0.1.0
 */
export const toPromiseApi = (commerce: Commerce): CommercePromiseApi => {
  const wrap =
    (fn: (...args: ReadonlyArray<unknown>) => TE.TaskEither<unknown, unknown>) =>
    async (...args: ReadonlyArray<unknown>) => {
      try {
        const result = await fn(...args)()
        return E.isRight(result)
          ? { ok: true as const, value: result.right }
          : { ok: false as const, error: result.left }
      } catch (cause) {
        return { ok: false as const, error: infrastructureError(false, cause) }
      }
    }
  const api: Record<string, Record<string, unknown>> = {}
  for (const [module, useCases] of Object.entries(commerce)) {
    const wrapped: Record<string, unknown> = {}
    for (const [name, fn] of Object.entries(
      useCases as Record<string, (...args: ReadonlyArray<unknown>) => TE.TaskEither<unknown, unknown>>,
    ))
      wrapped[name] = wrap(fn)
    api[module] = wrapped
  }
  return api as unknown as CommercePromiseApi
}
