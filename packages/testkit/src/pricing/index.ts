export * from './in-memory-pricing.js'
