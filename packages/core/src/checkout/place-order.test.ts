import { createInMemoryStore } from '@mercato/testkit'
import { describePlaceOrderScenarios } from '@mercato/testkit/conformance'

describePlaceOrderScenarios({ name: 'in-memory', setup: async () => ({ store: createInMemoryStore() }) })
