/**
 * `@mercato/testkit`: in-memory adapters for every Mercato port, clocks and id generators for
 * tests, and fixture builders. The conformance suites live in `@mercato/testkit/conformance`.
 *
 * @packageDocumentation
 */
export * from './builders/catalog-builders.js'
export * from './builders/commerce-builders.js'
export * from './builders/order-builders.js'
export * from './cart/index.js'
export * from './catalog/index.js'
export * from './checkout/index.js'
export * from './events/index.js'
export * from './idempotency/index.js'
export * from './inventory/index.js'
export * from './kernel/index.js'
export * from './order/index.js'
export * from './payment/index.js'
export * from './pricing/index.js'
