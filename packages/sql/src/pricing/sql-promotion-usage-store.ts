/**
 * The {@link PromotionUsageStore} over kysely. A redemption is a row per (promotion, order), so
 * redeeming twice for one order counts once; the counters (`promotion_usage`: `''` the total,
 * `'c:<id>'` a customer's) are taken with a conditional upsert (`... DO UPDATE SET uses = uses + 1
 * WHERE uses < limit`) inside the database, never read-then-write, so a code limited to 100 uses
 * is used at most 100 times however many processes redeem it at once.
 *
 * @module
 */
import {
  type InfrastructureError,
  type PromotionId,
  type PromotionUsage,
  type PromotionUsageStore,
  type RedeemPromotion,
  type UsageLimitReached,
  usageLimitReached,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Kysely } from 'kysely'
import { query } from '../kernel/sql-transaction.js'
import type { Database } from '../schema/sql-database.js'
import type { SqlContext } from '../store/sql-context.js'

const totalKey = ''
const customerKey = (customerId: string): string => `c:${customerId}`

/** Adds one use to a counter when it is below `limit` (or always, without one); whether it did. */
const takeUse = async (
  trx: Kysely<Database>,
  promotionId: string,
  key: string,
  limit: number | undefined,
): Promise<boolean> => {
  if (limit !== undefined && limit < 1) return false
  const taken = await trx
    .insertInto('promotion_usage')
    .values({ promotion_id: promotionId, customer_id: key, uses: 1 })
    .onConflict((oc) => {
      const update = oc
        .columns(['promotion_id', 'customer_id'])
        .doUpdateSet((eb) => ({ uses: eb('promotion_usage.uses', '+', 1) }))
      return limit === undefined ? update : update.where('promotion_usage.uses', '<', limit)
    })
    .returning('uses')
    .executeTakeFirst()
  return taken !== undefined
}

const giveBackUse = (trx: Kysely<Database>, promotionId: string, key: string) =>
  trx
    .updateTable('promotion_usage')
    .set((eb) => ({ uses: eb('uses', '-', 1) }))
    .where('promotion_id', '=', promotionId)
    .where('customer_id', '=', key)
    .where('uses', '>', 0)
    .execute()

/**
 * Deletes redemptions of `orderId` (of `promotionId` only, when given) and gives each one's uses
 * back, total and customer's, in promotion id order (so two releases lock counters in the same
 * order). `DELETE ... RETURNING` hands a row to one caller only, so concurrent releases give a
 * use back once. Returns the promotion ids released.
 */
const releaseRedemptions = async (
  trx: Kysely<Database>,
  orderId: string,
  promotionId?: PromotionId,
): Promise<ReadonlyArray<PromotionId>> => {
  const deleted = trx.deleteFrom('promotion_redemptions').where('order_id', '=', orderId)
  const released = await (promotionId === undefined ? deleted : deleted.where('promotion_id', '=', promotionId))
    .returning(['promotion_id', 'customer_id'])
    .execute()
  const ordered = [...released].sort((a, b) => (a.promotion_id < b.promotion_id ? -1 : 1))
  for (const row of ordered) {
    await giveBackUse(trx, row.promotion_id, totalKey)
    if (row.customer_id !== null) await giveBackUse(trx, row.promotion_id, customerKey(row.customer_id))
  }
  return ordered.map((row) => row.promotion_id as PromotionId)
}

const usesOf = async (trx: Kysely<Database>, promotionId: string, key: string): Promise<number> => {
  const row = await trx
    .selectFrom('promotion_usage')
    .select('uses')
    .where('promotion_id', '=', promotionId)
    .where('customer_id', '=', key)
    .executeTakeFirst()
  return row === undefined ? 0 : Number(row.uses)
}

