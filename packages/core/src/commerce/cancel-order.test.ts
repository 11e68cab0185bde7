import { createInMemoryStore } from '@mercato/testkit'
import { describeCancelOrderScenarios } from '@mercato/testkit/conformance'

describeCancelOrderScenarios({ name: 'in-memory', setup: async () => ({ store: createInMemoryStore() }) })
