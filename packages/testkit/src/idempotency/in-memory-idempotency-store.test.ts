import { describeIdempotencyStoreConformance } from '../conformance/idempotency-store-conformance.js'
import { createInMemoryIdempotencyState, createInMemoryIdempotencyStore } from './in-memory-idempotency-store.js'

describeIdempotencyStoreConformance({
  name: 'in-memory',
  setup: async () => {
    const state = createInMemoryIdempotencyState()
    return {
      idempotency: createInMemoryIdempotencyStore(state),
      reopen: async () => createInMemoryIdempotencyStore(state),
    }
  },
})
