import { describeHttpContract } from '@mercato-examples/http/contract'
import { requireDatabase } from '@mercato-examples/http/test-database'
import { mountExpress } from './mount.js'

describeHttpContract('express', mountExpress, await requireDatabase())
