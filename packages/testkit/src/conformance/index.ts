/**
 * `@mercato/testkit/conformance`: one vitest suite per port. An adapter is "done" when the
 * suite passes unchanged against it.
 *
 * @packageDocumentation
 */
export * from '../kernel/conformance-harness.js'
export * from './cancel-order-scenarios.js'
export * from './cart-repository-conformance.js'
export * from './checkout-attempt-store-conformance.js'
export * from './checkout-scenarios.js'
export * from './event-store-conformance.js'
export * from './idempotency-store-conformance.js'
export * from './inventory-store-conformance.js'
export * from './order-view-store-conformance.js'
export * from './outbox-conformance.js'
export * from './payment-provider-conformance.js'
export * from './pricing-conformance.js'
export * from './product-repository-conformance.js'
export * from './unit-of-work-conformance.js'
export * from './webhook-inbox-conformance.js'
