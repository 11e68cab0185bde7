// A separate process with its own better-sqlite3 connection on the shared database file.
import { createSqliteStore } from '@mercato/sqlite'
import { workerMain } from '../../../sql/test/shared/oversell.js'

await workerMain(async () =>
  createSqliteStore(
    { filename: process.env.MERCATO_SQLITE_FILE as string },
    { retry: { maxAttempts: 50, baseDelayMs: 2, maxDelayMs: 50 } },
  ),
)
