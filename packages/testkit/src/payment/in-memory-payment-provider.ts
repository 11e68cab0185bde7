/**
 * The in-memory {@link PaymentProvider}: a faithful payment state machine (authorize, partial
 * and multiple captures, void, partial and multiple refunds, each within its limits), Stripe-like
 * idempotency (same key and request → the first result, replayed; same key, other request →
 * `IdempotencyConflict`), signed webhooks it emits and verifies, and scripted failures for saga
 * tests: declines, timeouts before or after the effect, 5xx, delayed success (requires action,
 * completed later by a webhook), latency, and duplicate webhook deliveries.
 *
 * Like Stripe's and PayPal's, its events describe one capture or one refund each: every capture
 * emits `payment.captured` with the capture's id, its amount and `final` (the authorization is
 * closed), every refund `payment.refunded` with the refund's id and amount. A capture or refund a
 * test makes directly on the provider, with a key of its own, is what a dashboard action looks
 * like to the shop: only its webhook tells.
 *
 * Behaviour defined by `describePaymentProviderConformance`, which it passes.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import {
  type Authorization,
  type AuthorizeError,
  type AuthorizeRequest,
  amountExceedsCapturable,
  amountExceedsRefundable,
  type Capture,
  type CaptureError,
  type CaptureId,
  type CaptureRequest,
  type Clock,
  canonicalJson,
  headerValue,
  type IdempotencyConflict,
  type IdempotencyKey,
  type InvalidPaymentState,
  idempotencyConflict,
  invalidPaymentState,
  invalidWebhookSignature,
  isCurrencyCode,
  type Money,
  type NormalizedWebhookEvent,
  type PaymentId,
  type PaymentNotFound,
  type PaymentProvider,
  type PaymentStatus,
  type ProviderUnavailable,
  paymentDeclined,
  paymentNotFound,
  paymentRequiresAction,
  paymentStateOf,
  providerRejected,
  providerUnavailable,
  type Refund,
  type RefundError,
  type RefundId,
  type RefundRequest,
  type RetrieveError,
  systemClock,
  toJsonValue,
  unsupportedWebhookEvent,
  type VoidError,
  type VoidRequest,
  type VoidResult,
  type WebhookDelivery,
  type WebhookError,
  type WebhookEventType,
  type WebhookHeaders,
  webhookEventTypes,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import type { TaskEither } from 'fp-ts/TaskEither'

/**
 * The payment-method tokens the in-memory provider understands. Any other token is
 * `ProviderRejected { status: 400, code: 'payment_method_invalid' }`.
 *
 * @example
 * ```ts
 * import { inMemoryPaymentMethods } from '@mercato/testkit'
 * inMemoryPaymentMethods.declines // 'pm_card_declined'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const inMemoryPaymentMethods = {
  /** Authorizes. */
  succeeds: 'pm_card_visa',
  /** `PaymentDeclined { code: 'card_declined', declineCode: 'generic_decline' }`. */
  declines: 'pm_card_declined',
  /** `PaymentDeclined { code: 'card_declined', declineCode: 'insufficient_funds' }`. */
  insufficientFunds: 'pm_card_insufficient_funds',
  /** `requires_action` until `completeAction(paymentId, 'succeeded' | 'failed')`. */
  requiresAction: 'pm_card_requires_action',
} as const

/**
 * A provider call the script can interfere with.
 *
 * @example
 * ```ts
 * import type { ScriptableOperation } from '@mercato/testkit'
 * const op: ScriptableOperation = 'capture'
 * ```
 * @category payment
 * @since 0.1.0
 */
export type ScriptableOperation = 'authorize' | 'capture' | 'void' | 'refund' | 'retrieve'

/**
 * A scripted failure (or delay) for the next call of an operation:
 * - `decline`: the call is declined like a real decline (stored under its key, so a retry with
 *   the same key gets the same decline). `authorize` and `capture` only.
 * - `timeout`: `ProviderUnavailable { retryable: true }`. With `phase: 'before'` nothing
 *   happened and nothing is stored (a retry executes); with `phase: 'after'` the operation was
 *   applied and its result stored, but the caller never heard (a retry with the same key gets the
 *   replay): the ambiguous "did it happen?" case.
 * - `server-error`: `ProviderUnavailable { retryable: true, status }` (default 500), `phase` as
 *   for timeouts (default `'before'`).
 * - `requires-action`: `authorize` answers `requires_action` whatever the payment method; the test
 *   completes it with `completeAction`, which emits the `payment.authorized` webhook (delayed
 *   success).
 * - `latency`: the call succeeds (or fails) normally after `ms` milliseconds of real time, holding
 *   its idempotency key meanwhile (a concurrent call with the same key gets a retryable 409).
 *
 * @example
 * ```ts
 * import type { ScriptedFault } from '@mercato/testkit'
 * const ambiguous: ScriptedFault = { kind: 'timeout', phase: 'after' }
 * ```
 * @category payment
 * @since 0.1.0
 */
