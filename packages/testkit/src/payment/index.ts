export * from './in-memory-payment-provider.js'
