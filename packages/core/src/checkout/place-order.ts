/**
 * The place-order saga (DESIGN.md, "Placing an order") and its compensation.
 *
 * Steps, each recorded on the {@link CheckoutAttempt} before the next one runs:
 * 1. one transaction: `IdempotencyStore.begin` (scope `placeOrder`, hash of the parsed request),
 *    load and price the cart (2), record the attempt at `started` (4a). A replayed request
 *    answers from its attempt as it is now (the order once written); the same key with another
 *    body is `IdempotencyKeyReused`; a request still running is `RequestInProgress`. Nothing is
 *    written if any of it fails.
 * 3. reserve the stock (`InventoryStore.reserve`, id `res_<attemptId>`, expiry
 *    `reservationTtlMs`) → `reserved`;
 * 4. authorize with `idempotencyKeyFor('authorize', attemptId)` (retried on
 *    `ProviderUnavailable` with the same key, so at most one hold) → `authorized`. When the
 *    shopper must act first (3-D Secure, PayPal approval), the same transaction that records
 *    `authorized` defers the idempotency key (`IdempotencyStore.defer`) with the
 *    `awaiting_payment` answer: the key stays in progress, and replays answer from the attempt
 *    (still waiting: `awaiting_payment` with the `nextActionUrl`; finished by a webhook or
 *    recovery: the order). It completes with the order (5) or is abandoned with the compensation
 *    (7), so a payment that fails later frees the key like a decline does;
 * 5. one transaction: cart completed (compare-and-set on its version), order events on
 *    `order-<orderId>` at version 0, outbox rows, summary row, promotion redemptions (atomic,
 *    limit reached fails the transaction), reservation committed, attempt → `completed`,
 *    idempotency completed with the response;
 * 6. capture now (`captureMode: 'immediate'`) or leave it to fulfilment;
 * 7. on a definite failure, compensate in reverse: attempt → `compensating`, void the
 *    authorization, release the reservation and the promotion redemptions, then one transaction:
 *    attempt → `failed` and abandon the idempotency key (a retry with the same key runs afresh;
 *    one that comes while the compensation runs is `RequestInProgress`).
 *
 * An ambiguous failure (provider unreachable after retries, database down during compensation)
 * leaves the attempt where it is for `recoverCheckouts`.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import {
  type Cart,
  cartAlreadyCompleted,
  cartEmpty,
  cartNotFound,
  decideBuiltCart,
  evolveCart,
  type StoredCart,
} from '../cart/index.js'
import type { PlaceOrderError, PlaceOrderResult } from '../commerce/index.js'
import { type JsonValue, toJsonValue } from '../events/index.js'
import { hashRequest } from '../idempotency/index.js'
import type { ReservationExpired, ReservationId, ReservationNotFound } from '../inventory/index.js'
import {
  type ConcurrencyConflict,
  type CorruptRecord,
  corruptRecordFault,
  type InfrastructureError,
  infrastructureError,
  parseInput,
  type TransactionalPorts,
  type ValidationFailed,
} from '../kernel/index.js'
import {
  amountToCapture,
  capturable,
  decideOrder,
  evolveOrder,
  initialOrderState,
  type OrderEvent,
  type OrderId,
  type OrderLineSnapshot,
  type OrderSummaryRow,
  parseOrderLineId,
} from '../order/index.js'
import type { Authorization, AuthorizeError, AuthorizeRequest, CaptureError } from '../payment/index.js'
import type { UsageLimitReached } from '../pricing/index.js'
import {
  appendOrderEvents,
  type CheckoutDeps,
  type LoadedOrder,
  loadOrder,
  priceStoredCart,
  promotionsUsed,
} from './checkout-deps.js'
import {
  type CartChanged,
  type CheckoutCheckpoint,
  cartChanged,
  paymentMethodNotAllowed,
  type RequestInProgress,
  requestInProgress,
  type SagaHalted,
  sagaHalted,
} from './checkout-errors.js'
import type {
  CheckoutAttempt,
  CheckoutAttemptId,
  CheckoutPayment,
  CheckoutSnapshot,
  CheckoutStepConflict,
} from './checkout-ports.js'
import { placeOrderInputSchema, storedPlaceOrderResultSchema } from './checkout-schemas.js'
import { operationKey } from './operation-key.js'
import { type KnownOrder, recordPayment } from './record-payment.js'

/**
 * The idempotency scope of `placeOrder`.
 *
 * @example
 * ```ts
 * import { placeOrderScope } from '@mercato/core'
 * placeOrderScope // 'placeOrder'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const placeOrderScope = 'placeOrder'

/**
 * The reservation id of an attempt: `res_<attemptId>`, so a crash right after reserving still
 * lets recovery find and release the stock.
 *
 * @example
 * ```ts
 * import { reservationIdFor, type CheckoutAttemptId } from '@mercato/core'
 * reservationIdFor('att_1' as CheckoutAttemptId) // 'res_att_1'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const reservationIdFor = (attemptId: CheckoutAttemptId): ReservationId => `res_${attemptId}` as ReservationId

const errorInfo = (error: { readonly _tag: string }): NonNullable<CheckoutAttempt['error']> => {
  const json = toJsonValue(error)
  return typeof json === 'object' && json !== null && !Array.isArray(json)
    ? { ...json, _tag: error._tag }
    : { _tag: error._tag }
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

const paymentOfRow = (row: OrderSummaryRow, fallback: CheckoutPayment): CheckoutPayment => {
  switch (row.paymentStatus) {
    case 'captured':
    case 'partially_captured':
    case 'partially_refunded':
    case 'refunded':
      return { status: 'captured' }
    case 'authorized':
    case 'voided':
      return { status: 'authorized' }
    case 'unpaid':
      return row.payLater ? { status: 'pay_later' } : fallback
  }
}

const resultOf = (attempt: CheckoutAttempt, row: O.Option<OrderSummaryRow>): PlaceOrderResult => {
  const payment = attempt.payment ?? { status: 'authorized' as const }
  const base = { orderId: attempt.orderId, attemptId: attempt.attemptId, totals: attempt.snapshot.totals }
  if (O.isSome(row)) return { ...base, status: row.value.status, payment: paymentOfRow(row.value, payment) }
  if (attempt.step === 'failed' || attempt.step === 'compensating')
    return { ...base, status: 'payment_failed', payment }
  return { ...base, status: 'awaiting_payment', payment }
}

const currentResult = (
  deps: CheckoutDeps,
  attempt: CheckoutAttempt,
): TE.TaskEither<InfrastructureError, PlaceOrderResult> =>
  pipe(
    deps.store.orderViews.get(attempt.orderId),
    TE.map((row) => resultOf(attempt, row)),
  )

/**
 * Answers a repeated request from the attempt its stored response names, as the attempt is now.
 * `deferred`: the key is still in progress (the payment waits for the shopper). If its attempt
 * is being compensated, or was just compensated after the key was read, the request is still
 * running: the compensation frees the key as it ends, and the next retry starts afresh.
 */