export type ScriptedFault =
  | { readonly kind: 'decline'; readonly code?: string; readonly declineCode?: string }
  | { readonly kind: 'timeout'; readonly phase: 'before' | 'after' }
  | { readonly kind: 'server-error'; readonly status?: number; readonly phase?: 'before' | 'after' }
  | { readonly kind: 'requires-action' }
  | { readonly kind: 'latency'; readonly ms: number }

/**
 * The faults each operation accepts: declines only for `authorize` and `capture`,
 * `requires-action` only for `authorize`.
 *
 * @example
 * ```ts
 * import type { FaultFor } from '@mercato/testkit'
 * const fault: FaultFor<'refund'> = { kind: 'server-error', status: 503 }
 * ```
 * @category payment
 * @since 0.1.0
 */
export type FaultFor<Op extends ScriptableOperation> = Op extends 'authorize'
  ? ScriptedFault
  : Op extends 'capture'
    ? Exclude<ScriptedFault, { readonly kind: 'requires-action' }>
    : Exclude<ScriptedFault, { readonly kind: 'requires-action' } | { readonly kind: 'decline' }>

/**
 * One state change the provider applied (replays and failures apply none): what saga tests count
 * to prove "exactly one capture".
 *
 * @example
 * ```ts
 * import type { InMemoryPaymentProvider, PaymentEffect } from '@mercato/testkit'
 * declare const payments: InMemoryPaymentProvider
 * payments.effects().filter((e: PaymentEffect) => e.operation === 'capture').length // 1
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface PaymentEffect {
  readonly operation: 'authorize' | 'capture' | 'void' | 'refund' | 'complete-action'
  readonly paymentId: PaymentId
  readonly amount: Money
  readonly idempotencyKey?: IdempotencyKey
}

/**
 * A webhook event to emit by hand (see {@link InMemoryPaymentProvider.emitWebhook}).
 *
 * @example
 * ```ts
 * import type { InMemoryWebhookEvent } from '@mercato/testkit'
 * import { type PaymentId, unsafeMoney } from '@mercato/core'
 * declare const paymentId: PaymentId
 * const event: InMemoryWebhookEvent = { type: 'payment.captured', paymentId, amount: unsafeMoney(5000, 'USD') }
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface InMemoryWebhookEvent {
  readonly type: WebhookEventType
  readonly paymentId?: PaymentId
  readonly amount?: Money
  readonly captureId?: CaptureId
  readonly refundId?: RefundId
  readonly final?: boolean
  readonly failure?: { readonly code: string; readonly declineCode?: string }
}

/**
 * Options of {@link createInMemoryPaymentProvider}: the clock (webhook timestamps and their
 * tolerance check; default the system clock), the webhook signing secret, the tolerance in
 * seconds (default 300; timestamps further in the past or future are rejected) and the provider
 * name (default `'in-memory'`).
 *
 * @example
 * ```ts
 * import { type InMemoryPaymentProviderOptions, manualClock } from '@mercato/testkit'
 * const options: InMemoryPaymentProviderOptions = { clock: manualClock(new Date('2026-01-01T00:00:00Z')), webhookToleranceSeconds: 60 }
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface InMemoryPaymentProviderOptions {
  readonly clock?: Clock
  readonly webhookSecret?: string
  readonly webhookToleranceSeconds?: number
  readonly name?: string
}

/**
 * The in-memory provider: a {@link PaymentProvider} plus the controls tests drive it with.
 *
 * @example
 * ```ts
 * import { createInMemoryPaymentProvider, type InMemoryPaymentProvider } from '@mercato/testkit'
 * const payments: InMemoryPaymentProvider = createInMemoryPaymentProvider()
 * payments.script('authorize', { kind: 'decline' }, 2)
 * payments.duplicateWebhooks()
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface InMemoryPaymentProvider extends PaymentProvider {
  /** Makes the next `times` (default 1) calls of `operation` fail or wait as `fault` says. */
  readonly script: <Op extends ScriptableOperation>(operation: Op, fault: FaultFor<Op>, times?: number) => void
  /** Queues each of the next `times` (default 1) webhooks twice, with the same event id. */
  readonly duplicateWebhooks: (times?: number) => void
  /** Forgets every scripted fault and pending duplicate. */
  readonly clearScript: () => void
  /** Completes a payment waiting in `requires_action`: authorizes it (emitting `payment.authorized`) or fails it (`payment.failed`). */
  readonly completeAction: (
    paymentId: PaymentId,
    outcome: 'succeeded' | 'failed',
  ) => E.Either<PaymentNotFound | InvalidPaymentState, PaymentStatus>
  /** Returns and removes the webhooks emitted so far, oldest first, signed as deliveries. */
  readonly takeWebhooks: () => ReadonlyArray<WebhookDelivery>
  /** Signs and returns (without queueing) a webhook for `event`, with a fresh event id. */
  readonly emitWebhook: (event: InMemoryWebhookEvent) => WebhookDelivery
  /** The signature headers for `rawBody`, signed at `timestamp` (default now) with `secret` (default the provider's). */
  readonly signWebhook: (
    rawBody: string,
    options?: { readonly timestamp?: Date; readonly secret?: string },
  ) => WebhookHeaders
  /** Every state change applied so far, in order. */
  readonly effects: () => ReadonlyArray<PaymentEffect>
}

