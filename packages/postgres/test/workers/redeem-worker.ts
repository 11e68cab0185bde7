// A separate process with its own pg pool: redeems the limited promotion against the shared schema.
import { createPostgresStore } from '@mercato/postgres'
import pg from 'pg'
import { redeemAttempts, workerMain } from '../../../sql/test/shared/oversell.js'

await workerMain(async () => {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: 5,
    options: `-c search_path=${process.env.MERCATO_SCHEMA}`,
  })
  const store = createPostgresStore({ pool })
  return {
    ...store,
    close: () => async () => {
      await store.close()()
      await pool.end()
    },
  }
}, redeemAttempts)
