/**
 * The tables Mercato keeps, as kysely sees them. Times are epoch milliseconds in `bigint`
 * columns and money is integer minor units beside a `char(3)` currency code, in both dialects.
 * A `bigint` may come back from the driver as a string (node-postgres does that), so every row
 * read goes through an io-ts codec before it becomes a domain value.
 *
 * @module
 */
import type { ColumnType } from 'kysely'

/**
 * A `bigint` column: written as a number (or an expression), read as whatever the driver gives
 * (number or numeric string).
 *
 * @category schema
 * @since 0.1.0
 */
export type Int8 = ColumnType<number | string | bigint, number | string | bigint, number | string | bigint>

/**
 * An auto-increment `bigint` key: never written, read as number or string.
 *
 * @category schema
 * @since 0.1.0
 */
export type Identity = ColumnType<number | string | bigint, never, never>

/**
 * A JSON column: written as JSON text, read as whatever the driver gives (parsed by the dialect's `readJson`).
 *
 * @category schema
 * @since 0.1.0
 */
export type Json = ColumnType<unknown, string, string>

/** Optional JSON column. @category schema @since 0.1.0 */
export type NullableJson = ColumnType<unknown, string | null, string | null>

/** `stock`: units per SKU and location; `0 <= reserved <= on_hand` is a CHECK. @category schema @since 0.1.0 */
export interface StockTable {
  sku: string
  location_id: string
  on_hand: Int8
  reserved: Int8
  updated_at: Int8
}

/** `reservations`: one row per reservation. @category schema @since 0.1.0 */
export interface ReservationsTable {
  reservation_id: string
  status: string
  reference: string
  created_at: Int8
  expires_at: Int8
  updated_at: Int8
}

/** `reservation_lines`: the summed lines of a reservation, in request order. @category schema @since 0.1.0 */
export interface ReservationLinesTable {
  reservation_id: string
  line_no: number
  sku: string
  location_id: string
  quantity: Int8
}

/** `inventory_ledger`: every change of on-hand units. @category schema @since 0.1.0 */
export interface InventoryLedgerTable {
  entry_id: Identity
  sku: string
  location_id: string
  delta: Int8
  on_hand_after: Int8
  reason: string
  reference: string | null
  at: Int8
}

/** `events`: every stream's events; `position` is global, `(stream_id, version)` unique. @category schema @since 0.1.0 */
export interface EventsTable {
  position: Identity
  event_id: string
  stream_id: string
  version: number
  type: string
  payload: Json
  metadata: NullableJson
  occurred_at: Int8
}

/** `projection_checkpoints`: how far each projection has read the event feed. @category schema @since 0.1.0 */
export interface ProjectionCheckpointsTable {
  projection: string
  position: Int8
  updated_at: Int8
}

/** `outbox`: messages to relay; `seq` orders them, `done_at` null while pending. @category schema @since 0.1.0 */
export interface OutboxTable {
  seq: Identity
  id: string
  topic: string
  payload: Json
  created_at: Int8
  attempts: ColumnType<number, number | undefined, number>
  leased_by: string | null
  lease_until: Int8 | null
  done_at: Int8 | null
}

/** `idempotency_records`: one row per (scope, key). @category schema @since 0.1.0 */
export interface IdempotencyRecordsTable {
  scope: string
  key: string
  request_hash: string
  status: string
  response: NullableJson
  created_at: Int8
  expires_at: Int8
}

/** `categories`. @category schema @since 0.1.0 */
export interface CategoriesTable {
  category_id: string
  parent_id: string | null
  handle: string
  name: string
  position: number
  created_at: Int8
  updated_at: Int8
}

/** `products`: the product row; variants, prices and categories live in their own tables. @category schema @since 0.1.0 */
export interface ProductsTable {
  product_id: string
  version: number
  handle: string
  name: string
  description: string
  status: string
  options: Json
  attributes: Json
  created_at: Int8
  updated_at: Int8
}

/** `product_categories`: which categories a product is in, in order. @category schema @since 0.1.0 */
export interface ProductCategoriesTable {
  product_id: string
  category_id: string
  position: number
}

/** `variants`. @category schema @since 0.1.0 */
export interface VariantsTable {
  variant_id: string
  product_id: string
  position: number
  sku: string
  options: Json
  weight_grams: number
  attributes: Json
  tax_class: string
}

/** `variant_prices`: a variant's base price per currency, in the variant's order (`position`, migration 0004). @category schema @since 0.1.0 */
export interface VariantPricesTable {
  variant_id: string
  currency: string
  amount: Int8
  position: ColumnType<number, number | undefined, number>
}

/** `price_lists`. @category schema @since 0.1.0 */
export interface PriceListsTable {
  price_list_id: string
  name: string
  currency: string
  priority: number
  customer_group: string | null
  starts_at: Int8 | null
  ends_at: Int8 | null
  created_at: Int8
  updated_at: Int8
  /** The whole price list as JSON (migration 0005). */
  definition: NullableJson
}

