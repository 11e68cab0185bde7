import { describeOutboxConformance } from '../conformance/outbox-conformance.js'
import { createInMemoryOutbox, createInMemoryOutboxState } from './in-memory-outbox.js'

describeOutboxConformance({
  name: 'in-memory',
  setup: async () => {
    const state = createInMemoryOutboxState()
    return { outbox: createInMemoryOutbox(state), reopen: async () => createInMemoryOutbox(state) }
  },
})
