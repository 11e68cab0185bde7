/**
 * Recording what the provider did with an order's money (a capture, a refund) on the order's
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
import type { ConcurrencyConflict, CorruptRecord, InfrastructureError } from '../kernel/index.js'
import {
  decideOrder,
  type OrderError,
  type OrderEvent,
  type OrderSummaryRow,
  type RecordCapture,
  type RecordRefund,
} from '../order/index.js'
import { appendOrderEvents, type CheckoutDeps, loadOrder } from './checkout-deps.js'

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
 * Records a capture or a refund on its order, once per provider id. A `ConcurrencyConflict` is
 * left only when every attempt lost the race (retryable: nothing was written).
 */
export const recordPayment =
  (deps: CheckoutDeps) =>
  (
    command: RecordCapture | RecordRefund,
  ): TE.TaskEither<ConcurrencyConflict | CorruptRecord | InfrastructureError, Recording> => {
    const once = deps.store.unitOfWork.transaction((ports) =>
      pipe(
        loadOrder(ports)(command.orderId),
        TE.flatMap(
          ({ state, version }): TE.TaskEither<ConcurrencyConflict | CorruptRecord | InfrastructureError, Recording> => {
            const decided = decideOrder(command, state)
            if (E.isLeft(decided)) return TE.right({ _tag: 'Refused', error: decided.left })
            return pipe(
              appendOrderEvents(ports, deps.ids)(command.orderId, version, decided.right),
              TE.map((row): Recording => ({ _tag: 'Recorded', events: decided.right, row })),
            )
          },
        ),
      ),
    )
    return async () => {
      let result = await once()
      for (let i = 1; i < attempts && E.isLeft(result) && result.left._tag === 'ConcurrencyConflict'; i++)
        result = await once()
      return result
    }
  }
