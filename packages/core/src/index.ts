/**
 * `@mercato/core`: pure commerce domain functions and the ports adapters implement.
 *
 * @packageDocumentation
 */
export * from './cart/index.js'
export * from './catalog/index.js'
export * from './checkout/index.js'
export * from './commerce/index.js'
export * from './events/index.js'
export * from './idempotency/index.js'
export * from './inventory/index.js'
export * from './kernel/index.js'
export * from './money/index.js'
export * from './order/index.js'
export * from './payment/index.js'
export * from './pricing/index.js'
export * from './shipping/index.js'
export * from './tax/index.js'
