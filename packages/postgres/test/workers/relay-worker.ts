// A relay process with its own pg pool over the test schema.
import { createPostgresStore } from '@mercato/postgres'
import pg from 'pg'
import { relayMain } from '../../../sql/test/shared/outbox-kill.js'

await relayMain(async () => {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: 2,
    options: `-c search_path=${process.env.MERCATO_SCHEMA}`,
  })
  const store = createPostgresStore({ pool })
  return {
    outbox: store.outbox,
    close: () => async () => {
      await store.close()()
      await pool.end()
    },
  }
})
