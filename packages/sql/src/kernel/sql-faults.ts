/**
 * How driver errors become the kernel's `InfrastructureError`: which faults are worth retrying
 * (serialization failures, deadlocks, a busy SQLite file, a dropped connection) and which are not.
 *
 * @module
 */
import { type InfrastructureError, infrastructureError } from '@mercato/core'

const retryablePgCodes = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
])

const retryableNodeCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'])

const codeOf = (cause: unknown): string | undefined =>
  typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
    ? cause.code
    : undefined

/**
 * Whether a driver error is transient: Postgres `40001`, `40P01`, `55P03`, `57P0x`, `53300` and
 * every `08xxx` connection error; SQLite `SQLITE_BUSY*` and `SQLITE_LOCKED*`; a reset or refused
 * socket; node-postgres' "Connection terminated" errors.
 *
 * @example
 * ```ts
 * import { isRetryableDriverError } from '@mercato/sql'
 * isRetryableDriverError({ code: '40001' }) // true
 * isRetryableDriverError({ code: '23505' }) // false
 * ```
 * @category faults
 * @since 0.1.0
 */
export const isRetryableDriverError = (cause: unknown): boolean => {
  const code = codeOf(cause)
  if (code !== undefined) {
    if (retryablePgCodes.has(code) || code.startsWith('08')) return true
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true
    if (retryableNodeCodes.has(code)) return true
  }
  const message = cause instanceof Error ? cause.message : ''
  return /Connection terminated|timeout exceeded when trying to connect/i.test(message)
}

/**
 * Maps anything a driver threw to an `InfrastructureError`, keeping it as `cause`;
 * `retryable` per {@link isRetryableDriverError}. An `InfrastructureError` passes through.
 *
 * @example
 * ```ts
 * import { toInfrastructureError } from '@mercato/sql'
 * toInfrastructureError({ code: '40P01' }).retryable // true
 * ```
 * @category faults
 * @since 0.1.0
 */
export const toInfrastructureError = (cause: unknown): InfrastructureError =>
  typeof cause === 'object' &&
  cause !== null &&
  '_tag' in cause &&
  cause._tag === 'InfrastructureError' &&
  'retryable' in cause &&
  typeof cause.retryable === 'boolean'
    ? (cause as InfrastructureError)
    : infrastructureError(isRetryableDriverError(cause), cause)

/**
 * Whether a driver error is a unique-constraint violation (Postgres `23505`, SQLite
 * `SQLITE_CONSTRAINT_UNIQUE` / `SQLITE_CONSTRAINT_PRIMARYKEY`).
 *
 * @example
 * ```ts
 * import { isUniqueViolation } from '@mercato/sql'
 * isUniqueViolation({ code: '23505' }) // true
 * ```
 * @category faults
 * @since 0.1.0
 */
export const isUniqueViolation = (cause: unknown): boolean => {
  const code = codeOf(cause)
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}
