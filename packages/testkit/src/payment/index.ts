export * from './in-memory-payment-provider.js'
export * from './in-memory-webhook-inbox.js'
