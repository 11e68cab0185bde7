/**
 * Recording what the provider did with an order's money (a capture, a refund, a void) on the order's
 * stream: one transaction that reads the stream, decides and appends at the version read. Our
 * own capture call and the provider's webhook about it may record the same capture at once: the
 * decider makes a repeated provider id a no-op, and a write that lost the race on the stream
 * version is decided again against the stream as the winner left it. Internal to the checkout
 * module (`captureOrder` and the webhook handler).
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import type { ConcurrencyConflict, CorruptRecord, InfrastructureError, TransactionalPorts } from '../kernel/index.js'
import {
  decideOrder,
  type OrderError,
  type OrderEvent,
  type OrderSummaryRow,
  type RecordCapture,
  type RecordRefund,
  type RecordVoid,
} from '../order/index.js'
import { appendOrderEvents, type CheckoutDeps, type LoadedOrder, loadOrder } from './checkout-deps.js'

/**
 * What recording did: appended `events` (none when the order already had this capture or refund)
 * and the order's summary row after them, or the decider refused the fact (`error`).
 */
export type Recording =
  | { readonly _tag: 'Recorded'; readonly events: ReadonlyArray<OrderEvent>; readonly row: O.Option<OrderSummaryRow> }
  | { readonly _tag: 'Refused'; readonly error: OrderError }

/** How many times a recording that lost the race on the stream version is decided again. */
const attempts = 4

/**
 * An order as this process last wrote it: its state, stream version and summary row. Deciding
 * against it saves reading the stream; the append at its version still checks that nobody wrote
 * after it, and a lost race reads the stream.
 */
export interface KnownOrder extends LoadedOrder {
  readonly row: O.Option<OrderSummaryRow>
}

/**
 * Records a capture, a refund or a void on its order, once (per provider id; a void on an
 * authorization already released records nothing). A `ConcurrencyConflict` is
 * left only when every attempt lost the race (retryable: nothing was written). With `known`, the
 * first attempt decides against it instead of reading the stream.
 */
export const recordPayment =
  (deps: CheckoutDeps) =>
  (
    command: RecordCapture | RecordRefund | RecordVoid,
    known?: KnownOrder,
  ): TE.TaskEither<ConcurrencyConflict | CorruptRecord | InfrastructureError, Recording> => {
    type Outcome = TE.TaskEither<ConcurrencyConflict | CorruptRecord | InfrastructureError, Recording>
    const append =
      (
        ports: TransactionalPorts,
        version: number,
        events: ReadonlyArray<OrderEvent>,
        row?: KnownOrder['row'],
      ): Outcome =>
      async () => {
        const written = await appendOrderEvents(ports, deps.ids)(command.orderId, version, events, row)()
        return E.isLeft(written) ? written : E.right({ _tag: 'Recorded', events, row: written.right })
      }
    const once = deps.store.unitOfWork.transaction((ports) =>
      pipe(
        loadOrder(ports)(command.orderId),
        TE.flatMap(({ state, version }): Outcome => {
          const decided = decideOrder(command, state)
          if (E.isLeft(decided)) return TE.right({ _tag: 'Refused', error: decided.left })
          return append(ports, version, decided.right)
        }),
      ),
    )
    // Against the known order only what it accepts: a refusal is checked against the stream.
    const onKnown = known === undefined ? undefined : decideOrder(command, known.state)
    const first =
      known === undefined || onKnown === undefined || E.isLeft(onKnown)
        ? once
        : deps.store.unitOfWork.transaction((ports) => append(ports, known.version, onKnown.right, known.row))
    return async () => {
      let result = await first()
      for (let i = 1; i < attempts && E.isLeft(result) && result.left._tag === 'ConcurrencyConflict'; i++)
        result = await once()
      return result
    }
  }
