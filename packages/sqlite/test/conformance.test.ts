/**
 * Every testkit conformance suite, unchanged, against the SQLite store: each case on a fresh
 * database file, `reopen` a second connection over the same file.
 */
import {
  describeCartRepositoryConformance,
  describeCheckoutAttemptStoreConformance,
  describeEventStoreConformance,
  describeIdempotencyStoreConformance,
  describeInventoryStoreConformance,
  describeOrderViewStoreConformance,
  describeOutboxConformance,
  describePricingRepositoryConformance,
  describeProductRepositoryConformance,
  describePromotionUsageStoreConformance,
  describeUnitOfWorkConformance,
  describeWebhookInboxConformance,
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
describeCartRepositoryConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { carts: store.carts, reopen: async () => stores.open(filename).carts }
  },
  teardown,
})
describePricingRepositoryConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { pricing: store.pricing, reopen: async () => stores.open(filename).pricing }
  },
  teardown,
})
describePromotionUsageStoreConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { usage: store.promotionUsage, reopen: async () => stores.open(filename).promotionUsage }
  },
  teardown,
})
describeCheckoutAttemptStoreConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { attempts: store.checkoutAttempts, reopen: async () => stores.open(filename).checkoutAttempts }
  },
  teardown,
})
describeWebhookInboxConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { inbox: store.webhooks, reopen: async () => stores.open(filename).webhooks }
  },
  teardown,
})
describeOrderViewStoreConformance({
  name: 'sqlite',
  setup: async () => {
    const { store, filename } = await stores.fresh()
    return { views: store.orderViews, reopen: async () => stores.open(filename).orderViews }
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
