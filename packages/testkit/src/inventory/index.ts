export * from './in-memory-inventory-store.js'
