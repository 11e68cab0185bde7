/**
 * `@mercato/core`: pure commerce domain functions and the ports adapters implement.
 *
 * @packageDocumentation
 */

export * from './cart/index.js'
export * from './catalog/index.js'
export * from './kernel/index.js'
export * from './money/index.js'