const replay = (
  deps: CheckoutDeps,
  response: JsonValue,
  key: string,
  deferred: boolean,
): TE.TaskEither<InfrastructureError | RequestInProgress, PlaceOrderResult> => {
  const decoded = storedPlaceOrderResultSchema.safeParse(response)
  if (!decoded.success)
    return TE.left(
      corruptRecordFault(
        'idempotency-response',
        placeOrderScope,
        decoded.error.issues.map((i) => i.message),
      ),
    )
  const stored = decoded.data
  return pipe(
    deps.store.checkoutAttempts.get(stored.attemptId as CheckoutAttemptId),
    TE.flatMap(
      (attempt): TE.TaskEither<InfrastructureError | RequestInProgress, PlaceOrderResult> =>
        O.isSome(attempt)
          ? deferred && (attempt.value.step === 'compensating' || attempt.value.step === 'failed')
            ? TE.left(requestInProgress(key, placeOrderScope))
            : currentResult(deps, attempt.value)
          : TE.right({
              orderId: stored.orderId,
              attemptId: stored.attemptId,
              status: 'awaiting_payment' as const,
              totals: stored.totals,
              payment:
                stored.payment.nextActionUrl === undefined
                  ? { status: stored.payment.status }
                  : { status: stored.payment.status, nextActionUrl: stored.payment.nextActionUrl },
            }),
    ),
  )
}

// ---------------------------------------------------------------------------------------------
// Step 1 + 2 + 4a: idempotency, pricing, attempt (one transaction)
// ---------------------------------------------------------------------------------------------

type Opened =
  | { readonly _tag: 'Replay'; readonly response: JsonValue; readonly deferred: boolean }
  | { readonly _tag: 'Started'; readonly attempt: CheckoutAttempt; readonly cart: StoredCart }

type OpenError = Exclude<PlaceOrderError, SagaHalted | UsageLimitReached | CartChanged>

