export * from './in-memory-cart-repository.js'
