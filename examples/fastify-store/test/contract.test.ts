import { describeHttpContract } from '@mercato-examples/http/contract'
import { requireDatabase } from '@mercato-examples/http/test-database'
import { mountFastify } from './mount.js'

describeHttpContract('fastify', mountFastify, await requireDatabase())