const openAttempt =
  (
    deps: CheckoutDeps,
    request: ReturnType<typeof placeOrderInputSchema.parse>,
    requestHash: string,
    ids: { readonly attemptId: CheckoutAttemptId; readonly orderId: OrderId },
    now: Date,
  ) =>
  (ports: TransactionalPorts): TE.TaskEither<OpenError, Opened> =>
  async () => {
    const begun = await ports.idempotency.begin({
      key: request.idempotencyKey,
      scope: placeOrderScope,
      requestHash,
      at: now,
      ttlMs: deps.config.idempotencyTtlMs,
    })()
    if (E.isLeft(begun)) return begun
    if (begun.right._tag === 'Completed' || begun.right._tag === 'Deferred')
      return E.right({ _tag: 'Replay', response: begun.right.response, deferred: begun.right._tag === 'Deferred' })
    if (begun.right._tag === 'InProgress') return E.left(requestInProgress(request.idempotencyKey, placeOrderScope))
    if (request.payment.method === 'pay-later' && !deps.config.payLater)
      return E.left(paymentMethodNotAllowed(request.payment.method))
    const found = await ports.carts.get(request.cartId)()
    if (E.isLeft(found)) return found
    if (O.isNone(found.right)) return E.left(cartNotFound(request.cartId))
    const stored = found.right.value
    if (stored.cart.status === 'completed') return E.left(cartAlreadyCompleted(request.cartId))
    if (stored.cart.lines.length === 0) return E.left(cartEmpty(request.cartId))
    const pricedCart = await priceStoredCart(deps, ports)(stored.cart)()
    if (E.isLeft(pricedCart)) return pricedCart
    const priced = pricedCart.right
    const cart = stored.cart
    const lines: OrderLineSnapshot[] = []
    for (const line of priced.totals.lines) {
      const lineId = parseOrderLineId(line.lineId)
      if (E.isLeft(lineId)) return E.left(lineId.left)
      const title = cart.lines.find((l) => l.lineId === line.lineId)?.title ?? line.sku
      lines.push({
        lineId: lineId.right,
        sku: line.sku,
        variantId: line.variantId,
        productId: line.productId,
        title,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        discount: line.discount,
        tax: line.tax,
        total: line.total,
      })
    }
    const t = priced.totals
    const customerId = request.customerId ?? cart.customerId
    const snapshot: CheckoutSnapshot = {
      cartVersion: stored.version,
      currency: cart.currency,
      ...(customerId === undefined ? {} : { customerId }),
      ...(request.email === undefined ? {} : { email: request.email }),
      lines,
      totals: {
        subtotal: t.subtotal,
        discount: t.discountTotal,
        shipping: t.shipping?.total ?? { amount: 0, currency: cart.currency },
        tax: t.taxTotal,
        total: t.grandTotal,
      },
      ...(cart.shippingAddress === undefined ? {} : { shippingAddress: cart.shippingAddress }),
      ...(cart.billingAddress === undefined ? {} : { billingAddress: cart.billingAddress }),
      ...(cart.shippingMethodId === undefined ? {} : { shippingMethodId: cart.shippingMethodId }),
      promotions: promotionsUsed(priced).map((p) => ({ promotionId: p.id, limits: p.usageLimit ?? {} })),
      paymentMethod: request.payment.method,
      payLater: request.payment.method === 'pay-later',
    }
    const attempt: CheckoutAttempt = {
      attemptId: ids.attemptId,
      idempotencyKey: request.idempotencyKey,
      cartId: cart.id,
      orderId: ids.orderId,
      step: 'started',
      amount: t.grandTotal,
      requestHash,
      snapshot,
      createdAt: now,
      updatedAt: now,
    }
    const created = await ports.checkoutAttempts.create(attempt)()
    if (E.isLeft(created))
      return E.left(
        created.left._tag === 'CheckoutAttemptExists' ? infrastructureError(false, created.left) : created.left,
      )
    return E.right({ _tag: 'Started', attempt, cart: stored })
  }

// ---------------------------------------------------------------------------------------------
// Compensation (step 7)
// ---------------------------------------------------------------------------------------------

/**
 * How a compensation ended: everything released (`compensated`), or stopped by a fault and
 * left at `compensating` for the next recovery run (`pending`), or not ours to run (another
 * worker moved the attempt first: `skipped`).
 *
 * @category checkout
 * @since 0.1.0
 */
export type CompensationOutcome = 'compensated' | 'pending' | 'skipped'

