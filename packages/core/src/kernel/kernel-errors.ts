/**
 * Errors shared by every module: invalid input at the edge and infrastructure faults at the shell.
 *
 * @module
 */

/**
 * One problem in an input, with the path to the offending field.
 *
 * @category kernel
 * @since 0.1.0
 */
export interface FieldIssue {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/**
 * An input did not match its schema. `issues` lists every offending field.
 *
 * @example
 * ```ts
 * import { validationFailed } from '@mercato/core'
 * const e = validationFailed([{ path: ['quantity'], message: 'must be positive' }])
 * e._tag // 'ValidationFailed'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export interface ValidationFailed {
  readonly _tag: 'ValidationFailed'
  readonly issues: ReadonlyArray<FieldIssue>
}

/**
 * Makes a {@link ValidationFailed}.
 *
 * @example
 * ```ts
 * import { validationFailed } from '@mercato/core'
 * validationFailed([{ path: ['name'], message: 'required' }])
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const validationFailed = (issues: ReadonlyArray<FieldIssue>): ValidationFailed => ({
  _tag: 'ValidationFailed',
  issues,
})

/**
 * A fault outside the domain (database down, network timeout). `retryable` says whether the
 * same call may succeed if repeated; `cause` keeps the driver's error.
 *
 * @example
 * ```ts
 * import { infrastructureError } from '@mercato/core'
 * infrastructureError(true, new Error('connection reset'))
 * ```
 * @category kernel
 * @since 0.1.0
 */
export interface InfrastructureError {
  readonly _tag: 'InfrastructureError'
  readonly retryable: boolean
  readonly cause: unknown
}

/**
 * Makes an {@link InfrastructureError}.
 *
 * @example
 * ```ts
 * import { infrastructureError } from '@mercato/core'
 * const e = infrastructureError(false, 'disk full')
 * e.retryable // false
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const infrastructureError = (retryable: boolean, cause: unknown): InfrastructureError => ({
  _tag: 'InfrastructureError',
  retryable,
  cause,
})
