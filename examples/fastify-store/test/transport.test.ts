import { describeTransportContract } from '@mercato-examples/http/transport'
import { mountFastify } from './mount.js'

describeTransportContract('fastify', mountFastify)
