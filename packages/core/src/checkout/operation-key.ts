/**
 * The provider idempotency key of one of the checkout module's payment operations. Internal to
 * the checkout module (place order, refund and void).
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { type IdempotencyKey, idempotencyKeyFor, type PaymentOperation } from '../payment/index.js'

/**
 * `idempotencyKeyFor(operation, id, sequence)` for ids the `IdGenerator` made (visible ASCII,
 * short): one that is not is a defect, and gets a fixed key rather than an error to handle.
 */
export const operationKey = (operation: PaymentOperation, id: string, sequence?: number): IdempotencyKey =>
  pipe(
    idempotencyKeyFor(operation, id, sequence),
    E.getOrElseW(() => `mercato:${operation}:invalid` as IdempotencyKey),
  )
