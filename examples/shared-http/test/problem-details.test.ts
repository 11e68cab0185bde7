import { describe, expect, it } from 'vitest'
import { isAdmin } from '../src/admin-guard.js'
import { internalProblem, statusByTag, titleOfTag, toPointer, toProblem } from '../src/problem-details.js'
import { coreErrorTags } from './core-error-tags.js'

describe('problem details', () => {
  it('maps every error tag exported by @mercato/core to a status', () => {
    const tags = [...coreErrorTags().keys()]
    expect(tags.length).toBeGreaterThan(90)
    const missing = tags.filter((tag) => statusByTag[tag] === undefined)
    expect(missing).toEqual([])
  })

  it('uses only 4xx/5xx statuses, and 404/409/422 for domain errors', () => {
    for (const [tag, status] of Object.entries(statusByTag)) {
      expect(status, tag).toBeGreaterThanOrEqual(400)
      // A missing price is about a referenced variant, not the resource the path names.
      if (tag.endsWith('NotFound') && tag !== 'PriceNotFound') expect(status, tag).toBe(404)
      if (tag.endsWith('AlreadyExists')) expect(status, tag).toBe(409)
    }
  })

  it('turns ValidationFailed into a 400 with field pointers', () => {
    const problem = toProblem({
      _tag: 'ValidationFailed',
      issues: [
        { path: ['quantity'], message: 'must be positive' },
        { path: ['lines', 0, 'a/b'], message: 'bad' },
      ],
    })
    expect(problem).toMatchObject({ status: 400, code: 'ValidationFailed', title: 'Validation failed' })
    expect(problem.errors).toEqual([
      { pointer: '/quantity', message: 'must be positive' },
      { pointer: '/lines/0/a~1b', message: 'bad' },
    ])
  })

  it('keeps a domain error’s fields and links to the errors page', () => {
    const problem = toProblem({ _tag: 'InsufficientStock', sku: 'TEE-M', requested: 3, available: 1 })
    expect(problem).toEqual({
      type: 'https://github.com/mercato/mercato/blob/main/docs/errors.md#insufficientstock',
      title: 'Insufficient stock',
      status: 409,
      code: 'InsufficientStock',
      sku: 'TEE-M',
      requested: 3,
      available: 1,
    })
  })

  it('never leaks a cause, a stack or a message', () => {
    const cause = new Error('password=hunter2 at db.internal:5432')
    const infra = toProblem({ _tag: 'InfrastructureError', retryable: true, cause })
    expect(infra).toMatchObject({ status: 503, code: 'InfrastructureError', retryable: true })
    expect(JSON.stringify(infra)).not.toContain('hunter2')
    const provider = toProblem({ _tag: 'ProviderRejected', code: 'x', cause, nested: { cause, stack: 'at foo' } })
    expect(JSON.stringify(provider)).not.toMatch(/hunter2|at foo/)
    const dates = toProblem({ _tag: 'ReservationExpired', expiredAt: new Date('2026-01-01T00:00:00Z') })
    expect(dates.expiredAt).toBe('2026-01-01T00:00:00.000Z')
  })

  it('answers a generic 500 for anything that is not a known Mercato error', () => {
    expect(toProblem(new Error('boom'))).toEqual(internalProblem())
    expect(toProblem({ _tag: 'SomethingNew' })).toEqual(internalProblem())
    expect(toProblem({ _tag: 'CorruptRecord', details: 'row 7' })).toEqual(internalProblem())
    expect(toProblem(undefined)).toEqual(internalProblem())
    expect(JSON.stringify(internalProblem())).not.toMatch(/boom|stack/)
  })

  it('builds titles and pointers', () => {
    expect(titleOfTag('CartNotFound')).toBe('Cart not found')
    expect(toPointer(['body', 'a~b', 2])).toBe('/body/a~0b/2')
  })
})

describe('admin guard', () => {
  it('accepts the configured bearer token only', () => {
    expect(isAdmin('s3cret', 'Bearer s3cret')).toBe(true)
    expect(isAdmin('s3cret', 'bearer s3cret')).toBe(true)
    expect(isAdmin('s3cret', 'Bearer s3cre')).toBe(false)
    expect(isAdmin('s3cret', 's3cret')).toBe(false)
    expect(isAdmin('s3cret', undefined)).toBe(false)
  })
  it('refuses everyone when no token is configured', () => {
    expect(isAdmin(undefined, 'Bearer ')).toBe(false)
    expect(isAdmin(undefined, 'Bearer undefined')).toBe(false)
    expect(isAdmin('', 'Bearer ')).toBe(false)
  })
})
