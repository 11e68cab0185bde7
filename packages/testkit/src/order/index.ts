export * from './in-memory-order-view-store.js'
