export * from './catalog-ids.js'