/**
 * Undoes an attempt in reverse order: moves it to `compensating` (compare-and-set, so only one
 * worker compensates and a completed attempt is never undone), voids the authorization (key
 * `idempotencyKeyFor('void', attemptId)`), releases the reservation and the promotion
 * redemptions, then moves it to `failed` and abandons the idempotency key (in progress or
 * deferred) in one transaction. Every step is idempotent, so a compensation stopped by a fault
 * is safely run again by recovery.
 *
 * @example
 * ```ts
 * import { compensateAttempt, type CheckoutAttempt, type CheckoutDeps } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * declare const attempt: CheckoutAttempt
 * const outcome = await compensateAttempt(deps)(attempt, { _tag: 'PaymentDeclined' })() // 'compensated' | 'pending' | 'skipped'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const compensateAttempt =
  (deps: CheckoutDeps) =>
  (attempt: CheckoutAttempt, error: { readonly _tag: string }): (() => Promise<CompensationOutcome>) =>
  async () => {
    const { store, payments, clock, logger } = deps
    let current = attempt
    if (current.step === 'completed' || current.step === 'failed') return 'skipped'
    if (current.step !== 'compensating') {
      const moved = await store.checkoutAttempts.advance(
        current.attemptId,
        current.step,
        'compensating',
        { error: errorInfo(error) },
        clock.now(),
      )()
      if (E.isLeft(moved)) return moved.left._tag === 'CheckoutStepConflict' ? 'skipped' : 'pending'
      current = moved.right
    }
    const pending = (why: string, cause: unknown): CompensationOutcome => {
      logger.log('warn', 'checkout compensation stopped; recovery will resume it', {
        attemptId: current.attemptId,
        why,
        cause: toJsonValue(cause),
      })
      return 'pending'
    }
    if (current.paymentId !== undefined && current.payment?.status !== 'pay_later') {
      const voided = await payments.void({
        idempotencyKey: operationKey('void', current.attemptId),
        paymentId: current.paymentId,
      })()
      // Nothing left to void (already voided, never authorized, failed) is fine; unreachable is not.
      if (E.isLeft(voided) && voided.left._tag === 'ProviderUnavailable') return pending('void', voided.left)
    }
    const released = await store.inventory.release(
      current.reservationId ?? reservationIdFor(current.attemptId),
      clock.now(),
    )()
    if (E.isLeft(released)) return pending('release stock', released.left)
    for (const promotion of current.snapshot.promotions) {
      const freed = await store.promotionUsage.release({
        promotionId: promotion.promotionId,
        orderId: current.orderId,
      })()
      if (E.isLeft(freed)) return pending('release promotion', freed.left)
    }
    // One transaction: a key left taken by a failed attempt would answer every retry with the failure.
    const failed = await store.unitOfWork.transaction((ports) =>
      pipe(
        ports.checkoutAttempts.advance(current.attemptId, 'compensating', 'failed', {}, clock.now()),
        TE.tap(() => ports.idempotency.abandon(current.idempotencyKey, placeOrderScope)),
      ),
    )()
    if (E.isLeft(failed))
      return failed.left._tag === 'CheckoutStepConflict' ? 'skipped' : pending('fail attempt', failed.left)
    return 'compensated'
  }

// ---------------------------------------------------------------------------------------------
// Step 3: reserve
// ---------------------------------------------------------------------------------------------

type StepError = PlaceOrderError

const reserveStep =
  (deps: CheckoutDeps) =>
  async (attempt: CheckoutAttempt): Promise<E.Either<StepError, CheckoutAttempt>> => {
    const now = deps.clock.now()
    const reservationId = reservationIdFor(attempt.attemptId)
    const reserved = await deps.store.inventory.reserve({
      reservationId,
      lines: attempt.snapshot.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      expiresAt: new Date(now.getTime() + deps.config.reservationTtlMs),
      reference: attempt.attemptId,
      at: now,
    })()
    if (E.isLeft(reserved)) {
      await compensateAttempt(deps)(attempt, reserved.left)()
      return reserved
    }
    return deps.store.checkoutAttempts.advance(
      attempt.attemptId,
      'started',
      'reserved',
      { reservationId },
      deps.clock.now(),
    )()
  }

// ---------------------------------------------------------------------------------------------
// Step 4: authorize
// ---------------------------------------------------------------------------------------------

/**
 * The authorization request of an attempt: the same on every call (placeOrder, its retries,
 * recovery), so the provider replays the first result instead of holding money twice.
 *
 * @example
 * ```ts
 * import { authorizeRequestOf, type CheckoutAttempt } from '@mercato/core'
 * declare const attempt: CheckoutAttempt
 * authorizeRequestOf(attempt).idempotencyKey // 'mercato:authorize:<attemptId>'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const authorizeRequestOf = (attempt: CheckoutAttempt, returnUrl?: string): AuthorizeRequest => {
  const { customerId, email } = attempt.snapshot
  const customer = {
    ...(customerId === undefined ? {} : { id: customerId }),
    ...(email === undefined ? {} : { email }),
  }
  return {
    idempotencyKey: operationKey('authorize', attempt.attemptId),
    amount: attempt.amount,
    paymentMethod: attempt.snapshot.paymentMethod,
    orderReference: attempt.orderId,
    capture: 'manual',
    metadata: { attemptId: attempt.attemptId, cartId: attempt.cartId },
    ...(Object.keys(customer).length === 0 ? {} : { customer }),
    ...(returnUrl === undefined ? {} : { returnUrl }),
  }
}

const authorizeAttempts = 3

const authorizeWithRetry =
  (deps: CheckoutDeps) =>
  async (attempt: CheckoutAttempt): Promise<E.Either<AuthorizeError, Authorization>> => {
    const request = authorizeRequestOf(attempt, deps.config.returnUrl)
    let result = await deps.payments.authorize(request)()
    // Same key every time: an earlier call that did happen is replayed, never repeated.
    for (let i = 1; i < authorizeAttempts && E.isLeft(result) && result.left._tag === 'ProviderUnavailable'; i++)
      result = await deps.payments.authorize(request)()
    return result
  }

const paymentOf = (authorization: Authorization): CheckoutPayment =>
  authorization.status === 'requires_action'
    ? { status: 'requires_action', nextActionUrl: authorization.nextAction.url }
    : { status: authorization.status }

/**
 * Moves an attempt at `reserved` to `authorized`: pay-later needs no call; otherwise authorize
 * (same key on every try). A payment that waits for the shopper also defers the attempt's
 * idempotency key with the `awaiting_payment` answer, in the same transaction. A decline or
 * rejection compensates; an unreachable provider leaves the attempt at `reserved` for recovery
 * and returns `ProviderUnavailable`.
 *
 * @example
 * ```ts
 * import { authorizeStep, type CheckoutAttempt, type CheckoutDeps } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * declare const attempt: CheckoutAttempt
 * const authorized = await authorizeStep(deps)(attempt)
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const authorizeStep =
  (deps: CheckoutDeps) =>
  async (attempt: CheckoutAttempt): Promise<E.Either<StepError, CheckoutAttempt>> => {
    if (attempt.snapshot.payLater)
      return deps.store.checkoutAttempts.advance(
        attempt.attemptId,
        'reserved',
        'authorized',
        { payment: { status: 'pay_later' } },
        deps.clock.now(),
      )()
    const authorized = await authorizeWithRetry(deps)(attempt)
    if (E.isLeft(authorized)) {
      if (authorized.left._tag !== 'ProviderUnavailable') await compensateAttempt(deps)(attempt, authorized.left)()
      return authorized
    }
    const patch = { paymentId: authorized.right.paymentId, payment: paymentOf(authorized.right) }
    if (authorized.right.status !== 'requires_action')
      return deps.store.checkoutAttempts.advance(attempt.attemptId, 'reserved', 'authorized', patch, deps.clock.now())()
    // The shopper must act: the key stays in progress, answering replays from the attempt. With
    // the step in one transaction, so it is deferred only while the attempt is still ours to finish.
    return deps.store.unitOfWork.transaction((ports) =>
      pipe(
        ports.checkoutAttempts.advance(attempt.attemptId, 'reserved', 'authorized', patch, deps.clock.now()),
        TE.tap((waiting) =>
          ports.idempotency.defer(waiting.idempotencyKey, placeOrderScope, toJsonValue(resultOf(waiting, O.none))),
        ),
      ),
    )()
  }

// ---------------------------------------------------------------------------------------------
// Step 5: the order transaction
// ---------------------------------------------------------------------------------------------

type WriteError =
  | CartChanged
  | UsageLimitReached
  | ConcurrencyConflict
  | CheckoutStepConflict
  | ValidationFailed
  | CorruptRecord
  | InfrastructureError
  | ReservationNotFound
  | ReservationExpired

const orderEventsOf = (
  deps: CheckoutDeps,
  attempt: CheckoutAttempt,
  at: Date,
): E.Either<InfrastructureError, ReadonlyArray<OrderEvent>> => {
  const s = attempt.snapshot
  const placed = decideOrder(
    {
      _tag: 'PlaceOrder',
      orderId: attempt.orderId,
      at,
      currency: s.currency,
      ...(s.customerId === undefined ? {} : { customerId: s.customerId }),
      ...(s.email === undefined ? {} : { email: s.email }),
      cartId: attempt.cartId,
      lines: s.lines,
      totals: s.totals,
      ...(s.shippingAddress === undefined ? {} : { shippingAddress: s.shippingAddress }),
      ...(s.billingAddress === undefined ? {} : { billingAddress: s.billingAddress }),
      ...(s.shippingMethodId === undefined ? {} : { shippingMethodId: s.shippingMethodId }),
      paymentAttemptId: attempt.attemptId,
      captureMode: deps.config.captureMode,
      payLater: s.payLater,
    },
    initialOrderState,
  )
  if (E.isLeft(placed)) return E.left(infrastructureError(false, placed.left))
  const paymentId = attempt.paymentId
  if (paymentId === undefined || s.payLater) return placed
  const state = placed.right.reduce(evolveOrder, initialOrderState)
  const authorized = decideOrder(
    { _tag: 'RecordAuthorization', orderId: attempt.orderId, at, paymentId, amount: attempt.amount },
    state,
  )
  if (E.isLeft(authorized)) return E.left(infrastructureError(false, authorized.left))
  return E.right([...placed.right, ...authorized.right])
}

const completeCart = (cart: Cart): E.Either<InfrastructureError, Cart> =>
  pipe(
    decideBuiltCart({ _tag: 'CompleteCart', cartId: cart.id }, cart),
    E.map((events) => events.reduce(evolveCart, cart)),
    E.mapLeft((e) => infrastructureError(false, e)),
  )

/** What the order transaction wrote: the response, the completed attempt and the order as written. */
interface Written {
  readonly result: PlaceOrderResult
  readonly completed: CheckoutAttempt
  /** The order as written: state, version and summary row. */
  readonly order: KnownOrder
}

