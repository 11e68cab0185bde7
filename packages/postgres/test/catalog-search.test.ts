/**
 * Catalog text search on Postgres: migration 0006 adds trigram GIN indexes on lower(name) and
 * lower(description), and the statement the repository runs for a text query can use them.
 * (What a text query matches is the ProductRepository conformance suite's business.)
 */
import { createPostgresStore } from '@mercato/postgres'
import { aProduct, aVariant, productIdOf, skuOf, variantIdOf } from '@mercato/testkit'
import * as E from 'fp-ts/Either'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestSchema, requireDatabase } from './support/database.js'

const url = await requireDatabase()

if (url === undefined) {
  describe.skip('Postgres catalog search (no database: set DATABASE_URL)', () => {
    it('skipped', () => undefined)
  })
} else {
  // Install the extension before migrating, so this schema surely gets the indexes (several test
  // files migrate at once; a racing `create extension` is caught by the migration).
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query('create extension if not exists pg_trgm with schema public').catch(() => undefined)
  await admin.end()

  const schema = await createTestSchema(url)
  const statements: Array<{ readonly sql: string; readonly parameters: ReadonlyArray<unknown> }> = []
  const pool = schema.pool(2)
  const store = createPostgresStore({
    pool,
    log: (event) => {
      if (event.level === 'query') statements.push({ sql: event.query.sql, parameters: event.query.parameters })
    },
  })
  afterAll(async () => {
    await store.close()()
    await schema.drop()
  })

  describe('Postgres catalog text search', () => {
    it('migration 0006 creates trigram indexes on lower(name) and lower(description)', async () => {
      expect(E.isRight(await store.migrate()())).toBe(true)
      const indexes = await pool.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes where schemaname = current_schema() and indexname like '%_trgm'`,
      )
      expect(indexes.rows.map((r) => r.indexname).sort()).toEqual(['products_description_trgm', 'products_name_trgm'])
      expect(indexes.rows.every((r) => r.indexdef.includes('gin_trgm_ops'))).toBe(true)
    })

    it('a text listing runs a statement the trigram indexes serve', async () => {
      for (let i = 0; i < 40; i++) {
        const product = aProduct({
          id: productIdOf(`prod_${i}`),
          handle: `product-${i}`,
          name: i % 10 === 0 ? `Ceramic Mug ${i}` : `Cotton Tee ${i}`,
          variants: [aVariant({ id: variantIdOf(`var_${i}`), sku: skuOf(`SKU-${i}`) })],
        })
        expect(E.isRight(await store.products.save(product, 0)())).toBe(true)
      }
      statements.length = 0
      const page = await store.products.list({ text: 'AMIC', limit: 20 })()
      expect(E.isRight(page) && page.right.items.map((p) => p.name).sort()).toEqual([
        'Ceramic Mug 0',
        'Ceramic Mug 10',
        'Ceramic Mug 20',
        'Ceramic Mug 30',
      ])
      const listing = statements.find((s) => s.sql.includes('like'))
      expect(listing).toBeDefined()
      const client = await pool.connect()
      try {
        await client.query('set enable_seqscan = off')
        const plan = await client.query<{ 'QUERY PLAN': string }>(`explain ${listing?.sql ?? ''}`, [
          ...(listing?.parameters ?? []),
        ])
        const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n')
        expect(text).toMatch(/products_(name|description)_trgm/)
      } finally {
        await client.query('reset enable_seqscan')
        client.release()
      }
    })
  })
}
