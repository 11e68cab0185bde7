/**
 * What finishes or undoes checkouts a crash left behind, and the payment webhook handler.
 *
 * Crash windows (where the process may die) and what recovery does with each:
 *
 * | died after…                               | attempt step   | recovery                                                          |
 * | ----------------------------------------- | -------------- | ----------------------------------------------------------------- |
 * | idempotency begin (same transaction)      | —              | nothing to do: the begin rolled back with the attempt             |
 * | attempt recorded, maybe stock reserved    | `started`      | compensate: release `res_<attemptId>` (a no-op if never reserved) |
 * | reservation, maybe authorized             | `reserved`     | authorize again with the same key (the provider replays a hold it made) → finish; a decline → compensate; unreachable → retry next run |
 * | authorization recorded                    | `authorized`   | finish (write the order); cart changed / reservation expired / limit reached → compensate (void) |
 * | authorized, shopper must act              | `authorized` + `requires_action` | ask the provider: authorized → finish; failed → compensate; still waiting → wait while the reservation lives, then compensate (the idempotency key was deferred in the step's transaction: replays answer from the attempt meanwhile) |
 * | order written, before capture             | `completed`    | capture due orders (capture mode `'immediate'`) with the order's next capture key |
 * | capture taken, not recorded               | `completed`    | same: the capture key is replayed by the provider, then recorded; or its `payment.captured` webhook recorded it first (by capture id), and the replayed capture records nothing |
 * | refund taken, not recorded                | `completed`    | its `payment.refunded` webhook records it (by refund id)          |
 * | refund webhook before its capture's       | `completed`    | the refund waits in the inbox (`deferred`) and is applied by the first run after its capture is recorded; dropped with a warning after `webhookReorderWindowMs` |
 * | order cancelled, void or refund not done (failed, or died before the provider call) | `completed` | finish the cancellation: void and refund what the order still owes (`compensationOwed`), with the keys the cancel used, so a call that did happen is replayed, not repeated; a retried `orders.cancel` does the same. Found by the summary rows (`status: cancelled` and `holdsMoney`: an authorization remainder not captured or voided, or captured money not refunded, whatever the payment status reads), untouched for `staleAfterMs` |
 * | void taken, not recorded (ours or a dashboard's) | `completed` | its `payment.cancelled` webhook records the void; a cancelled order's is also recorded by finishing the cancellation (the void key is replayed) |
 * | during compensation                       | `compensating` | run the compensation again (every step is idempotent)             |
 * | attempt failed, key not yet abandoned     | —              | nothing to do: `failed` and the abandon are one transaction       |
 * | webhook recorded, not processed           | —              | process inbox entries left unprocessed                            |
 *
 * Expired reservations are released by `expireDue` after attempts were given their chance.
 *
 * Captures, refunds and voids made outside the checkout (in the Stripe dashboard or PayPal
 * console, a PayPal capture that completes later, a refund whose recording a crash lost) reach
 * the order only through their webhooks: see {@link processPaymentEvent}.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import type { RecoveryReport, WebhookInput, WebhookResult, WebhookUseCaseError } from '../commerce/index.js'
import { type InfrastructureError, infrastructureError } from '../kernel/index.js'
import { capturable, type OrderId, type RecordCapture, type RecordRefund, type RecordVoid } from '../order/index.js'
import type { NormalizedWebhookEvent } from '../payment/index.js'
import { type CheckoutDeps, loadOrder } from './checkout-deps.js'
import type { CheckoutAttempt } from './checkout-ports.js'
import { authorizeStep, captureDue, compensateAttempt, finishAttempt, reservationIdFor } from './place-order.js'
import { recordPayment } from './record-payment.js'
import { finishCancellation } from './refund-and-void.js'

/**
 * What recovery did with one stale checkout attempt: finished it, compensated it, or left it
 * pending (the provider still waits for the shopper, or was unreachable).
 *
 * @category checkout
 * @since 0.1.0
 */
export type AttemptOutcome = 'completed' | 'compensated' | 'pending'

const finish =
  (deps: CheckoutDeps) =>
  async (attempt: CheckoutAttempt): Promise<AttemptOutcome> => {
    const finished = await finishAttempt(deps)(attempt)
    if (E.isRight(finished)) {
      if (finished.right.status === 'awaiting_payment') return 'pending'
      if (deps.config.captureMode === 'immediate') await captureDue(deps)(attempt.orderId)()
      return 'completed'
    }
    const now = await deps.store.checkoutAttempts.get(attempt.attemptId)()
    return E.isRight(now) && O.isSome(now.right) && now.right.value.step === 'failed' ? 'compensated' : 'pending'
  }