const writeOrder =
  (deps: CheckoutDeps, attempt: CheckoutAttempt, at: Date, knownCart?: StoredCart) =>
  (ports: TransactionalPorts): TE.TaskEither<WriteError, Written> =>
  async () => {
    // The cart as it was priced (this process read it at the snapshot's version) needs no second
    // read: saving it at that version fails if anyone changed it since.
    let stored: StoredCart
    if (knownCart !== undefined && knownCart.version === attempt.snapshot.cartVersion) stored = knownCart
    else {
      const found = await ports.carts.get(attempt.cartId)()
      if (E.isLeft(found)) return found
      if (O.isNone(found.right)) return E.left(cartChanged(attempt.cartId))
      stored = found.right.value
    }
    if (stored.version !== attempt.snapshot.cartVersion || stored.cart.status !== 'active')
      return E.left(cartChanged(attempt.cartId))
    const completedCart = completeCart(stored.cart)
    if (E.isLeft(completedCart)) return completedCart
    const saved = await ports.carts.save(completedCart.right, stored.version)()
    if (E.isLeft(saved))
      return E.left(saved.left._tag === 'ConcurrencyConflict' ? cartChanged(attempt.cartId) : saved.left)
    const events = orderEventsOf(deps, attempt, at)
    if (E.isLeft(events)) return events
    const row = await appendOrderEvents(ports, deps.ids)(attempt.orderId, 0, events.right)()
    if (E.isLeft(row)) return row
    for (const p of attempt.snapshot.promotions) {
      const redeemed = await ports.promotionUsage.redeem({
        promotionId: p.promotionId,
        orderId: attempt.orderId,
        limits: p.limits,
        ...(attempt.snapshot.customerId === undefined ? {} : { customerId: attempt.snapshot.customerId }),
      })()
      if (E.isLeft(redeemed)) return redeemed
    }
    const committed = await ports.inventory.commit(attempt.reservationId ?? reservationIdFor(attempt.attemptId), at)()
    if (E.isLeft(committed)) return committed
    const completed = await ports.checkoutAttempts.advance(attempt.attemptId, 'authorized', 'completed', {}, at)()
    if (E.isLeft(completed)) return completed
    const result = resultOf(completed.right, row.right)
    const answered = await ports.idempotency.complete(attempt.idempotencyKey, placeOrderScope, toJsonValue(result))()
    if (E.isLeft(answered)) return answered
    const order: KnownOrder = {
      state: events.right.reduce(evolveOrder, initialOrderState),
      version: events.right.length,
      row: row.right,
    }
    return E.right({ result, completed: completed.right, order })
  }

