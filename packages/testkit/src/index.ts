/**
 * `@mercato/testkit`: in-memory adapters for every Mercato port, clocks and id generators for
 * tests, and fixture builders. The conformance suites live in `@mercato/testkit/conformance`.
 *
 * @packageDocumentation
 */
export * from './events/index.js'
export * from './idempotency/index.js'
export * from './inventory/index.js'
export * from './kernel/index.js'
