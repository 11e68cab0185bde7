export * from './in-memory-checkout-attempt-store.js'
