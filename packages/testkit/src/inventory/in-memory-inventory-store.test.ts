import { describeInventoryStoreConformance } from '../conformance/inventory-store-conformance.js'
import { createInMemoryInventoryState, createInMemoryInventoryStore } from './in-memory-inventory-store.js'

describeInventoryStoreConformance({
  name: 'in-memory',
  setup: async () => {
    const state = createInMemoryInventoryState()
    return { inventory: createInMemoryInventoryStore(state), reopen: async () => createInMemoryInventoryStore(state) }
  },
})