/** `price_list_prices`: a price list's price for a variant from a minimum quantity. @category schema @since 0.1.0 */
export interface PriceListPricesTable {
  price_list_id: string
  variant_id: string
  min_quantity: number
  amount: Int8
  currency: string
}

/** `promotions`: the definition is JSON, the usage counters live in `promotion_usage`. @category schema @since 0.1.0 */
export interface PromotionsTable {
  promotion_id: string
  code: string | null
  name: string
  status: string
  definition: Json
  usage_limit: Int8 | null
  per_customer_limit: Int8 | null
  starts_at: Int8 | null
  ends_at: Int8 | null
  version: number
  created_at: Int8
  updated_at: Int8
}

/** `promotion_usage`: redemption counters per promotion, overall (`customer_id = ''`) and per customer (`'c:<id>'`, migration 0005). @category schema @since 0.1.0 */
export interface PromotionUsageTable {
  promotion_id: string
  customer_id: string
  uses: Int8
}

/** `promotion_redemptions`: one row per promotion and order that used it (migration 0005; indexed by order in 0007). @category schema @since 0.1.0 */
export interface PromotionRedemptionsTable {
  promotion_id: string
  order_id: string
  customer_id: string | null
}

/** `webhook_inbox`: provider events by (provider, provider event id), until processed (migration 0005). @category schema @since 0.1.0 */
export interface WebhookInboxTable {
  provider: string
  provider_event_id: string
  event: Json
  received_at: Int8
  processed_at: Int8 | null
}

/**
 * `order_views`: the order summary read model, its filter columns beside the row as JSON
 * (migration 0005); `holds_money` is core's `holdsMoney(row)` as 0/1 (migration 0008).
 * @category schema @since 0.1.0
 */
export interface OrderViewsTable {
  order_id: string
  customer_id: string | null
  status: string
  payment_status: string
  fulfilment_status: string
  return_status: string
  holds_money: number
  placed_at: Int8
  row: Json
}

/** `carts`: the state-stored cart, its document as JSON. @category schema @since 0.1.0 */
export interface CartsTable {
  cart_id: string
  version: number
  status: string
  currency: string
  customer_id: string | null
  data: Json
  created_at: Int8
  updated_at: Int8
  expires_at: Int8 | null
}

/** `checkout_attempts`: what the place-order saga did, for the recovery job. @category schema @since 0.1.0 */
export interface CheckoutAttemptsTable {
  attempt_id: string
  idempotency_key: string
  cart_id: string
  status: string
  amount: Int8
  currency: string
  payment_reference: string | null
  data: Json
  created_at: Int8
  updated_at: Int8
}

/** `customers`. @category schema @since 0.1.0 */
export interface CustomersTable {
  customer_id: string
  email: string
  password_hash: string | null
  version: number
  data: Json
  created_at: Int8
  updated_at: Int8
}

/** `sessions`: keyed by the hash of the session token, never the token. @category schema @since 0.1.0 */
export interface SessionsTable {
  session_id: string
  customer_id: string
  data: Json
  created_at: Int8
  expires_at: Int8
}

/** `conversations`: support threads. @category schema @since 0.1.0 */
export interface ConversationsTable {
  conversation_id: string
  customer_id: string | null
  subject: string
  status: string
  created_at: Int8
  updated_at: Int8
}

/** `conversation_messages`. @category schema @since 0.1.0 */
export interface ConversationMessagesTable {
  message_id: string
  conversation_id: string
  author: string
  body: string
  attachments: Json
  created_at: Int8
}

/**
 * Every table of the Mercato schema, as kysely's `Database` type parameter.
 *
 * @example
 * ```ts
 * import type { Database } from '@mercato/sql'
 * import type { Kysely } from 'kysely'
 * declare const db: Kysely<Database>
 * // db.selectFrom('stock').selectAll().where('sku', '=', 'TSHIRT-M')
 * ```
 * @category schema
 * @since 0.1.0
 */
export interface Database {
  stock: StockTable
  reservations: ReservationsTable
  reservation_lines: ReservationLinesTable
  inventory_ledger: InventoryLedgerTable
  events: EventsTable
  projection_checkpoints: ProjectionCheckpointsTable
  outbox: OutboxTable
  idempotency_records: IdempotencyRecordsTable
  categories: CategoriesTable
  products: ProductsTable
  product_categories: ProductCategoriesTable
  variants: VariantsTable
  variant_prices: VariantPricesTable
  price_lists: PriceListsTable
  price_list_prices: PriceListPricesTable
  promotions: PromotionsTable
  promotion_usage: PromotionUsageTable
  promotion_redemptions: PromotionRedemptionsTable
  webhook_inbox: WebhookInboxTable
  order_views: OrderViewsTable
  carts: CartsTable
  checkout_attempts: CheckoutAttemptsTable
  customers: CustomersTable
  sessions: SessionsTable
  conversations: ConversationsTable
  conversation_messages: ConversationMessagesTable
}