const compensated = async (outcome: Promise<'compensated' | 'pending' | 'skipped'>): Promise<AttemptOutcome> =>
  (await outcome) === 'compensated' ? 'compensated' : 'pending'

/**
 * Takes over one stale attempt and finishes or compensates it, per the crash-window table.
 *
 * @example
 * ```ts
 * import { recoverAttempt, type CheckoutAttempt, type CheckoutDeps } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * declare const attempt: CheckoutAttempt
 * const outcome = await recoverAttempt(deps)(attempt) // 'completed' | 'compensated' | 'pending'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const recoverAttempt =
  (deps: CheckoutDeps) =>
  async (attempt: CheckoutAttempt): Promise<AttemptOutcome> => {
    const interrupted = { _tag: 'CheckoutInterrupted' }
    switch (attempt.step) {
      case 'started':
      case 'compensating':
        return compensated(compensateAttempt(deps)(attempt, interrupted)())
      case 'reserved': {
        const authorized = await authorizeStep(deps)(attempt)
        if (E.isLeft(authorized)) {
          const now = await deps.store.checkoutAttempts.get(attempt.attemptId)()
          return E.isRight(now) && O.isSome(now.right) && now.right.value.step === 'failed' ? 'compensated' : 'pending'
        }
        return recoverAttempt(deps)(authorized.right)
      }
      case 'authorized': {
        if (attempt.payment?.status !== 'requires_action' || attempt.paymentId === undefined)
          return finish(deps)(attempt)
        const status = await deps.payments.retrieve(attempt.paymentId)()
        if (E.isLeft(status)) return 'pending'
        const state = status.right.state
        if (state === 'failed' || state === 'voided')
          return compensated(compensateAttempt(deps)(attempt, { _tag: 'PaymentFailed' })())
        if (state !== 'requires_action') {
          const moved = await deps.store.checkoutAttempts.advance(
            attempt.attemptId,
            'authorized',
            'authorized',
            { payment: { status: state === 'authorized' ? 'authorized' : 'captured' } },
            deps.clock.now(),
          )()
          return E.isLeft(moved) ? 'pending' : finish(deps)(moved.right)
        }
        const reservation = await deps.store.inventory.getReservation(
          attempt.reservationId ?? reservationIdFor(attempt.attemptId),
        )()
        const live =
          E.isRight(reservation) &&
          O.isSome(reservation.right) &&
          reservation.right.value.status === 'active' &&
          deps.clock.now().getTime() < reservation.right.value.expiresAt.getTime()
        return live ? 'pending' : compensated(compensateAttempt(deps)(attempt, { _tag: 'ReservationExpired' })())
      }
      case 'completed':
      case 'failed':
        return 'pending'
    }
  }

/** The order command a capture, refund or void event asks for; `Left`: why it cannot be recorded. */
const settlementOf = (
  orderId: OrderId,
  event: NormalizedWebhookEvent,
  at: Date,
): E.Either<string, RecordCapture | RecordRefund | RecordVoid> => {
  // A void releases whatever the authorization still holds: the order knows how much.
  if (event.type === 'payment.cancelled')
    return event.paymentId === undefined
      ? E.left('the event has no payment id')
      : E.right({ _tag: 'RecordVoid', orderId, at, paymentId: event.paymentId })
  if (event.amount === undefined) return E.left('the event has no amount')
  if (event.type === 'payment.captured')
    return event.captureId === undefined
      ? E.left('the event has no capture id')
      : E.right({
          _tag: 'RecordCapture',
          orderId,
          at,
          captureId: event.captureId,
          amount: event.amount,
          ...(event.final === true ? { final: true } : {}),
        })
  return event.refundId === undefined
    ? E.left('the event has no refund id')
    : E.right({ _tag: 'RecordRefund', orderId, at, refundId: event.refundId, amount: event.amount })
}

/**
 * What acting on a payment event did: `'processed'` (it changed something), `'ignored'` (nothing
 * to do, or refused and logged), `'deferred'` (not yet: a refund whose captures the order has not
 * seen; its inbox entry stays unprocessed for `recover()`).
 *
 * @category checkout
 * @since 0.1.0
 */
export type PaymentEventOutcome = 'processed' | 'ignored' | 'deferred'

