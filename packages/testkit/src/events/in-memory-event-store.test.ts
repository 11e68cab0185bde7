import { describeEventStoreConformance } from '../conformance/event-store-conformance.js'
import { createInMemoryEventState, createInMemoryEventStore } from './in-memory-event-store.js'

describeEventStoreConformance({
  name: 'in-memory',
  setup: async () => {
    const state = createInMemoryEventState()
    return { eventStore: createInMemoryEventStore(state), reopen: async () => createInMemoryEventStore(state) }
  },
})
