import { describe, expect, it } from 'vitest'
import { corruptRecordFault, isCorruptRecordFault } from './corrupt-record.js'
import { infrastructureError } from './kernel-errors.js'

describe('corruptRecordFault', () => {
  it('is a non-retryable InfrastructureError caused by a CorruptRecord', () => {
    expect(corruptRecordFault('reservation', 'res-1', ['expiresAt: not a date'])).toStrictEqual({
      _tag: 'InfrastructureError',
      retryable: false,
      cause: { _tag: 'CorruptRecord', entity: 'reservation', id: 'res-1', issues: ['expiresAt: not a date'] },
    })
  })
})

describe('isCorruptRecordFault', () => {
  it('recognises only infrastructure errors caused by a CorruptRecord', () => {
    expect(isCorruptRecordFault(corruptRecordFault('event', 'evt-1', []))).toBe(true)
    expect(isCorruptRecordFault(infrastructureError(false, new Error('boom')))).toBe(false)
    expect(isCorruptRecordFault(infrastructureError(false, null))).toBe(false)
    expect(isCorruptRecordFault(infrastructureError(false, { _tag: 'Other' }))).toBe(false)
    expect(isCorruptRecordFault({ _tag: 'CorruptRecord' })).toBe(false)
  })
})
