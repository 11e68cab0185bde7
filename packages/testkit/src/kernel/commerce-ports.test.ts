import { describe } from 'vitest'
import {
  describeCartRepositoryConformance,
  describeCheckoutAttemptStoreConformance,
  describeOrderViewStoreConformance,
  describePricingRepositoryConformance,
  describePromotionUsageStoreConformance,
  describeWebhookInboxConformance,
} from '../conformance/index.js'
import { createInMemoryStore } from './in-memory-store.js'

// Every new port, through the in-memory store: autocommit ports, and reopened over the same database.
describe('the in-memory store ports', () => {
  const open = () => {
    const store = createInMemoryStore()
    return { store, reopen: async () => store.reopen() }
  }
  describeCartRepositoryConformance({
    name: 'in-memory',
    setup: async () => {
      const { store, reopen } = open()
      return { carts: store.carts, reopen: async () => (await reopen()).carts }
    },
  })
  describePricingRepositoryConformance({
    name: 'in-memory',
    setup: async () => {
      const { store, reopen } = open()
      return { pricing: store.pricing, reopen: async () => (await reopen()).pricing }
    },
  })
  describePromotionUsageStoreConformance({
    name: 'in-memory',
    setup: async () => {
      const { store, reopen } = open()
      return { usage: store.promotionUsage, reopen: async () => (await reopen()).promotionUsage }
    },
  })
  describeCheckoutAttemptStoreConformance({
    name: 'in-memory',
    setup: async () => {
      const { store, reopen } = open()
      return { attempts: store.checkoutAttempts, reopen: async () => (await reopen()).checkoutAttempts }
    },
  })
  describeWebhookInboxConformance({
    name: 'in-memory',
    setup: async () => {
      const { store, reopen } = open()
      return { inbox: store.webhooks, reopen: async () => (await reopen()).webhooks }
    },
  })
  describeOrderViewStoreConformance({
    name: 'in-memory',
    setup: async () => {
      const { store, reopen } = open()
      return { views: store.orderViews, reopen: async () => (await reopen()).orderViews }
    },
  })
})
