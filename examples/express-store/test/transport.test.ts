import { describeTransportContract } from '@mercato-examples/http/transport'
import { mountExpress } from './mount.js'

describeTransportContract('express', mountExpress)
