import { describe, expect, it } from 'vitest'
import { requireService } from './require-service.js'

const base = { name: 'Postgres', envVar: 'DATABASE_URL', defaultUrl: 'postgres://default' }
const down = async () => {
  throw new Error('ECONNREFUSED')
}

describe('requireService', () => {
  it('answers the variable when set and the service answers', async () => {
    const seen: Array<string> = []
    const url = await requireService({
      ...base,
      env: { DATABASE_URL: 'postgres://custom' },
      probe: async (u) => {
        seen.push(u)
      },
    })
    expect(url).toBe('postgres://custom')
    expect(seen).toEqual(['postgres://custom'])
  })

  it('falls back to the default URL when the variable is unset', async () => {
    expect(await requireService({ ...base, env: {}, probe: async () => undefined })).toBe('postgres://default')
  })

  it('skips loudly, naming the variable, outside CI', async () => {
    const warnings: Array<string> = []
    const url = await requireService({ ...base, env: {}, probe: down, warn: (m) => warnings.push(m) })
    expect(url).toBeUndefined()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('DATABASE_URL')
    expect(warnings[0]).toContain('SKIPPING POSTGRES TESTS')
  })

  it('fails under CI=true instead of skipping', async () => {
    const warnings: Array<string> = []
    await expect(
      requireService({ ...base, env: { CI: 'true' }, probe: down, warn: (m) => warnings.push(m) }),
    ).rejects.toThrow(/DATABASE_URL/)
    expect(warnings).toEqual([])
  })
})
