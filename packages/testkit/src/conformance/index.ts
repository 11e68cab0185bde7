/**
 * `@mercato/testkit/conformance`: one vitest suite per port. An adapter is "done" when the
 * suite passes unchanged against it.
 *
 * @packageDocumentation
 */
export * from '../kernel/conformance-harness.js'
export * from './event-store-conformance.js'
export * from './idempotency-store-conformance.js'
export * from './inventory-store-conformance.js'
export * from './outbox-conformance.js'
export * from './product-repository-conformance.js'
export * from './payment-provider-conformance.js'
export * from './unit-of-work-conformance.js'
