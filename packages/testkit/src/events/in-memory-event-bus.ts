/**
 * The in-memory {@link EventBus}: delivers in process, in publish order, to every matching
 * subscriber before `publish` resolves.
 *
 * @module
 */
import {
  type BusMessage,
  type EventBus,
  type InfrastructureError,
  infrastructureError,
  type MessageHandler,
} from '@mercato/core'
import * as E from 'fp-ts/Either'

/**
 * An in-memory {@link EventBus} that also remembers what was delivered.
 *
 * @category events
 * @since 0.1.0
 */
export interface InMemoryEventBus extends EventBus {
  /** Every message whose `publish` reached it (delivered to all its subscribers), in order. */
  readonly delivered: () => ReadonlyArray<BusMessage>
}

/**
 * Makes an in-memory {@link EventBus}. `publish` hands each message, in order, to the
 * subscribers of its topic and of `'*'` (in subscription order, one at a time) and stops at the
 * first failure: a handler's `Left` is returned as is, a throw becomes
 * `InfrastructureError { retryable: false }`; the caller publishes again later (at least once).
 *
 * @example
 * ```ts
 * import { createInMemoryEventBus } from '@mercato/testkit'
 * import * as TE from 'fp-ts/TaskEither'
 * const bus = createInMemoryEventBus()
 * const unsubscribe = bus.subscribe('*', () => TE.right(undefined))
 * unsubscribe()
 * ```
 * @category events
 * @since 0.1.0
 */
export const createInMemoryEventBus = (): InMemoryEventBus => {
  let subscriptions: ReadonlyArray<{ readonly topic: string; readonly handler: MessageHandler }> = []
  const delivered: Array<BusMessage> = []
  return {
    publish: (messages) => async () => {
      const current = subscriptions
      for (const message of messages) {
        for (const subscription of current) {
          if (subscription.topic !== '*' && subscription.topic !== message.topic) continue
          let result: E.Either<InfrastructureError, void>
          try {
            result = await subscription.handler(message)()
          } catch (cause) {
            result = E.left(infrastructureError(false, cause))
          }
          if (E.isLeft(result)) return result
        }
        delivered.push(message)
      }
      return E.right(undefined)
    },
    subscribe: (topic, handler) => {
      const subscription = { topic, handler }
      subscriptions = [...subscriptions, subscription]
      return () => {
        subscriptions = subscriptions.filter((s) => s !== subscription)
      }
    },
    delivered: () => [...delivered],
  }
}