/**
 * Step 5 (and 6) for an attempt at `authorized`: writes the order in one transaction, then
 * captures if the capture mode is `'immediate'`. When the transaction fails, an attempt another
 * worker completed meanwhile counts as success; otherwise the attempt is compensated. An attempt
 * still waiting for the shopper (`requires_action`) answers `awaiting_payment` and is left as is.
 *
 * @example
 * ```ts
 * import { finishAttempt, type CheckoutAttempt, type CheckoutDeps } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * declare const attempt: CheckoutAttempt
 * const result = await finishAttempt(deps)(attempt)
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const finishAttempt =
  (deps: CheckoutDeps) =>
  async (attempt: CheckoutAttempt): Promise<E.Either<StepError, PlaceOrderResult>> =>
    pipe(
      await finishAttemptWritten(deps)(attempt),
      E.map((finished) => finished.result),
    )

/** {@link finishAttempt}, keeping what its own transaction wrote (absent when it did not write). */
const finishAttemptWritten =
  (deps: CheckoutDeps) =>
  async (
    attempt: CheckoutAttempt,
    knownCart?: StoredCart,
  ): Promise<E.Either<StepError, { readonly result: PlaceOrderResult; readonly written?: Written }>> => {
    // Its key was deferred with this answer when the attempt reached `authorized` (authorizeStep).
    if (attempt.payment?.status === 'requires_action') return E.right({ result: resultOf(attempt, O.none) })
    const written = await deps.store.unitOfWork.transaction(writeOrder(deps, attempt, deps.clock.now(), knownCart))()
    if (E.isRight(written)) return E.right({ result: written.right.result, written: written.right })
    // Someone else (a webhook, recovery, a concurrent replay) may have completed it first.
    const now = await deps.store.checkoutAttempts.get(attempt.attemptId)()
    if (E.isRight(now) && O.isSome(now.right) && now.right.value.step === 'completed')
      return pipe(
        await currentResult(deps, now.right.value)(),
        E.map((result) => ({ result })),
      )
    const error = written.left
    if (error._tag === 'InfrastructureError' && error.retryable) return E.left(error)
    await compensateAttempt(deps)(E.isRight(now) && O.isSome(now.right) ? now.right.value : attempt, error)()
    if (error._tag === 'ConcurrencyConflict') return E.left(cartChanged(attempt.cartId))
    return E.left(error)
  }

