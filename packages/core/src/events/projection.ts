/**
 * Projections: read models folded from the global event feed, rebuilt from scratch or caught up
 * from where they stopped.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { InfrastructureError } from '../kernel/kernel-errors.js'
import type { StoredEvent } from './events.js'
import type { EventStore } from './events-ports.js'

/**
 * A read model: its name, its initial state, and a pure fold of one event into the state.
 *
 * @example
 * ```ts
 * import type { Projection } from '@mercato/core'
 * const eventCount: Projection<number> = { name: 'event-count', init: 0, apply: (n) => n + 1 }
 * ```
 * @category events
 * @since 0.1.0
 */
export interface Projection<State> {
  readonly name: string
  readonly init: State
  readonly apply: (state: State, event: StoredEvent) => State
}

/**
 * A projection's state after every event up to `position` (0: none yet).
 *
 * @category events
 * @since 0.1.0
 */
export interface ProjectionSnapshot<State> {
  readonly state: State
  readonly position: number
}

/**
 * Folds every event after `from.position` into `from.state`, reading the feed `batchSize` events
 * at a time (`readAll`), and returns the new state with the last position seen. Fails with the
 * store's `InfrastructureError`.
 *
 * @example
 * ```ts
 * import { catchUpProjection, type EventStore, type Projection, type ProjectionSnapshot } from '@mercato/core'
 * declare const eventStore: EventStore
 * declare const orderCount: Projection<number>
 * declare const snapshot: ProjectionSnapshot<number>
 * const next = catchUpProjection(eventStore, orderCount, snapshot, 500) // TaskEither<InfrastructureError, ProjectionSnapshot<number>>
 * ```
 * @category events
 * @since 0.1.0
 */
export const catchUpProjection =
  <State>(
    eventStore: EventStore,
    projection: Projection<State>,
    from: ProjectionSnapshot<State>,
    batchSize: number,
  ): TE.TaskEither<InfrastructureError, ProjectionSnapshot<State>> =>
  async () => {
    const limit = Math.max(1, Math.floor(batchSize))
    let snapshot = from
    for (;;) {
      const batch = await eventStore.readAll(snapshot.position, limit)()
      if (E.isLeft(batch)) return batch
      const events = batch.right
      const last = events[events.length - 1]
      if (last === undefined) return E.right(snapshot)
      snapshot = { state: events.reduce(projection.apply, snapshot.state), position: last.position }
      if (events.length < limit) return E.right(snapshot)
    }
  }

/**
 * Rebuilds a projection from scratch: folds the whole feed from `projection.init`, `batchSize`
 * events at a time. Fails with the store's `InfrastructureError`.
 *
 * @example
 * ```ts
 * import { type EventStore, type Projection, rebuildProjection } from '@mercato/core'
 * declare const eventStore: EventStore
 * const eventCount: Projection<number> = { name: 'event-count', init: 0, apply: (n) => n + 1 }
 * const rebuilt = rebuildProjection(eventStore, eventCount, 500) // right({ state, position }) when run
 * ```
 * @category events
 * @since 0.1.0
 */
export const rebuildProjection = <State>(
  eventStore: EventStore,
  projection: Projection<State>,
  batchSize: number,
): TE.TaskEither<InfrastructureError, ProjectionSnapshot<State>> =>
  catchUpProjection(eventStore, projection, { state: projection.init, position: 0 }, batchSize)