/**
 * Records a capture, refund or void event on the order of a completed attempt, once (captures
 * and refunds per provider id; a void when the authorization still holds something):
 * `'processed'` when it was new to the order, `'ignored'` when the order had it already (our own
 * call recorded it, or an earlier event did). An event that cannot be recorded (no id or amount)
 * or that the order refuses (captured above authorized, refunded above captured, the same id
 * with another amount, a capture on a cancelled order, a void of an authorization captured in
 * full) changes nothing and is logged as a warning: `'ignored'`, so its inbox entry is marked
 * processed and not retried. Except a refund above what the order has captured that its
 * authorization could still cover: its capture's webhook may simply not have arrived yet
 * (providers deliver in any order), so it is `'deferred'` (left unprocessed in the inbox, for
 * `recover()` to try again) until `webhookReorderWindowMs` after the event, then ignored.
 */
const settle =
  (deps: CheckoutDeps) =>
  async (
    attempt: CheckoutAttempt,
    event: NormalizedWebhookEvent,
  ): Promise<E.Either<InfrastructureError, PaymentEventOutcome>> => {
    const about = {
      orderId: attempt.orderId,
      paymentId: event.paymentId,
      provider: event.provider,
      providerEventId: event.providerEventId,
      type: event.type,
    }
    const command = settlementOf(attempt.orderId, event, deps.clock.now())
    if (E.isLeft(command)) {
      deps.logger.log('warn', 'payment webhook not recorded on the order', { ...about, why: command.left })
      return E.right('ignored')
    }
    const recorded = await recordPayment(deps)(command.right)()
    if (E.isLeft(recorded))
      return E.left(
        recorded.left._tag === 'InfrastructureError'
          ? recorded.left
          : infrastructureError(recorded.left._tag === 'ConcurrencyConflict', recorded.left),
      )
    if (recorded.right._tag === 'Refused') {
      const refused = recorded.right.error
      if (
        refused._tag === 'RefundExceedsCaptured' &&
        deps.clock.now().getTime() - event.occurredAt.getTime() < deps.config.webhookReorderWindowMs
      ) {
        const order = await loadOrder(deps.store)(attempt.orderId)()
        if (E.isLeft(order))
          return E.left(order.left._tag === 'InfrastructureError' ? order.left : infrastructureError(false, order.left))
        // Captures still to come could cover it: wait for their webhooks.
        const { state } = order.right
        if (
          state.lifecycle !== 'none' &&
          refused.requested.amount <= refused.refundable.amount + capturable(state).amount
        ) {
          deps.logger.log('info', 'refund webhook deferred: the order has not seen enough captures yet', {
            ...about,
            amount: event.amount,
          })
          return E.right('deferred')
        }
      }
      deps.logger.log('warn', 'payment webhook not applied: the order refuses it', {
        ...about,
        amount: event.amount,
        error: recorded.right.error,
      })
      return E.right('ignored')
    }
    return E.right(recorded.right.events.length > 0 ? 'processed' : 'ignored')
  }

