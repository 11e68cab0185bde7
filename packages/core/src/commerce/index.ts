export * from './commerce.js'
export * from './commerce-types.js'
