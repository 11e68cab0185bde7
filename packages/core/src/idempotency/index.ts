export * from './idempotency.js'
export * from './idempotency-errors.js'
export * from './idempotency-ports.js'