interface PaymentRecord {
  readonly paymentId: PaymentId
  readonly amount: Money
  readonly authorized: number
  readonly captured: number
  readonly refunded: number
  readonly voided: number
  readonly requiresAction: boolean
  readonly failed: boolean
  readonly closed: boolean
  readonly captureOnCompletion: boolean
}

interface StoredResult {
  readonly fingerprint: string
  readonly result: E.Either<unknown, unknown>
}

/** The header the in-memory provider signs webhooks with: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
const signatureHeader = 'mercato-signature'

const isValidationFailure = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && '_tag' in error && error._tag === 'ProviderRejected'

const pad = (n: number): string => String(n).padStart(6, '0')
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const hmac = (secret: string, payload: string): string => createHmac('sha256', secret).update(payload).digest('hex')

/**
 * Makes an in-memory payment provider with empty state.
 *
 * @example
 * ```ts
 * import { createInMemoryPaymentProvider, inMemoryPaymentMethods } from '@mercato/testkit'
 * import { idempotencyKeyFor, unsafeMoney } from '@mercato/core'
 * const payments = createInMemoryPaymentProvider()
 * payments.script('capture', { kind: 'timeout', phase: 'after' })
 * // const auth = await payments.authorize({ idempotencyKey, amount: unsafeMoney(5000, 'USD'),
 * //   paymentMethod: inMemoryPaymentMethods.succeeds, orderReference: 'order_1' })()
 * ```
 * @category payment
 * @since 0.1.0
 */