/**
 * Acts on one verified payment event: a payment that succeeded completes the attempt that
 * authorized it (writes the order, even if the shopper never came back); a failed or cancelled
 * payment compensates the attempt (releases its stock and promotions). For an order already
 * written, a `payment.captured` or `payment.refunded` event records that capture or refund on the
 * order unless the order has it (by provider capture or refund id, never by amount): captures
 * and refunds made in the provider's dashboard, a capture that completes later, a refund whose
 * recording a crash lost. A `payment.cancelled` event records a void (of what the authorization
 * still holds) unless the order has released it already: a void made in the dashboard, or one
 * whose recording was lost. One the order refuses (it would capture more than authorized, refund
 * more than captured, or void an authorization captured in full) is not applied, only logged as
 * a warning; a refund that captures still to come could cover is `'deferred'` for a while
 * instead (see `webhookReorderWindowMs`). Anything else, and events for
 * payments no attempt knows or for failed attempts, change nothing (`'ignored'`).
 *
 * @example
 * ```ts
 * import { processPaymentEvent, type CheckoutDeps, type NormalizedWebhookEvent } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * declare const event: NormalizedWebhookEvent
 * const outcome = await processPaymentEvent(deps)(event) // 'processed' | 'ignored' | 'deferred'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const processPaymentEvent =
  (deps: CheckoutDeps) =>
  async (event: NormalizedWebhookEvent): Promise<E.Either<InfrastructureError, PaymentEventOutcome>> => {
    if (event.paymentId === undefined) return E.right('ignored')
    const found = await deps.store.checkoutAttempts.byPaymentId(event.paymentId)()
    if (E.isLeft(found)) return found
    if (O.isNone(found.right)) return E.right('ignored')
    const attempt = found.right.value
    if (attempt.step === 'completed')
      return event.type === 'payment.captured' ||
        event.type === 'payment.refunded' ||
        event.type === 'payment.cancelled'
        ? settle(deps)(attempt, event)
        : E.right('ignored')
    if (attempt.step === 'failed' && event.type === 'payment.captured')
      deps.logger.log('warn', 'a payment was captured for a checkout that failed: refund it', {
        attemptId: attempt.attemptId,
        paymentId: event.paymentId,
        providerEventId: event.providerEventId,
      })
    if (attempt.step !== 'authorized' && attempt.step !== 'reserved') return E.right('ignored')
    switch (event.type) {
      case 'payment.authorized':
      case 'payment.captured': {
        if (attempt.step !== 'authorized') return E.right('ignored')
        const ready =
          attempt.payment?.status === 'requires_action'
            ? await deps.store.checkoutAttempts.advance(
                attempt.attemptId,
                'authorized',
                'authorized',
                { payment: { status: event.type === 'payment.captured' ? 'captured' : 'authorized' } },
                deps.clock.now(),
              )()
            : E.right(attempt)
        if (E.isLeft(ready)) return E.right('ignored')
        const outcome = await finish(deps)(ready.right)
        if (outcome === 'pending') return E.right('ignored')
        // The provider took the money before the order existed: record that capture too.
        if (outcome === 'completed' && event.type === 'payment.captured') {
          const settled = await settle(deps)(ready.right, event)
          if (E.isLeft(settled)) return settled
        }
        return E.right('processed')
      }
      case 'payment.failed':
      case 'payment.cancelled': {
        const outcome = await compensateAttempt(deps)(attempt, { _tag: 'PaymentFailed' })()
        return E.right(outcome === 'compensated' ? 'processed' : 'ignored')
      }
      case 'payment.refunded':
      case 'payment.requires_action':
      case 'other':
        return E.right('ignored')
    }
  }

/**
 * `payments.handleWebhook`: verifies the delivery with the provider (`parseWebhook`), stores
 * the event in the inbox once per provider event id (a redelivery is `'duplicate'` and does
 * nothing), acts on it ({@link processPaymentEvent}) and marks it processed, unless it was
 * `'deferred'` (then `maintenance.recover()` acts on it again later).
 *
 * Errors: `InvalidWebhookSignature`, `UnsupportedWebhookEvent`, `InfrastructureError`.
 *
 * @example
 * ```ts
 * import { handlePaymentWebhook, type CheckoutDeps } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * declare const rawBody: string
 * const result = handlePaymentWebhook(deps)({ rawBody, headers: {} })
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const handlePaymentWebhook =
  (deps: CheckoutDeps) =>
  (input: WebhookInput): TE.TaskEither<WebhookUseCaseError, WebhookResult> =>
    pipe(
      deps.payments.parseWebhook(input.rawBody, input.headers),
      TE.flatMap((event) =>
        pipe(
          deps.store.webhooks.record(event.provider, event.providerEventId, event, deps.clock.now()),
          TE.flatMap(
            (recorded): TE.TaskEither<InfrastructureError, WebhookResult> =>
              recorded === 'duplicate'
                ? TE.right({ provider: event.provider, providerEventId: event.providerEventId, outcome: 'duplicate' })
                : pipe(
                    () => processPaymentEvent(deps)(event),
                    TE.tap((outcome) =>
                      outcome === 'deferred'
                        ? TE.right(undefined)
                        : deps.store.webhooks.markProcessed(event.provider, event.providerEventId, deps.clock.now()),
                    ),
                    TE.map((outcome) => ({
                      provider: event.provider,
                      providerEventId: event.providerEventId,
                      outcome,
                    })),
                  ),
          ),
        ),
      ),
    )

const batch = 100

/** An inbox entry's identity: its provider and the provider's event id. */
const inboxKey = (entry: { readonly provider: string; readonly providerEventId: string }): string =>
  `${entry.provider}\u0000${entry.providerEventId}`

