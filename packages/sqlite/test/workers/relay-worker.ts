// A relay process with its own connection on the shared SQLite file.
import { createSqliteStore } from '@mercato/sqlite'
import { relayMain } from '../../../sql/test/shared/outbox-kill.js'

await relayMain(async () => createSqliteStore({ filename: process.env.MERCATO_SQLITE_FILE as string }))
