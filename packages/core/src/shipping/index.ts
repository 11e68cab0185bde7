export * from './shipping.js'
export * from './shipping-errors.js'
export * from './shipping-schemas.js'