export const createInMemoryPaymentProvider = (
  options: InMemoryPaymentProviderOptions = {},
): InMemoryPaymentProvider => {
  const clock = options.clock ?? systemClock
  const secret = options.webhookSecret ?? 'whsec_in_memory_test_secret'
  const tolerance = options.webhookToleranceSeconds ?? 300
  const name = options.name ?? 'in-memory'

  const payments = new Map<string, PaymentRecord>()
  const stored = new Map<string, StoredResult>()
  const inFlight = new Set<string>()
  const faults = new Map<ScriptableOperation, ScriptedFault[]>()
  const outbox: WebhookDelivery[] = []
  const effects: PaymentEffect[] = []
  let duplicates = 0
  const counters = { pay: 0, cap: 0, re: 0, evt: 0 }
  const nextId = (prefix: keyof typeof counters): string => `${prefix}_${pad(++counters[prefix])}`

  const money = (amount: number, like: Money): Money => ({ amount, currency: like.currency })

  const statusOf = (p: PaymentRecord): PaymentStatus => ({
    paymentId: p.paymentId,
    state: paymentStateOf(p),
    authorized: money(p.authorized, p.amount),
    captured: money(p.captured, p.amount),
    refunded: money(p.refunded, p.amount),
    voided: money(p.voided, p.amount),
    capturable: money(p.authorized - p.captured - p.voided, p.amount),
    refundable: money(p.captured - p.refunded, p.amount),
  })

  // -- webhooks ------------------------------------------------------------------------------

  const signWebhook = (rawBody: string, signing: { readonly timestamp?: Date; readonly secret?: string } = {}) => {
    const t = Math.floor((signing.timestamp ?? clock.now()).getTime() / 1000)
    return {
      [signatureHeader]: `t=${t},v1=${hmac(signing.secret ?? secret, `${t}.${rawBody}`)}`,
      'content-type': 'application/json',
    }
  }

  const emitWebhook = (event: InMemoryWebhookEvent): WebhookDelivery => {
    const body = JSON.stringify({
      id: nextId('evt'),
      type: event.type,
      created: Math.floor(clock.now().getTime() / 1000),
      data: toJsonValue({
        paymentId: event.paymentId,
        amount: event.amount,
        captureId: event.captureId,
        refundId: event.refundId,
        final: event.final,
        failure: event.failure,
      }),
    })
    return { rawBody: body, headers: signWebhook(body) }
  }

  const publish = (event: InMemoryWebhookEvent): void => {
    const delivery = emitWebhook(event)
    outbox.push(delivery)
    if (duplicates > 0) {
      duplicates--
      outbox.push({ rawBody: delivery.rawBody, headers: signWebhook(String(delivery.rawBody)) })
    }
  }

  const verify = (body: string, headers: WebhookHeaders): E.Either<WebhookError, void> => {
    const header = headerValue(signatureHeader)(headers)
    if (O.isNone(header)) return E.left(invalidWebhookSignature(`missing ${signatureHeader} header`))
    const parts = header.value.split(',').map((part) => part.trim().split('='))
    const t = Number(parts.find(([k]) => k === 't')?.[1])
    const signatures = parts.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v as string)
    if (!Number.isSafeInteger(t) || signatures.length === 0)
      return E.left(invalidWebhookSignature('malformed signature header'))
    const age = Math.floor(clock.now().getTime() / 1000) - t
    if (age > tolerance || age < -tolerance)
      return E.left(invalidWebhookSignature('timestamp outside the tolerance window'))
    const expected = Buffer.from(hmac(secret, `${t}.${body}`), 'hex')
    const matches = signatures.some((candidate) => {
      const given = Buffer.from(candidate, 'hex')
      return given.length === expected.length && timingSafeEqual(given, expected)
    })
    return matches ? E.right(undefined) : E.left(invalidWebhookSignature('no signature matches the body'))
  }

  const normalize = (body: string): E.Either<WebhookError, NormalizedWebhookEvent> => {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return E.left(unsupportedWebhookEvent('unknown', 'body is not JSON'))
    }
    if (typeof parsed !== 'object' || parsed === null)
      return E.left(unsupportedWebhookEvent('unknown', 'body is not an object'))
    const raw = parsed as { id?: unknown; type?: unknown; created?: unknown; data?: unknown }
    const data = (typeof raw.data === 'object' && raw.data !== null ? raw.data : {}) as Record<string, unknown>
    if (typeof raw.id !== 'string' || typeof raw.type !== 'string' || typeof raw.created !== 'number')
      return E.left(unsupportedWebhookEvent(String(raw.type), 'missing id, type or created'))
    const type = (webhookEventTypes as ReadonlyArray<string>).includes(raw.type)
      ? (raw.type as WebhookEventType)
      : 'other'
    const amount = data.amount as { amount?: unknown; currency?: unknown } | undefined
    const failure = data.failure as { code?: unknown; declineCode?: unknown } | undefined
    return E.right({
      provider: name,
      providerEventId: raw.id,
      type,
      ...(typeof data.paymentId === 'string' ? { paymentId: data.paymentId as PaymentId } : {}),
      ...(typeof data.captureId === 'string' ? { captureId: data.captureId as CaptureId } : {}),
      ...(typeof data.refundId === 'string' ? { refundId: data.refundId as RefundId } : {}),
      ...(typeof data.final === 'boolean' ? { final: data.final } : {}),
      ...(amount !== undefined && Number.isSafeInteger(amount.amount) && isCurrencyCode(amount.currency)
        ? { amount: { amount: amount.amount as number, currency: amount.currency } }
        : {}),
      ...(failure !== undefined && typeof failure.code === 'string'
        ? {
            failure: {
              code: failure.code,
              ...(typeof failure.declineCode === 'string' ? { declineCode: failure.declineCode } : {}),
            },
          }
        : {}),
      occurredAt: new Date(raw.created * 1000),
      raw: parsed,
    })
  }

  // -- the call pipeline: script, idempotency, execution ---------------------------------------

  const takeFault = (operation: ScriptableOperation): ScriptedFault | undefined => faults.get(operation)?.shift()

  const unavailable = (fault: ScriptedFault) =>
    fault.kind === 'server-error'
      ? providerUnavailable(true, { status: fault.status ?? 500, cause: 'scripted server error' })
      : providerUnavailable(true, { cause: 'scripted timeout' })

  const phaseOf = (fault: ScriptedFault | undefined): 'before' | 'after' | undefined =>
    fault?.kind === 'timeout' ? fault.phase : fault?.kind === 'server-error' ? (fault.phase ?? 'before') : undefined

  /**
   * Runs a money-moving call: replays a stored result for a known key (or reports a conflict),
   * applies scripted faults, executes once, stores the result, and only then reports a fault
   * scripted for after the effect.
   */
  const call =
    <Err, A>(
      operation: Exclude<ScriptableOperation, 'retrieve'>,
      request: { readonly idempotencyKey: IdempotencyKey },
      execute: (fault: ScriptedFault | undefined) => E.Either<Err, A>,
    ): TaskEither<Err | ProviderUnavailable | IdempotencyConflict, A> =>
    async () => {
      const key = request.idempotencyKey
      const { idempotencyKey: _omitted, ...body } = request
      const fingerprint = `${operation}:${canonicalJson(toJsonValue(body))}`
      const previous = stored.get(key)
      if (previous !== undefined) {
        return previous.fingerprint === fingerprint
          ? (previous.result as E.Either<Err, A>)
          : E.left(idempotencyConflict(key))
      }
      if (inFlight.has(key))
        return E.left(providerUnavailable(true, { status: 409, cause: 'a request with this key is in progress' }))
      const fault = takeFault(operation)
      inFlight.add(key)
      try {
        if (fault?.kind === 'latency') await sleep(fault.ms)
        const phase = phaseOf(fault)
        if (fault !== undefined && phase === 'before') return E.left(unavailable(fault))
        const result = execute(fault)
        // Like Stripe, a request that fails validation is not stored: fixing it and retrying with the same key is fine.
        if (!(E.isLeft(result) && isValidationFailure(result.left))) stored.set(key, { fingerprint, result })
        if (fault !== undefined && phase === 'after') return E.left(unavailable(fault))
        return result
      } finally {
        inFlight.delete(key)
      }
    }

  const find = (paymentId: PaymentId): PaymentRecord | undefined => payments.get(paymentId)
  const save = (record: PaymentRecord): void => {
    payments.set(record.paymentId, record)
  }
  const badAmount = (amount: Money): boolean => !Number.isSafeInteger(amount.amount) || amount.amount <= 0

  const authorize = (request: AuthorizeRequest): TaskEither<AuthorizeError, Authorization> =>
    call('authorize', request, (fault): E.Either<AuthorizeError, Authorization> => {
      if (badAmount(request.amount)) return E.left(providerRejected(400, 'amount_invalid'))
      const method = request.paymentMethod
      const known = (Object.values(inMemoryPaymentMethods) as ReadonlyArray<string>).includes(method)
      if (!known) return E.left(providerRejected(400, 'payment_method_invalid'))
      const paymentId = nextId('pay') as PaymentId
      const base: PaymentRecord = {
        paymentId,
        amount: request.amount,
        authorized: 0,
        captured: 0,
        refunded: 0,
        voided: 0,
        requiresAction: false,
        failed: false,
        closed: false,
        captureOnCompletion: request.capture === 'automatic',
      }
      const decline =
        fault?.kind === 'decline'
          ? paymentDeclined(fault.code ?? 'card_declined', fault.declineCode ?? 'generic_decline')
          : method === inMemoryPaymentMethods.declines
            ? paymentDeclined('card_declined', 'generic_decline')
            : method === inMemoryPaymentMethods.insufficientFunds
              ? paymentDeclined('card_declined', 'insufficient_funds')
              : undefined
      if (decline !== undefined) {
        save({ ...base, failed: true })
        publish({
          type: 'payment.failed',
          paymentId,
          amount: request.amount,
          failure: {
            code: decline.code,
            ...(decline.declineCode === undefined ? {} : { declineCode: decline.declineCode }),
          },
        })
        return E.left(decline)
      }
      if (fault?.kind === 'requires-action' || method === inMemoryPaymentMethods.requiresAction) {
        save({ ...base, requiresAction: true })
        publish({ type: 'payment.requires_action', paymentId, amount: request.amount })
        return E.right({
          status: 'requires_action',
          paymentId,
          amount: request.amount,
          nextAction: { type: 'redirect', url: `https://payments.in-memory.test/action/${paymentId}` },
        })
      }
      effects.push({
        operation: 'authorize',
        paymentId,
        amount: request.amount,
        idempotencyKey: request.idempotencyKey,
      })
      if (request.capture === 'automatic') {
        const captureId = nextId('cap') as CaptureId
        save({ ...base, authorized: request.amount.amount, captured: request.amount.amount, closed: true })
        effects.push({
          operation: 'capture',
          paymentId,
          amount: request.amount,
          idempotencyKey: request.idempotencyKey,
        })
        publish({ type: 'payment.captured', paymentId, amount: request.amount, captureId, final: true })
        return E.right({ status: 'captured', paymentId, amount: request.amount, captureId })
      }
      save({ ...base, authorized: request.amount.amount })
      publish({ type: 'payment.authorized', paymentId, amount: request.amount })
      return E.right({ status: 'authorized', paymentId, amount: request.amount })
    })

  const capture = (request: CaptureRequest): TaskEither<CaptureError, Capture> =>
    call('capture', request, (fault): E.Either<CaptureError, Capture> => {
      const p = find(request.paymentId)
      if (p === undefined) return E.left(paymentNotFound(request.paymentId))
      if (badAmount(request.amount)) return E.left(providerRejected(400, 'amount_invalid'))
      if (request.amount.currency !== p.amount.currency) return E.left(providerRejected(400, 'currency_mismatch'))
      if (p.requiresAction) return E.left(paymentRequiresAction(p.paymentId))
      const capturable = p.authorized - p.captured - p.voided
      if (p.failed || p.closed || capturable <= 0)
        return E.left(invalidPaymentState(p.paymentId, paymentStateOf(p), 'capture'))
      if (request.amount.amount > capturable)
        return E.left(amountExceedsCapturable(p.paymentId, request.amount, money(capturable, p.amount)))
      if (fault?.kind === 'decline')
        return E.left(paymentDeclined(fault.code ?? 'card_declined', fault.declineCode ?? 'generic_decline'))
      const rest = capturable - request.amount.amount
      const final = request.final === true
      const captureId = nextId('cap') as CaptureId
      save({
        ...p,
        captured: p.captured + request.amount.amount,
        voided: p.voided + (final ? rest : 0),
        closed: final || rest === 0,
      })
      effects.push({
        operation: 'capture',
        paymentId: p.paymentId,
        amount: request.amount,
        idempotencyKey: request.idempotencyKey,
      })
      publish({
        type: 'payment.captured',
        paymentId: p.paymentId,
        amount: request.amount,
        captureId,
        final: final || rest === 0,
      })
      return E.right({
        captureId,
        paymentId: p.paymentId,
        amount: request.amount,
        status: 'succeeded',
        remainingCapturable: money(final ? 0 : rest, p.amount),
      })
    })

  const voidPayment = (request: VoidRequest): TaskEither<VoidError, VoidResult> =>
    call('void', request, (): E.Either<VoidError, VoidResult> => {
      const p = find(request.paymentId)
      if (p === undefined) return E.left(paymentNotFound(request.paymentId))
      if (p.requiresAction) {
        save({ ...p, requiresAction: false, authorized: p.amount.amount, voided: p.amount.amount, closed: true })
        effects.push({
          operation: 'void',
          paymentId: p.paymentId,
          amount: p.amount,
          idempotencyKey: request.idempotencyKey,
        })
        publish({ type: 'payment.cancelled', paymentId: p.paymentId, amount: p.amount })
        return E.right({ paymentId: p.paymentId, released: p.amount })
      }
      const capturable = p.authorized - p.captured - p.voided
      if (p.failed || p.closed || capturable <= 0)
        return E.left(invalidPaymentState(p.paymentId, paymentStateOf(p), 'void'))
      const released = money(capturable, p.amount)
      save({ ...p, voided: p.voided + capturable, closed: true })
      effects.push({
        operation: 'void',
        paymentId: p.paymentId,
        amount: released,
        idempotencyKey: request.idempotencyKey,
      })
      publish({ type: 'payment.cancelled', paymentId: p.paymentId, amount: released })
      return E.right({ paymentId: p.paymentId, released })
    })

  const refund = (request: RefundRequest): TaskEither<RefundError, Refund> =>
    call('refund', request, (): E.Either<RefundError, Refund> => {
      const p = find(request.paymentId)
      if (p === undefined) return E.left(paymentNotFound(request.paymentId))
      if (badAmount(request.amount)) return E.left(providerRejected(400, 'amount_invalid'))
      if (request.amount.currency !== p.amount.currency) return E.left(providerRejected(400, 'currency_mismatch'))
      const refundable = p.captured - p.refunded
      if (request.amount.amount > refundable)
        return E.left(amountExceedsRefundable(p.paymentId, request.amount, money(refundable, p.amount)))
      const refundId = nextId('re') as RefundId
      save({ ...p, refunded: p.refunded + request.amount.amount })
      effects.push({
        operation: 'refund',
        paymentId: p.paymentId,
        amount: request.amount,
        idempotencyKey: request.idempotencyKey,
      })
      publish({ type: 'payment.refunded', paymentId: p.paymentId, amount: request.amount, refundId })
      return E.right({ refundId, paymentId: p.paymentId, amount: request.amount, status: 'succeeded' })
    })

  const retrieve =
    (paymentId: PaymentId): TaskEither<RetrieveError, PaymentStatus> =>
    async () => {
      const fault = takeFault('retrieve')
      if (fault?.kind === 'latency') await sleep(fault.ms)
      if (fault?.kind === 'timeout' || fault?.kind === 'server-error') return E.left(unavailable(fault))
      const p = find(paymentId)
      return p === undefined ? E.left(paymentNotFound(paymentId)) : E.right(statusOf(p))
    }

  const parseWebhook =
    (rawBody: Uint8Array | string, headers: WebhookHeaders): TaskEither<WebhookError, NormalizedWebhookEvent> =>
    async () => {
      const body = typeof rawBody === 'string' ? rawBody : new TextDecoder('utf-8', { fatal: false }).decode(rawBody)
      const verified = verify(body, headers)
      return E.isLeft(verified) ? verified : normalize(body)
    }

  return {
    name,
    authorize,
    capture,
    void: voidPayment,
    refund,
    retrieve,
    parseWebhook,
    script: (operation, fault, times = 1) => {
      const queue = faults.get(operation) ?? []
      for (let i = 0; i < times; i++) queue.push(fault)
      faults.set(operation, queue)
    },
    duplicateWebhooks: (times = 1) => {
      duplicates += times
    },
    clearScript: () => {
      faults.clear()
      duplicates = 0
    },
    completeAction: (paymentId, outcome) => {
      const p = find(paymentId)
      if (p === undefined) return E.left(paymentNotFound(paymentId))
      if (!p.requiresAction) return E.left(invalidPaymentState(paymentId, paymentStateOf(p), 'capture'))
      if (outcome === 'failed') {
        const failed = { ...p, requiresAction: false, failed: true }
        save(failed)
        publish({ type: 'payment.failed', paymentId, amount: p.amount, failure: { code: 'authentication_failed' } })
        return E.right(statusOf(failed))
      }
      const captured = p.captureOnCompletion ? p.amount.amount : 0
      const done = { ...p, requiresAction: false, authorized: p.amount.amount, captured, closed: p.captureOnCompletion }
      save(done)
      effects.push({ operation: 'complete-action', paymentId, amount: p.amount })
      publish({ type: 'payment.authorized', paymentId, amount: p.amount })
      if (p.captureOnCompletion)
        publish({
          type: 'payment.captured',
          paymentId,
          amount: p.amount,
          captureId: nextId('cap') as CaptureId,
          final: true,
        })
      return E.right(statusOf(done))
    },
    takeWebhooks: () => outbox.splice(0, outbox.length),
    emitWebhook,
    signWebhook,
    effects: () => [...effects],
  }
}