// ---------------------------------------------------------------------------------------------
// Step 6: capture
// ---------------------------------------------------------------------------------------------

/**
 * Captures what an order owes now (`amountToCapture`: everything in capture mode
 * `'immediate'`, the fulfilled value in `'on-fulfilment'`) and records it. The capture key is
 * `idempotencyKeyFor('capture', orderId, n)` with `n` the number of captures recorded plus one,
 * so a capture whose recording was lost is replayed by the provider, never taken twice. The
 * capture is recorded once by its provider id: when its webhook recorded it first, recording it
 * again changes nothing. `requested`
 * overrides the amount (`'all'`: everything still capturable). Returns the amount captured (0: nothing due).
 *
 * @example
 * ```ts
 * import { captureDue, type CheckoutDeps, type OrderId } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * const captured = captureDue(deps)('order_1' as OrderId)
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const captureDue =
  (deps: CheckoutDeps) =>
  (
    orderId: OrderId,
    requested?: number | 'all',
  ): TE.TaskEither<
    CaptureError | ConcurrencyConflict | CorruptRecord | InfrastructureError | ValidationFailed,
    number
  > =>
    pipe(
      captureOrder(deps)(orderId, requested),
      TE.map((captured) => captured.amount),
    )

/** What {@link captureOrder} did: the amount captured and, when it recorded one, the order's summary row after it. */
interface Captured {
  readonly amount: number
  readonly row: O.Option<OrderSummaryRow>
}

/**
 * {@link captureDue}, deciding what is due from `known` (the order as this use case just wrote
 * it) instead of reading the stream first when it is given. Either way the stream is read again
 * inside the recording transaction, and the capture is decided against that read.
 */
const captureOrder =
  (deps: CheckoutDeps) =>
  (
    orderId: OrderId,
    requested?: number | 'all',
    known?: KnownOrder,
  ): TE.TaskEither<
    CaptureError | ConcurrencyConflict | CorruptRecord | InfrastructureError | ValidationFailed,
    Captured
  > =>
  async () => {
    const loaded = known === undefined ? await loadOrder(deps.store)(orderId)() : E.right<never, LoadedOrder>(known)
    if (E.isLeft(loaded)) return loaded
    const { state } = loaded.right
    const nothing: Captured = { amount: 0, row: O.none }
    if (state.lifecycle !== 'placed' || state.payment.paymentId === undefined) return E.right(nothing)
    const amount =
      requested === undefined
        ? amountToCapture(state).amount
        : requested === 'all'
          ? capturable(state).amount
          : requested
    if (amount <= 0) return E.right(nothing)
    const final = amount >= capturable(state).amount
    const capture = await deps.payments.capture({
      idempotencyKey: operationKey('capture', orderId, state.payment.captures.length + 1),
      paymentId: state.payment.paymentId,
      amount: { amount, currency: state.currency },
      final,
    })()
    if (E.isLeft(capture)) return capture
    const recorded = await recordPayment(deps)(
      {
        _tag: 'RecordCapture',
        orderId,
        at: deps.clock.now(),
        captureId: capture.right.captureId,
        amount: capture.right.amount,
        final,
      },
      known,
    )()
    if (E.isLeft(recorded)) return recorded
    if (recorded.right._tag === 'Refused')
      return E.left(
        recorded.right.error._tag === 'ValidationFailed'
          ? recorded.right.error
          : infrastructureError(false, recorded.right.error),
      )
    return E.right({ amount, row: recorded.right.row })
  }

