/**
 * The {@link PricingRepository} over kysely: promotions and price lists as JSON documents beside
 * the columns their reads filter on (currency, validity window).
 *
 * @module
 */
import {
  type CurrencyCode,
  type InfrastructureError,
  isPromotionActiveFor,
  type PriceList,
  type PricingRepository,
  type Promotion,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type * as t from 'io-ts'
import { prepareQuery } from '../kernel/prepared-query.js'
import { dbDocument, decodeRow, perDialect } from '../kernel/row-codecs.js'
import { query, queryEither } from '../kernel/sql-transaction.js'
import type { SqlContext } from '../store/sql-context.js'

const decodeAll = <A>(
  rows: ReadonlyArray<{ readonly id: string; readonly document: unknown }>,
  codec: t.Type<A, unknown, unknown>,
  table: string,
): E.Either<InfrastructureError, ReadonlyArray<A>> => {
  const decoded: Array<A> = []
  for (const row of rows) {
    const result = decodeRow(codec, table, row.id)(row.document)
    if (E.isLeft(result)) return result
    decoded.push(result.right)
  }
  return E.right(decoded)
}

type DocumentRow = { id: string; document: unknown }

/**
 * The reads run on every pricing of a cart, compiled once per dialect descriptor (their order
 * depends on it): the repository is made again for every unit-of-work transaction.
 */
const pricingQueries = perDialect((dialect) => ({
  promotionsAt: prepareQuery<{ now: number }, DocumentRow>((trx, p) =>
    trx
      .selectFrom('promotions')
      .select(['promotion_id as id', 'definition as document'])
      .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', p('now'))]))
      .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', p('now'))]))
      .orderBy(dialect.byCodeUnit('promotion_id')),
  ),
  priceListsIn: prepareQuery<{ currency: string }, DocumentRow>((trx, p) =>
    trx
      .selectFrom('price_lists')
      .select(['price_list_id as id', 'definition as document'])
      .where('currency', '=', p('currency'))
      .orderBy(dialect.byCodeUnit('price_list_id')),
  ),
}))

/**
 * Makes the SQL {@link PricingRepository}; passes `describePricingRepositoryConformance`. Each
 * call is one statement: saves are upserts by id; `activePromotions` narrows by the validity
 * window in SQL, then applies core's `isPromotionActiveFor` (the currency of the amounts a
 * promotion names), ordered by id; `priceLists` reads one currency, ordered by id. Promotion
 * times are stored as epoch milliseconds; `created_at`/`updated_at` hold 0 (the port carries no
 * times of its own).
 *
 * @example
 * ```ts
 * import { createSqlPricingRepository } from '@mercato/sql'
 * // const pricing = createSqlPricingRepository(context)
 * // await pricing.activePromotions(usd, new Date())()
 * ```
 * @category pricing
 * @since 0.1.0
 */
const pricingDocuments = perDialect((dialect) => ({
  promotionDocument: dbDocument<Promotion>(dialect, ['startsAt', 'endsAt']),
  priceListDocument: dbDocument<PriceList>(dialect, ['validFrom', 'validUntil']),
}))

export const createSqlPricingRepository = ({ db, dialect }: SqlContext): PricingRepository => {
  const { promotionDocument, priceListDocument } = pricingDocuments(dialect)
  const { promotionsAt, priceListsIn } = pricingQueries(dialect)
  const activePromotions = (currency: CurrencyCode, now: Date) =>
    queryEither(async () =>
      pipe(
        decodeAll((await promotionsAt.execute(db, { now: now.getTime() })).rows, promotionDocument, 'promotions'),
        E.map((promotions) => promotions.filter(isPromotionActiveFor(currency, now))),
      ),
    )

  const priceLists = (currency: CurrencyCode) =>
    queryEither(async () =>
      decodeAll((await priceListsIn.execute(db, { currency })).rows, priceListDocument, 'price_lists'),
    )

  const savePromotion = (promotion: Promotion) => {
    const columns = {
      code: promotion.code ?? null,
      name: promotion.name,
      status: 'active',
      definition: JSON.stringify(promotion),
      usage_limit: promotion.usageLimit?.total ?? null,
      per_customer_limit: promotion.usageLimit?.perCustomer ?? null,
      starts_at: promotion.startsAt?.getTime() ?? null,
      ends_at: promotion.endsAt?.getTime() ?? null,
      version: 1,
      updated_at: 0,
    }
    return pipe(
      query(() =>
        db
          .insertInto('promotions')
          .values({ promotion_id: promotion.id, ...columns, created_at: 0 })
          .onConflict((oc) => oc.column('promotion_id').doUpdateSet(columns))
          .execute(),
      ),
      TE.map(() => undefined),
    )
  }

  const savePriceList = (priceList: PriceList) => {
    const columns = {
      name: priceList.name,
      currency: priceList.currency,
      priority: priceList.priority,
      customer_group: priceList.customerGroup ?? null,
      starts_at: priceList.validFrom?.getTime() ?? null,
      ends_at: priceList.validUntil?.getTime() ?? null,
      definition: JSON.stringify(priceList),
      updated_at: 0,
    }
    return pipe(
      query(() =>
        db
          .insertInto('price_lists')
          .values({ price_list_id: priceList.id, ...columns, created_at: 0 })
          .onConflict((oc) => oc.column('price_list_id').doUpdateSet(columns))
          .execute(),
      ),
      TE.map(() => undefined),
    )
  }

  return { activePromotions, priceLists, savePromotion, savePriceList }
}
