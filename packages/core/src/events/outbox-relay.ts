/**
 * The outbox relay: moves messages from the {@link Outbox} to the {@link EventBus}, at least once.
 *
 * @module
 */
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { InfrastructureError } from '../kernel/kernel-errors.js'
import type { Clock } from '../kernel/kernel-ports.js'
import type { EventBus, Outbox } from './events-ports.js'

/**
 * What one relay pass needs: the outbox and bus, this worker's id, how many messages to take,
 * how long to lease them, and the clock that says "now".
 *
 * @category events
 * @since 0.1.0
 */
export interface RelayOutboxOptions {
  readonly outbox: Outbox
  readonly bus: EventBus
  readonly workerId: string
  readonly batchSize: number
  readonly leaseMs: number
  readonly clock: Clock
}

/**
 * What one relay pass did: how many messages it claimed and published (and marked done).
 *
 * @category events
 * @since 0.1.0
 */
export interface RelayOutboxResult {
  readonly published: number
}

/**
 * One relay pass: claims up to `batchSize` messages, publishes them on the bus, then marks them
 * done. Delivery is at least once: if publishing fails (`InfrastructureError`), or the process
 * dies between publish and `markDone`, the messages stay leased until the lease ends and the next
 * pass delivers them again, so consumers dedupe by message id. Run it in a loop or on a timer;
 * several workers may run it at once (claims never overlap). Pure orchestration over the ports.
 *
 * @example
 * ```ts
 * import { type EventBus, type Outbox, relayOutbox, systemClock } from '@mercato/core'
 * declare const outbox: Outbox
 * declare const bus: EventBus
 * const pass = relayOutbox({ outbox, bus, workerId: 'relay-1', batchSize: 100, leaseMs: 30_000, clock: systemClock })
 * // await pass() // right({ published: n })
 * ```
 * @category events
 * @since 0.1.0
 */
export const relayOutbox = (options: RelayOutboxOptions): TE.TaskEither<InfrastructureError, RelayOutboxResult> =>
  pipe(
    TE.Do,
    TE.flatMap(() =>
      options.outbox.claim({
        workerId: options.workerId,
        limit: options.batchSize,
        leaseMs: options.leaseMs,
        now: options.clock.now(),
      }),
    ),
    TE.flatMap((messages) =>
      messages.length === 0
        ? TE.right({ published: 0 })
        : pipe(
            options.bus.publish(messages),
            TE.flatMap(() => options.outbox.markDone(messages.map((message) => message.id))),
            TE.map(() => ({ published: messages.length })),
          ),
    ),
  )