// ---------------------------------------------------------------------------------------------
// The use case
// ---------------------------------------------------------------------------------------------

const checkpoint = (deps: CheckoutDeps, point: CheckoutCheckpoint): E.Either<SagaHalted, void> =>
  deps.checkpoint(point) === 'halt' ? E.left(sagaHalted(point)) : E.right(undefined)

/**
 * `checkout.placeOrder`: the seven-step saga (see the module notes). Never loses money or
 * stock: every failure after the reservation is compensated, and what a crash leaves behind
 * is finished or compensated by `recoverCheckouts`.
 *
 * Errors: {@link PlaceOrderError}.
 *
 * @example
 * ```ts
 * import { placeOrder, type CheckoutDeps } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * const result = await placeOrder(deps)({ cartId: 'cart_1', idempotencyKey: 'k-1', payment: { method: 'pm_card_visa' } })()
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const placeOrder =
  (deps: CheckoutDeps) =>
  (input: unknown): TE.TaskEither<PlaceOrderError, PlaceOrderResult> =>
  async () => {
    const parsed = parseInput(placeOrderInputSchema)(input)
    if (E.isLeft(parsed)) return parsed
    const request = parsed.right
    const requestHash = hashRequest(toJsonValue(request))
    const ids = {
      attemptId: deps.ids.next('att') as CheckoutAttemptId,
      orderId: deps.ids.next('order') as OrderId,
    }
    const opened = await deps.store.unitOfWork.transaction(
      openAttempt(deps, request, requestHash, ids, deps.clock.now()),
    )()
    if (E.isLeft(opened)) return opened
    if (opened.right._tag === 'Replay')
      return replay(deps, opened.right.response, request.idempotencyKey, opened.right.deferred)()
    let attempt = opened.right.attempt
    const pricedCart = opened.right.cart

    const halted1 = checkpoint(deps, 'attempt-recorded')
    if (E.isLeft(halted1)) return halted1
    const reserved = await reserveStep(deps)(attempt)
    if (E.isLeft(reserved)) return reserved
    attempt = reserved.right

    const halted2 = checkpoint(deps, 'stock-reserved')
    if (E.isLeft(halted2)) return halted2
    const authorized = await authorizeStep(deps)(attempt)
    if (E.isLeft(authorized)) return authorized
    attempt = authorized.right

    const halted3 = checkpoint(deps, 'payment-authorized')
    if (E.isLeft(halted3)) return halted3
    const finishing = await finishAttemptWritten(deps)(attempt, pricedCart)
    if (E.isLeft(finishing)) return finishing
    const finished = E.right(finishing.right.result)
    if (attempt.payment?.status !== 'authorized') return finished

    const halted4 = checkpoint(deps, 'order-written')
    if (E.isLeft(halted4)) return halted4
    const written = finishing.right.written
    let captured: E.Either<unknown, Captured> = E.right({ amount: 0, row: O.none })
    if (deps.config.captureMode === 'immediate') {
      captured = await captureOrder(deps)(attempt.orderId, undefined, written?.order)()
      if (E.isLeft(captured))
        deps.logger.log('warn', 'immediate capture failed; recovery will retry it', {
          orderId: attempt.orderId,
          error: toJsonValue(captured.left),
        })
    }
    const halted5 = checkpoint(deps, 'payment-captured')
    if (E.isLeft(halted5)) return halted5
    // This call wrote the order (and recorded its capture, if one was due): the completed attempt
    // (a final step) and the row last written are the current result, with nothing to read again.
    if (written !== undefined && E.isRight(captured))
      return O.isSome(captured.right.row)
        ? E.right(resultOf(written.completed, captured.right.row))
        : E.right(written.result)
    const attemptNow = await deps.store.checkoutAttempts.get(attempt.attemptId)()
    if (E.isLeft(attemptNow) || O.isNone(attemptNow.right)) return finished
    return currentResult(deps, attemptNow.right.value)()
  }