/**
 * Makes the SQL {@link PromotionUsageStore}; passes `describePromotionUsageConformance`. `redeem`
 * runs in one transaction (the unit of work's when there is one): insert the redemption (`ON
 * CONFLICT DO NOTHING`: a repeat is a no-op), take the total use, then the customer's; a limit
 * reached is `UsageLimitReached` and leaves nothing counted. `release` deletes the redemption and
 * gives its uses back, once; `releaseOrder` does the same for every redemption of an order (found
 * by `promotion_redemptions_by_order`, migration 0007).
 *
 * @example
 * ```ts
 * import { createSqlPromotionUsageStore } from '@mercato/sql'
 * // const usage = createSqlPromotionUsageStore(context)
 * // await usage.redeem({ promotionId, orderId, customerId, limits: { total: 100 } })()
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const createSqlPromotionUsageStore = ({ db, run }: SqlContext): PromotionUsageStore => {
  const usage = (promotionIds: ReadonlyArray<PromotionId>, customerId?: string) => {
    if (promotionIds.length === 0) return TE.right(new Map<PromotionId, PromotionUsage>())
    const keys = customerId === undefined ? [totalKey] : [totalKey, customerKey(customerId)]
    return pipe(
      query(() =>
        db
          .selectFrom('promotion_usage')
          .select(['promotion_id', 'customer_id', 'uses'])
          .where('promotion_id', 'in', promotionIds)
          .where('customer_id', 'in', keys)
          .execute(),
      ),
      TE.map((rows) => {
        const counts = new Map<PromotionId, PromotionUsage>(promotionIds.map((id) => [id, { total: 0, byCustomer: 0 }]))
        for (const row of rows) {
          const id = row.promotion_id as PromotionId
          const current = counts.get(id) ?? { total: 0, byCustomer: 0 }
          counts.set(
            id,
            row.customer_id === totalKey
              ? { ...current, total: Number(row.uses) }
              : { ...current, byCustomer: Number(row.uses) },
          )
        }
        return counts as ReadonlyMap<PromotionId, PromotionUsage>
      }),
    )
  }

  const redeem = ({ promotionId, customerId, orderId, limits }: RedeemPromotion) =>
    run(db, (trx) => async (): Promise<E.Either<UsageLimitReached | InfrastructureError, void>> => {
      const inserted = await trx
        .insertInto('promotion_redemptions')
        .values({ promotion_id: promotionId, order_id: orderId, customer_id: customerId ?? null })
        .onConflict((oc) => oc.columns(['promotion_id', 'order_id']).doNothing())
        .returning('order_id')
        .executeTakeFirst()
      if (inserted === undefined) return E.right(undefined)
      // Joined an outer unit of work: a Left does not roll back, so undo by hand what was done.
      const undo = async (totalTaken: boolean) => {
        if (!trx.isTransaction || !db.isTransaction) return
        if (totalTaken) await giveBackUse(trx, promotionId, totalKey)
        await trx
          .deleteFrom('promotion_redemptions')
          .where('promotion_id', '=', promotionId)
          .where('order_id', '=', orderId)
          .execute()
      }
      if (!(await takeUse(trx, promotionId, totalKey, limits.total))) {
        const used = await usesOf(trx, promotionId, totalKey)
        await undo(false)
        return E.left(usageLimitReached(promotionId, 'total', limits.total ?? 0, used))
      }
      if (customerId !== undefined) {
        const key = customerKey(customerId)
        if (!(await takeUse(trx, promotionId, key, limits.perCustomer))) {
          const used = await usesOf(trx, promotionId, key)
          await undo(true)
          return E.left(usageLimitReached(promotionId, 'perCustomer', limits.perCustomer ?? 0, used))
        }
      }
      return E.right(undefined)
    })

  const release = ({ promotionId, orderId }: { readonly promotionId: PromotionId; readonly orderId: string }) =>
    run(db, (trx) => async (): Promise<E.Either<InfrastructureError, void>> => {
      await releaseRedemptions(trx, orderId, promotionId)
      return E.right(undefined)
    })

  const releaseOrder = (orderId: string) =>
    run(
      db,
      (trx) => async (): Promise<E.Either<InfrastructureError, ReadonlyArray<PromotionId>>> =>
        E.right(await releaseRedemptions(trx, orderId)),
    )

  return { usage, redeem, release, releaseOrder }
}
