/**
 * Every testkit conformance suite, unchanged, against the Postgres store (each test file in its
 * own schema, dropped afterwards).
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
import { afterAll, describe, it } from 'vitest'
import { requireDatabase } from './support/database.js'
import { postgresStores } from './support/stores.js'

const url = await requireDatabase()

if (url === undefined) {
  describe.skip('Postgres conformance (no database: set DATABASE_URL)', () => {
    it('skipped', () => undefined)
  })
} else {
  const stores = postgresStores(url)
  afterAll(async () => {
    await stores.closeAll()
    await stores.drop()
  })
  const teardown = () => stores.closeAll()

  describeInventoryStoreConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { inventory: store.inventory, reopen: async () => (await stores.open()).inventory }
    },
    teardown,
  })
  describeEventStoreConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { eventStore: store.events, reopen: async () => (await stores.open()).events }
    },
    teardown,
  })
  describeOutboxConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { outbox: store.outbox, reopen: async () => (await stores.open()).outbox }
    },
    teardown,
  })
  describeIdempotencyStoreConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { idempotency: store.idempotency, reopen: async () => (await stores.open()).idempotency }
    },
    teardown,
  })
  describeProductRepositoryConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { repo: store.products, reopen: async () => (await stores.open()).products }
    },
    teardown,
  })
  describeCartRepositoryConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { carts: store.carts, reopen: async () => (await stores.open()).carts }
    },
    teardown,
  })
  describePricingRepositoryConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { pricing: store.pricing, reopen: async () => (await stores.open()).pricing }
    },
    teardown,
  })
  describePromotionUsageStoreConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { usage: store.promotionUsage, reopen: async () => (await stores.open()).promotionUsage }
    },
    teardown,
  })
  describeCheckoutAttemptStoreConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { attempts: store.checkoutAttempts, reopen: async () => (await stores.open()).checkoutAttempts }
    },
    teardown,
  })
  describeWebhookInboxConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { inbox: store.webhooks, reopen: async () => (await stores.open()).webhooks }
    },
    teardown,
  })
  describeOrderViewStoreConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { views: store.orderViews, reopen: async () => (await stores.open()).orderViews }
    },
    teardown,
  })
  describeUnitOfWorkConformance({
    name: 'postgres',
    setup: async () => {
      const store = await stores.fresh()
      return { ...store, reopen: async () => stores.open() }
    },
    teardown,
  })
}
