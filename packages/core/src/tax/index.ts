export * from './tax.js'
export * from './tax-errors.js'
export * from './tax-schemas.js'
