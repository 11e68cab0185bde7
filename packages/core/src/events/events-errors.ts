/**
 * The errors of the events module. The event store's only domain error is the optimistic
 * concurrency conflict, shared with every state store and defined in the kernel; it is
 * re-listed here as the module's closed union.
 *
 * @module
 */
import type { ConcurrencyConflict } from '../kernel/concurrency.js'

/**
 * Every error the events module returns (besides `InfrastructureError`): an append whose
 * expected version is not the stream's current version (`aggregateId` is the stream id).
 *
 * @category events
 * @since 0.1.0
 */
export type EventsError = ConcurrencyConflict
