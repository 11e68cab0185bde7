export * from './inventory.js'
export * from './inventory-errors.js'
export * from './inventory-ports.js'
