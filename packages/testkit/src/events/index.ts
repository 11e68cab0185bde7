export * from './in-memory-event-bus.js'
export * from './in-memory-event-store.js'
export * from './in-memory-outbox.js'
