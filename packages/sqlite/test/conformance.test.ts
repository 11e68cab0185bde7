/**
 * Every testkit conformance suite, unchanged, against the SQLite store: each case on a fresh
 * database file, `reopen` a second connection over the same file.
 */
import {
  describeEventStoreConformance,
  describeIdempotencyStoreConformance,
  describeInventoryStoreConformance,
  describeOutboxConformance,
  describeProductRepositoryConformance,
  describeUnitOfWorkConformance,
} from '@mercato/testkit/conformance'
import { afterAll } from 'vitest'
import { sqliteStores } from './support.js'

const stores = sqliteStores()
afterAll(() => stores.cleanup())
const teardown = () => stores.closeAll()

describeInventoryStoreConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { inventory: store.inventory, reopen: async () => stores.open(filename).inventory }
  },
  teardown,
})
describeEventStoreConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { eventStore: store.events, reopen: async () => stores.open(filename).events }
  },
  teardown,
})
describeOutboxConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { outbox: store.outbox, reopen: async () => stores.open(filename).outbox }
  },
  teardown,
})
describeIdempotencyStoreConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { idempotency: store.idempotency, reopen: async () => stores.open(filename).idempotency }
  },
  teardown,
})
describeProductRepositoryConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { repo: store.products, reopen: async () => stores.open(filename).products }
  },
  teardown,
})
describeUnitOfWorkConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { ...store, reopen: async () => stores.open(filename) }
  },
  teardown,
})
