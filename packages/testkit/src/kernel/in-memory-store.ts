/**
 * The in-memory store: every transactional port over one shared storage, plus a
 * {@link UnitOfWork} whose transactions really roll back.
 *
 * @module
 */
import {
  type CartRepository,
  type CheckoutAttemptStore,
  type EventStore,
  type IdempotencyStore,
  type InfrastructureError,
  type InventoryStore,
  infrastructureError,
  type OrderViewStore,
  type Outbox,
  type PricingRepository,
  type ProductRepository,
  type PromotionUsageStore,
  type TransactionalPorts,
  type UnitOfWork,
  type WebhookInbox,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import {
  createInMemoryCartRepository,
  createInMemoryCartState,
  type InMemoryCartState,
} from '../cart/in-memory-cart-repository.js'
import {
  createInMemoryProductRepository,
  createInMemoryProductState,
  type InMemoryProductState,
} from '../catalog/in-memory-product-repository.js'
import {
  createInMemoryCheckoutAttemptState,
  createInMemoryCheckoutAttemptStore,
  type InMemoryCheckoutAttemptState,
} from '../checkout/in-memory-checkout-attempt-store.js'
import {
  createInMemoryEventState,
  createInMemoryEventStore,
  type InMemoryEventState,
} from '../events/in-memory-event-store.js'
import {
  createInMemoryOutbox,
  createInMemoryOutboxState,
  type InMemoryOutboxState,
} from '../events/in-memory-outbox.js'
import {
  createInMemoryIdempotencyState,
  createInMemoryIdempotencyStore,
  type InMemoryIdempotencyState,
} from '../idempotency/in-memory-idempotency-store.js'
import {
  createInMemoryInventoryState,
  createInMemoryInventoryStore,
  type InMemoryInventoryState,
} from '../inventory/in-memory-inventory-store.js'
import {
  createInMemoryOrderViewState,
  createInMemoryOrderViewStore,
  type InMemoryOrderViewState,
} from '../order/in-memory-order-view-store.js'
import {
  createInMemoryWebhookInbox,
  createInMemoryWebhookInboxState,
  type InMemoryWebhookInboxState,
} from '../payment/in-memory-webhook-inbox.js'
import {
  createInMemoryPricingRepository,
  createInMemoryPricingState,
  createInMemoryPromotionUsageState,
  createInMemoryPromotionUsageStore,
  type InMemoryPricingState,
  type InMemoryPromotionUsageState,
} from '../pricing/in-memory-pricing.js'
import type { InMemoryCell } from './in-memory-cell.js'
import { closeJournal, openJournal, rollBackJournal } from './in-memory-journal.js'
import { createMutex, type Mutex } from './mutex.js'

/**
 * The in-memory "database": every adapter's storage and the lock that serialises transactions.
 * Open several stores over one database to simulate several processes or a reopen.
 *
 * @category kernel
 * @since 0.1.0
 */
export interface InMemoryDatabase {
  readonly inventory: InMemoryInventoryState
  readonly events: InMemoryEventState
  readonly outbox: InMemoryOutboxState
  readonly idempotency: InMemoryIdempotencyState
  readonly products: InMemoryProductState
  readonly carts: InMemoryCartState
  readonly pricing: InMemoryPricingState
  readonly promotionUsage: InMemoryPromotionUsageState
  readonly checkoutAttempts: InMemoryCheckoutAttemptState
  readonly webhooks: InMemoryWebhookInboxState
  readonly orderViews: InMemoryOrderViewState
  readonly lock: Mutex
}

/**
 * Makes an empty {@link InMemoryDatabase}.
 *
 * @example
 * ```ts
 * import { createInMemoryDatabase, createInMemoryStore } from '@mercato/testkit'
 * const database = createInMemoryDatabase()
 * const a = createInMemoryStore(database)
 * const b = createInMemoryStore(database) // same data, same lock
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const createInMemoryDatabase = (): InMemoryDatabase => ({
  inventory: createInMemoryInventoryState(),
  events: createInMemoryEventState(),
  outbox: createInMemoryOutboxState(),
  idempotency: createInMemoryIdempotencyState(),
  products: createInMemoryProductState(),
  carts: createInMemoryCartState(),
  pricing: createInMemoryPricingState(),
  promotionUsage: createInMemoryPromotionUsageState(),
  checkoutAttempts: createInMemoryCheckoutAttemptState(),
  webhooks: createInMemoryWebhookInboxState(),
  orderViews: createInMemoryOrderViewState(),
  lock: createMutex(),
})

/**
 * The in-memory store: the transactional ports (each call outside a transaction runs on its own,
 * waiting for running transactions like a statement waits for a lock), a {@link UnitOfWork} over
 * them, and `reopen` to open a second store over the same database.
 *
 * @category kernel
 * @since 0.1.0
 */
export interface InMemoryStore extends TransactionalPorts {
  readonly unitOfWork: UnitOfWork<TransactionalPorts>
  readonly database: InMemoryDatabase
  readonly reopen: () => InMemoryStore
}

type Around = <Args extends ReadonlyArray<unknown>, Err, A>(
  call: (...args: Args) => TaskEither<Err, A>,
) => (...args: Args) => TaskEither<Err | InfrastructureError, A>

const wrapPorts = (ports: TransactionalPorts, around: Around): TransactionalPorts => {
  const inventory: InventoryStore = {
    setOnHand: around(ports.inventory.setOnHand),
    adjust: around(ports.inventory.adjust),
    reserve: around(ports.inventory.reserve),
    release: around(ports.inventory.release),
    commit: around(ports.inventory.commit),
    expireDue: around(ports.inventory.expireDue),
    getStock: around(ports.inventory.getStock),
    getReservation: around(ports.inventory.getReservation),
    ledger: around(ports.inventory.ledger),
  }
  const events: EventStore = {
    append: around(ports.events.append),
    readStream: around(ports.events.readStream),
    readAll: around(ports.events.readAll),
  }
  const outbox: Outbox = {
    enqueue: around(ports.outbox.enqueue),
    claim: around(ports.outbox.claim),
    markDone: around(ports.outbox.markDone),
    pending: around(ports.outbox.pending),
  }
  const idempotency: IdempotencyStore = {
    begin: around(ports.idempotency.begin),
    complete: around(ports.idempotency.complete),
    abandon: around(ports.idempotency.abandon),
    defer: around(ports.idempotency.defer),
  }
  const products: ProductRepository = {
    get: around(ports.products.get),
    getMany: around(ports.products.getMany),
    findBySku: around(ports.products.findBySku),
    save: around(ports.products.save),
    list: around(ports.products.list),
  }
  const carts: CartRepository = { get: around(ports.carts.get), save: around(ports.carts.save) }
  const pricing: PricingRepository = {
    activePromotions: around(ports.pricing.activePromotions),
    priceLists: around(ports.pricing.priceLists),
    savePromotion: around(ports.pricing.savePromotion),
    savePriceList: around(ports.pricing.savePriceList),
  }
  const promotionUsage: PromotionUsageStore = {
    usage: around(ports.promotionUsage.usage),
    redeem: around(ports.promotionUsage.redeem),
    release: around(ports.promotionUsage.release),
    releaseOrder: around(ports.promotionUsage.releaseOrder),
  }
  const checkoutAttempts: CheckoutAttemptStore = {
    create: around(ports.checkoutAttempts.create),
    advance: around(ports.checkoutAttempts.advance),
    get: around(ports.checkoutAttempts.get),
    byPaymentId: around(ports.checkoutAttempts.byPaymentId),
    listStale: around(ports.checkoutAttempts.listStale),
  }
  const webhooks: WebhookInbox = {
    record: around(ports.webhooks.record),
    markProcessed: around(ports.webhooks.markProcessed),
    listUnprocessed: around(ports.webhooks.listUnprocessed),
  }
  const orderViews: OrderViewStore = {
    save: around(ports.orderViews.save),
    get: around(ports.orderViews.get),
    list: around(ports.orderViews.list),
    byCustomer: around(ports.orderViews.byCustomer),
    clear: around(ports.orderViews.clear),
  }
  return {
    inventory,
    events,
    outbox,
    idempotency,
    products,
    carts,
    pricing,
    promotionUsage,
    checkoutAttempts,
    webhooks,
    orderViews,
  }
}

// The storage cells of `database`: what a transaction's journal records the writes to.
const cellsOf = (database: InMemoryDatabase): ReadonlyArray<InMemoryCell<unknown>> => [
  database.inventory,
  database.events,
  database.outbox,
  database.idempotency,
  database.products,
  database.carts,
  database.pricing,
  database.promotionUsage,
  database.checkoutAttempts,
  database.webhooks,
  database.orderViews,
]

const transactionEnded = (): InfrastructureError =>
  infrastructureError(false, new Error('transaction already ended: ports used after transaction() returned'))

/**
 * Makes the in-memory store over `database` (a fresh one by default). `unitOfWork.transaction`
 * takes the database lock and runs the work with ports bound to the transaction, writing in
 * place while an undo log records how to take back each write; if the work returns `Left`,
 * throws or rejects (then `InfrastructureError { retryable: false }`), the log is replayed
 * newest first and nothing the work wrote remains. A transaction thus costs what it touches, not
 * the size of the database. Transactions run one at a time; ports used after their transaction
 * ended fail with `InfrastructureError`. Passes `describeUnitOfWorkConformance` and every port's
 * suite.
 *
 * @example
 * ```ts
 * import { createInMemoryStore } from '@mercato/testkit'
 * import * as TE from 'fp-ts/TaskEither'
 * const store = createInMemoryStore()
 * const result = await store.unitOfWork.transaction(({ outbox }) => TE.left('abort'))() // left('abort'), nothing kept
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const createInMemoryStore = (database: InMemoryDatabase = createInMemoryDatabase()): InMemoryStore => {
  const raw: TransactionalPorts = {
    inventory: createInMemoryInventoryStore(database.inventory),
    events: createInMemoryEventStore(database.events),
    outbox: createInMemoryOutbox(database.outbox),
    idempotency: createInMemoryIdempotencyStore(database.idempotency),
    products: createInMemoryProductRepository(database.products),
    carts: createInMemoryCartRepository(database.carts),
    pricing: createInMemoryPricingRepository(database.pricing),
    promotionUsage: createInMemoryPromotionUsageStore(database.promotionUsage),
    checkoutAttempts: createInMemoryCheckoutAttemptStore(database.checkoutAttempts),
    webhooks: createInMemoryWebhookInbox(database.webhooks),
    orderViews: createInMemoryOrderViewStore(database.orderViews),
  }

  const autocommit = wrapPorts(
    raw,
    (call) =>
      (...args) =>
      () =>
        database.lock.run(() => call(...args)()),
  )

  const unitOfWork: UnitOfWork<TransactionalPorts> = {
    transaction:
      <Err, A>(work: (ports: TransactionalPorts) => TaskEither<Err, A>): TaskEither<Err | InfrastructureError, A> =>
      () =>
        database.lock.run(async (): Promise<E.Either<Err | InfrastructureError, A>> => {
          const cells = cellsOf(database)
          const journal = openJournal(cells)
          let open = true
          const bound = wrapPorts(
            raw,
            (call) =>
              (...args) =>
              () =>
                open ? call(...args)() : Promise.resolve(E.left(transactionEnded())),
          )
          try {
            const result = await work(bound)()
            if (E.isLeft(result)) rollBackJournal(journal)
            return result
          } catch (cause) {
            rollBackJournal(journal)
            return E.left(infrastructureError(false, cause))
          } finally {
            open = false
            closeJournal(cells, journal)
          }
        }),
  }

  return {
    ...autocommit,
    unitOfWork,
    database,
    reopen: () => createInMemoryStore(database),
  }
}