/**
 * `maintenance.recover`: finishes or compensates stale attempts (untouched for
 * `config.staleAfterMs`), releases expired reservations, takes captures due on `'immediate'`
 * orders, processes webhook events a crash left unprocessed, and finishes cancellations whose
 * void or refund failed or never ran (cancelled orders still holding money — `holdsMoney` —
 * untouched for `config.staleAfterMs`: {@link finishCancellation}). Safe to run from several workers at once
 * (every move is a compare-and-set or idempotent).
 *
 * @example
 * ```ts
 * import { recoverCheckouts, type CheckoutDeps } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * const report = await recoverCheckouts(deps)()
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const recoverCheckouts =
  (deps: CheckoutDeps): TE.TaskEither<InfrastructureError, RecoveryReport> =>
  async () => {
    const now = deps.clock.now()
    const olderThan = new Date(now.getTime() - deps.config.staleAfterMs)
    const counts = {
      completed: 0,
      compensated: 0,
      pending: 0,
      expiredReservations: 0,
      captures: 0,
      webhooks: 0,
      cancellations: 0,
    }

    const stale = await deps.store.checkoutAttempts.listStale(olderThan, batch)()
    if (E.isLeft(stale)) return stale
    for (const attempt of stale.right) counts[await recoverAttempt(deps)(attempt)]++

    for (;;) {
      const expired = await deps.store.inventory.expireDue(deps.clock.now(), batch)()
      if (E.isLeft(expired)) return expired
      counts.expiredReservations += expired.right
      if (expired.right < batch) break
    }

    if (deps.config.captureMode === 'immediate') {
      let cursor: string | undefined
      for (;;) {
        const page = await deps.store.orderViews.list({
          paymentStatus: ['authorized', 'partially_captured'],
          limit: 100,
          ...(cursor === undefined ? {} : { cursor }),
        })()
        if (E.isLeft(page)) return E.left(infrastructureError(false, page.left))
        for (const row of page.right.rows) {
          if (row.captureMode !== 'immediate' || row.payLater) continue
          const loaded = await loadOrder(deps.store)(row.orderId)()
          if (E.isLeft(loaded) || loaded.right.state.lifecycle !== 'placed') continue
          const captured = await captureDue(deps)(row.orderId)()
          if (E.isRight(captured) && captured.right > 0) counts.captures++
        }
        if (page.right.nextCursor === undefined) break
        cursor = page.right.nextCursor
      }
    }

    // Oldest first, until `batch` entries are processed. Those left unprocessed (deferred, or failing
    // again) stay at the head of the list: each is tried once a run, and the next read asks for as
    // many more, so they never hold back the entries behind them.
    const tried = new Set<string>()
    let left = 0
    let done = 0
    while (done < batch) {
      const unprocessed = await deps.store.webhooks.listUnprocessed(olderThan, left + batch - done)()
      if (E.isLeft(unprocessed)) return unprocessed
      const fresh = unprocessed.right.filter((entry) => !tried.has(inboxKey(entry)))
      if (fresh.length === 0) break
      for (const entry of fresh) {
        tried.add(inboxKey(entry))
        const processed = await processPaymentEvent(deps)(entry.event)
        const marked =
          E.isLeft(processed) || processed.right === 'deferred'
            ? undefined
            : await deps.store.webhooks.markProcessed(entry.provider, entry.providerEventId, deps.clock.now())()
        if (marked === undefined || E.isLeft(marked)) left++
        else done++
      }
    }
    counts.webhooks += done

    // After the webhooks: a void or refund their events recorded is not owed any more.
    // `holdsMoney` (not a payment status list): a cancelled order whose partial capture was
    // refunded in full reads `refunded` while the rest of its authorization is held. Finished
    // cancellations hold nothing, so these rows are the few unfinished ones, never every
    // cancelled order.
    let next: string | undefined
    for (;;) {
      const page = await deps.store.orderViews.list({
        status: ['cancelled'],
        holdsMoney: true,
        limit: 100,
        ...(next === undefined ? {} : { cursor: next }),
      })()
      if (E.isLeft(page)) return E.left(infrastructureError(false, page.left))
      for (const row of page.right.rows) {
        // A cancel still running gives the money back itself; a stale one died or failed.
        if (row.updatedAt.getTime() > olderThan.getTime()) continue
        const finished = await finishCancellation(deps)(row.orderId)()
        if (E.isRight(finished)) {
          if (finished.right === 'settled') counts.cancellations++
        } else
          deps.logger.log('warn', 'a cancelled order still holds money: its void or refund failed again', {
            orderId: row.orderId,
            error: finished.left,
          })
      }
      if (page.right.nextCursor === undefined) break
      next = page.right.nextCursor
    }
    return E.right(counts)
  }
