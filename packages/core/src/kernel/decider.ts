/**
 * The decider shape every aggregate follows: `decide` turns a command and the current state
 * into events (or a typed error), `evolve` folds one event into the state.
 *
 * @module
 */
import type { Either } from 'fp-ts/Either'
import * as E from 'fp-ts/Either'

/**
 * An aggregate as three pure parts. The same decider can be persisted event-sourced (state is
 * the fold of its events) or state-stored (the state row saved with its new events).
 *
 * @example
 * ```ts
 * import type { Decider } from '@mercato/core'
 * type Cmd = { readonly _tag: 'Inc' }
 * type Evt = { readonly _tag: 'Incremented' }
 * const counter: Decider<Cmd, number, Evt, never> = {
 *   initialState: 0,
 *   decide: () => ({ _tag: 'Right', right: [{ _tag: 'Incremented' }] }),
 *   evolve: (n) => n + 1,
 * }
 * ```
 * @category kernel
 * @since 0.1.0
 */
export interface Decider<C, S, Ev, Err> {
  readonly initialState: S
  readonly decide: (command: C, state: S) => Either<Err, ReadonlyArray<Ev>>
  readonly evolve: (state: S, event: Ev) => S
}

/**
 * Folds events over a decider's `evolve`, starting from `state` (the initial state by default).
 *
 * @example
 * ```ts
 * import { foldEvents } from '@mercato/core'
 * // const state = foldEvents(cartDecider)(events)
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const foldEvents =
  <C, S, Ev, Err>(decider: Decider<C, S, Ev, Err>) =>
  (events: ReadonlyArray<Ev>, state: S = decider.initialState): S =>
    events.reduce(decider.evolve, state)

/**
 * Runs one command: decides, then folds the new events into the state.
 * Returns the events and the resulting state, or the decider's error.
 *
 * @example
 * ```ts
 * import { runCommand } from '@mercato/core'
 * // const result = runCommand(cartDecider)(command, state) // Either<CartError, { events, state }>
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const runCommand =
  <C, S, Ev, Err>(decider: Decider<C, S, Ev, Err>) =>
  (command: C, state: S): Either<Err, { readonly events: ReadonlyArray<Ev>; readonly state: S }> =>
    E.map((events: ReadonlyArray<Ev>) => ({ events, state: events.reduce(decider.evolve, state) }))(
      decider.decide(command, state),
    )
