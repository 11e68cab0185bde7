/**
 * The types of the application layer: what `createCommerce` takes, the use cases it returns
 * grouped by module, their inputs (plain JSON-shaped values, parsed with zod at the boundary),
 * their results and the closed union of errors each one can give.
 *
 * @module
 */
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Cart } from '../cart/cart.js'
import type { CartError } from '../cart/cart-errors.js'
import type { PriceCartError } from '../cart/cart-pricing-errors.js'
import type { CartTotals } from '../cart/price-cart.js'
import type { Product } from '../catalog/catalog.js'
import type { CatalogError, InvalidCursor, ProductNotFound, SkuInUse } from '../catalog/catalog-errors.js'
import type { ProductPage } from '../catalog/catalog-ports.js'
import type {
  CartChanged,
  CheckoutCheckpoint,
  PaymentMethodNotAllowed,
  RequestInProgress,
  SagaHalted,
} from '../checkout/checkout-errors.js'
import type { CheckoutPayment, CheckoutStepConflict } from '../checkout/checkout-ports.js'
import type { EventBus } from '../events/events-ports.js'
import type { IdempotencyKeyReused } from '../idempotency/idempotency-errors.js'
import type { StockLevel } from '../inventory/inventory.js'
import type {
  InsufficientStock,
  InvalidStockQuantity,
  ReservationExpired,
  ReservationNotFound,
} from '../inventory/inventory-errors.js'
import type { ConcurrencyConflict, CorruptRecord } from '../kernel/concurrency.js'
import type { InfrastructureError, ValidationFailed } from '../kernel/kernel-errors.js'
import type { Clock, IdGenerator, Logger } from '../kernel/kernel-ports.js'
import type { TransactionalPorts, UnitOfWork } from '../kernel/unit-of-work.js'
import type { Order, OrderStatus, OrderTotals } from '../order/order.js'
import type { OrderError, OrderNotFound } from '../order/order-errors.js'
import type { OrderPage, OrderSummaryRow } from '../order/order-projections.js'
import type { AuthorizeError, CaptureError, RefundError, VoidError, WebhookError } from '../payment/payment-errors.js'
import type { PaymentProvider } from '../payment/payment-ports.js'
import type { PriceList } from '../pricing/price-list.js'
import type { UsageLimitReached } from '../pricing/pricing-ports.js'
import type { Promotion } from '../pricing/promotion.js'
import type { ShippingConfig } from '../shipping/shipping-schemas.js'
import type { TaxConfig } from '../tax/tax.js'

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/**
 * The store `createCommerce` runs on: every transactional port plus the unit of work that binds
 * them to one transaction (`createInMemoryStore`, `createSqliteStore`, `createPostgresStore`).
 *
 * @category commerce
 * @since 0.1.0
 */
export type CommerceStore = TransactionalPorts & { readonly unitOfWork: UnitOfWork<TransactionalPorts> }

/**
 * Business settings: when to capture (`'immediate'`: right after the order is written;
 * `'on-fulfilment'`: as lines ship), how long a checkout may hold stock, tax and shipping
 * setup, whether `payment.method: 'pay-later'` is accepted, and optional tuning.
 *
 * @category commerce
 * @since 0.1.0
 */
export interface CommerceConfig {
  readonly captureMode: 'immediate' | 'on-fulfilment'
  readonly reservationTtlMs: number
  readonly tax: TaxConfig
  readonly shipping: ShippingConfig
  readonly payLater?: boolean
  /** How long a placeOrder idempotency key is remembered (default 24 h). */
  readonly idempotencyTtlMs?: number
  /** How long an attempt may sit at a step before `recover()` takes it over (default 60 s). */
  readonly staleAfterMs?: number
  /**
   * How long after a refund event its webhook may wait for the capture webhooks that cover it
   * (providers deliver webhooks in any order; default 24 h). Until then a refund above what the
   * order has captured, which its authorization could still cover, is `deferred`; after it, it
   * is logged as a warning and dropped.
   */
  readonly webhookReorderWindowMs?: number
  /** Where the shopper returns after a redirect (3-D Secure, PayPal approval). */
  readonly returnUrl?: string
}

/**
 * Test-only hooks. `checkpoint` is asked at every {@link CheckoutCheckpoint}; answering
 * `'halt'` stops the saga there without compensating (a simulated crash), and placeOrder
 * returns `SagaHalted`.
 *
 * @category commerce
 * @since 0.1.0
 */
export interface CommerceHooks {
  readonly checkpoint?: (checkpoint: CheckoutCheckpoint) => 'continue' | 'halt'
}

/**
 * What `createCommerce` takes.
 *
 * @category commerce
 * @since 0.1.0
 */
export interface CommerceOptions {
  readonly store: CommerceStore
  readonly payments: PaymentProvider
  readonly clock?: Clock
  readonly ids?: IdGenerator
  readonly logger?: Logger
  /** Where `maintenance.relayOutbox` publishes; without one, relaying publishes nothing. */
  readonly eventBus?: EventBus
  readonly config: CommerceConfig
  readonly hooks?: CommerceHooks
}

// ---------------------------------------------------------------------------------------------
// Inputs (JSON-shaped: plain strings and numbers; parsed at the boundary)
// ---------------------------------------------------------------------------------------------

/**
 * An amount in minor units with its ISO 4217 code, as JSON carries it.
 *
 * @category commerce
 * @since 0.1.0
 */
export interface MoneyInput {
  readonly amount: number
  readonly currency: string
}

/**
 * A postal address as JSON carries it.
 *
 * @category commerce
 * @since 0.1.0
 */
export interface AddressInput {
  readonly name?: string
  readonly line1?: string
  readonly line2?: string
  readonly city?: string
  readonly postalCode?: string
  readonly region?: string
  readonly country: string
}

/**
 * Input of `catalog.createProduct` (a `productId` is generated when absent).
 *
 * @example
 * ```ts
 * import type { CreateProductInput } from '@mercato/core'
 * type Example = CreateProductInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface CreateProductInput {
  readonly productId?: string
  readonly handle: string
  readonly name: string
  readonly description?: string
  readonly categoryIds?: ReadonlyArray<string>
  readonly options?: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<string> }>
  readonly attributes?: Readonly<Record<string, string | number | boolean>>
}

/**
 * Input of `catalog.updateProduct`: only the fields in `changes` change.
 *
 * @example
 * ```ts
 * import type { UpdateProductInput } from '@mercato/core'
 * type Example = UpdateProductInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface UpdateProductInput {
  readonly productId: string
  readonly changes: Omit<CreateProductInput, 'productId'> | Partial<Omit<CreateProductInput, 'productId'>>
}

/**
 * A variant as `catalog.addVariant` takes it (an `id` is generated when absent).
 *
 * @example
 * ```ts
 * import type { VariantInput } from '@mercato/core'
 * type Example = VariantInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface VariantInput {
  readonly id?: string
  readonly sku: string
  readonly options?: Readonly<Record<string, string>>
  readonly weightGrams?: number
  readonly attributes?: Readonly<Record<string, string | number | boolean>>
  readonly prices?: ReadonlyArray<MoneyInput>
  readonly taxClass?: string
}

/**
 * Input of `catalog.addVariant`.
 *
 * @example
 * ```ts
 * import type { AddVariantInput } from '@mercato/core'
 * type Example = AddVariantInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface AddVariantInput {
  readonly productId: string
  readonly variant: VariantInput
}

/**
 * Input of `catalog.updateVariant`: only the fields in `changes` change.
 *
 * @example
 * ```ts
 * import type { UpdateVariantInput } from '@mercato/core'
 * type Example = UpdateVariantInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface UpdateVariantInput {
  readonly productId: string
  readonly variantId: string
  readonly changes: Partial<Omit<VariantInput, 'id' | 'prices'>>
}

/**
 * Input of `catalog.setVariantPrice`: sets the variant's price in the price's currency.
 *
 * @example
 * ```ts
 * import type { SetVariantPriceInput } from '@mercato/core'
 * type Example = SetVariantPriceInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface SetVariantPriceInput {
  readonly productId: string
  readonly variantId: string
  readonly price: MoneyInput
}

/**
 * Input naming one product (`publishProduct`, `archiveProduct`).
 *
 * @example
 * ```ts
 * import type { ProductRefInput } from '@mercato/core'
 * type Example = ProductRefInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface ProductRefInput {
  readonly productId: string
}

/**
 * Input of `catalog.listProducts`: filters, page size (default 20) and cursor.
 *
 * @example
 * ```ts
 * import type { ListProductsInput } from '@mercato/core'
 * type Example = ListProductsInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface ListProductsInput {
  readonly status?: 'draft' | 'published' | 'archived'
  readonly categoryId?: string
  readonly text?: string
  readonly limit?: number
  readonly cursor?: string
}

/**
 * Input of `inventory.setStock`: a stock count (location `default` when absent).
 *
 * @example
 * ```ts
 * import type { SetStockInput } from '@mercato/core'
 * type Example = SetStockInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface SetStockInput {
  readonly sku: string
  readonly locationId?: string
  readonly onHand: number
  readonly reference?: string
}

/**
 * Input of `inventory.adjustStock`: a signed change with its reason.
 *
 * @example
 * ```ts
 * import type { AdjustStockInput } from '@mercato/core'
 * type Example = AdjustStockInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface AdjustStockInput {
  readonly sku: string
  readonly locationId?: string
  readonly delta: number
  readonly reason: 'received' | 'sold' | 'returned' | 'damaged' | 'correction' | 'count'
  readonly reference?: string
}

/**
 * Input of `inventory.getStock`.
 *
 * @example
 * ```ts
 * import type { StockRefInput } from '@mercato/core'
 * type Example = StockRefInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface StockRefInput {
  readonly sku: string
  readonly locationId?: string
}

/**
 * Input of `cart.create`.
 *
 * @example
 * ```ts
 * import type { CreateCartInput } from '@mercato/core'
 * type Example = CreateCartInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface CreateCartInput {
  readonly currency: string
  readonly customerId?: string
}

/**
 * Input of `cart.addItem`.
 *
 * @example
 * ```ts
 * import type { AddItemInput } from '@mercato/core'
 * type Example = AddItemInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface AddItemInput {
  readonly cartId: string
  readonly productId: string
  readonly variantId: string
  readonly quantity: number
}

/**
 * Input of `cart.updateItem`: the line's new quantity.
 *
 * @example
 * ```ts
 * import type { UpdateItemInput } from '@mercato/core'
 * type Example = UpdateItemInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface UpdateItemInput {
  readonly cartId: string
  readonly lineId: string
  readonly quantity: number
}

/**
 * Input of `cart.removeItem`.
 *
 * @example
 * ```ts
 * import type { RemoveItemInput } from '@mercato/core'
 * type Example = RemoveItemInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface RemoveItemInput {
  readonly cartId: string
  readonly lineId: string
}

/**
 * Input of `cart.applyCode` and `cart.removeCode`.
 *
 * @example
 * ```ts
 * import type { CartCodeInput } from '@mercato/core'
 * type Example = CartCodeInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface CartCodeInput {
  readonly cartId: string
  readonly code: string
}

/**
 * Input of `cart.setShippingAddress` and `cart.setBillingAddress`.
 *
 * @example
 * ```ts
 * import type { CartAddressInput } from '@mercato/core'
 * type Example = CartAddressInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface CartAddressInput {
  readonly cartId: string
  readonly address: AddressInput
}

/**
 * Input of `cart.chooseShipping`.
 *
 * @example
 * ```ts
 * import type { ChooseShippingInput } from '@mercato/core'
 * type Example = ChooseShippingInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface ChooseShippingInput {
  readonly cartId: string
  readonly methodId: string
}

/**
 * Input of `checkout.placeOrder`. `idempotencyKey` (1–255 visible characters) makes retries
 * safe: the same key and body returns the first result; the same key with another body is
 * `IdempotencyKeyReused`. `payment.method` is the provider's payment method token, or
 * `'pay-later'` when `config.payLater` is on.
 *
 * @category commerce
 * @since 0.1.0
 */
export interface PlaceOrderInput {
  readonly cartId: string
  readonly idempotencyKey: string
  readonly payment: { readonly method: string }
  readonly email?: string
  readonly customerId?: string
}

/**
 * Input naming one order.
 *
 * @example
 * ```ts
 * import type { OrderRefInput } from '@mercato/core'
 * type Example = OrderRefInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface OrderRefInput {
  readonly orderId: string
}

/**
 * Order lines and quantities, as the fulfilment and return use cases take them.
 *
 * @example
 * ```ts
 * import type { OrderLinesInput } from '@mercato/core'
 * type Example = OrderLinesInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface OrderLinesInput {
  readonly lines: ReadonlyArray<{ readonly lineId: string; readonly quantity: number }>
}

/**
 * Input of `orders.capture`: `amount` in minor units (default: everything still capturable).
 *
 * @example
 * ```ts
 * import type { CaptureInput } from '@mercato/core'
 * type Example = CaptureInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface CaptureInput {
  readonly orderId: string
  readonly amount?: number
}

/**
 * Input of `orders.fulfil`: a shipment of some lines, with optional tracking (a `shipmentId` is generated when absent).
 *
 * @example
 * ```ts
 * import type { FulfilInput } from '@mercato/core'
 * type Example = FulfilInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface FulfilInput extends OrderLinesInput {
  readonly orderId: string
  readonly shipmentId?: string
  readonly carrier?: string
  readonly trackingNumber?: string
}

/**
 * Input of `orders.markDelivered`.
 *
 * @example
 * ```ts
 * import type { MarkDeliveredInput } from '@mercato/core'
 * type Example = MarkDeliveredInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface MarkDeliveredInput {
  readonly orderId: string
  readonly shipmentId: string
}

/**
 * Input of `orders.cancel`.
 *
 * @example
 * ```ts
 * import type { CancelInput } from '@mercato/core'
 * type Example = CancelInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface CancelInput {
  readonly orderId: string
  readonly reason: string
}

/**
 * Input of `orders.refund`: `amount` in minor units (default: everything refundable), optionally per line.
 *
 * @example
 * ```ts
 * import type { RefundInput } from '@mercato/core'
 * type Example = RefundInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface RefundInput {
  readonly orderId: string
  readonly amount?: number
  readonly lines?: ReadonlyArray<{ readonly lineId: string; readonly quantity: number }>
  readonly reason?: string
}

/**
 * Input of `orders.requestReturn` (a `returnId` is generated when absent).
 *
 * @example
 * ```ts
 * import type { RequestReturnInput } from '@mercato/core'
 * type Example = RequestReturnInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface RequestReturnInput extends OrderLinesInput {
  readonly orderId: string
  readonly returnId?: string
  readonly reason?: string
}

/**
 * Input of `orders.receiveReturn`: `restock` puts the units back on hand.
 *
 * @example
 * ```ts
 * import type { ReceiveReturnInput } from '@mercato/core'
 * type Example = ReceiveReturnInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface ReceiveReturnInput extends OrderLinesInput {
  readonly orderId: string
  readonly returnId: string
  readonly restock: boolean
}

/**
 * Input of `orders.list`: admin filters (one value or a list each), page size and cursor.
 *
 * @example
 * ```ts
 * import type { ListOrdersInput } from '@mercato/core'
 * type Example = ListOrdersInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface ListOrdersInput {
  readonly status?: string | ReadonlyArray<string>
  readonly paymentStatus?: string | ReadonlyArray<string>
  readonly fulfilmentStatus?: string | ReadonlyArray<string>
  readonly returnStatus?: string | ReadonlyArray<string>
  /** Only orders whose payment still holds money (`true`) or holds none (`false`); see `holdsMoney`. */
  readonly holdsMoney?: boolean | 'true' | 'false'
  readonly customerId?: string
  readonly placedFrom?: string | Date
  readonly placedTo?: string | Date
  readonly limit?: number
  readonly cursor?: string
}

/**
 * Input of `orders.history`: one customer's orders, newest first.
 *
 * @example
 * ```ts
 * import type { OrderHistoryInput } from '@mercato/core'
 * type Example = OrderHistoryInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface OrderHistoryInput {
  readonly customerId: string
  readonly limit?: number
  readonly cursor?: string
}

/**
 * Input of `payments.handleWebhook`: the raw body exactly as received and the request headers.
 *
 * @example
 * ```ts
 * import type { WebhookInput } from '@mercato/core'
 * type Example = WebhookInput
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface WebhookInput {
  readonly rawBody: Uint8Array | string
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/**
 * A cart with its version and its prices: what every cart use case returns.
 *
 * @category commerce
 * @since 0.1.0
 */
export interface CartView {
  readonly cart: Cart
  readonly version: number
  readonly totals: CartTotals
}

/**
 * What `placeOrder` answers (and what a replay of the same request answers again). `status` is
 * the order's status, or `'awaiting_payment'` while the shopper must still act
 * (`payment.status: 'requires_action'`, `payment.nextActionUrl`): the order is written when the
 * provider confirms (webhook or `recover()`).
 *
 * @category commerce
 * @since 0.1.0
 */
export interface PlaceOrderResult {
  readonly orderId: string
  readonly attemptId: string
  readonly status: OrderStatus | 'awaiting_payment' | 'payment_failed'
  readonly totals: OrderTotals
  readonly payment: CheckoutPayment
}

/**
 * An order, folded from its events, with its derived statuses.
 *
 * @category commerce
 * @since 0.1.0
 */
export interface OrderDetails {
  readonly order: Order
  readonly summary: OrderSummaryRow
}

/**
 * What `payments.handleWebhook` did with one delivery.
 *
 * @example
 * ```ts
 * import type { WebhookResult } from '@mercato/core'
 * type Example = WebhookResult
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface WebhookResult {
  readonly provider: string
  readonly providerEventId: string
  /**
   * `processed`: acted on; `duplicate`: seen before, nothing done; `ignored`: nothing to do;
   * `deferred`: stored, to be applied by `maintenance.recover()` once the order can take it (a
   * refund whose capture's webhook has not arrived yet). Answer the provider 2xx for all four.
   */
  readonly outcome: 'processed' | 'duplicate' | 'ignored' | 'deferred'
}

/**
 * What one `maintenance.recover()` run did.
 *
 * @category commerce
 * @since 0.1.0
 */
export interface RecoveryReport {
  /** Stale attempts taken over and finished (order written). */
  readonly completed: number
  /** Stale attempts compensated (payment voided, stock and promotions released). */
  readonly compensated: number
  /** Stale attempts left as they are (still waiting for the shopper, or failed to recover). */
  readonly pending: number
  /** Reservations released by `expireDue`. */
  readonly expiredReservations: number
  /** Orders whose due capture (capture mode `'immediate'`) was taken or recorded. */
  readonly captures: number
  /** Webhook events recorded but never processed, processed now. */
  readonly webhooks: number
  /**
   * Cancelled orders that still held money (their void or refund failed, or the process died
   * before calling the provider), given back now: the void and refund the cancellation owed.
   */
  readonly cancellations: number
}

/**
 * What `maintenance.relayOutbox` published.
 *
 * @example
 * ```ts
 * import type { RelayReport } from '@mercato/core'
 * type Example = RelayReport
 * ```
 * @category commerce
 * @since 0.1.0
 */
export interface RelayReport {
  readonly published: number
}

// ---------------------------------------------------------------------------------------------
// Error unions, one per use case
// ---------------------------------------------------------------------------------------------

/**
 * Errors of the catalog commands.
 *
 * @example
 * ```ts
 * import type { CatalogCommandError } from '@mercato/core'
 * type Example = CatalogCommandError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type CatalogCommandError = CatalogError | ConcurrencyConflict | SkuInUse | CorruptRecord | InfrastructureError
/**
 * Errors of `catalog.getProduct`.
 *
 * @example
 * ```ts
 * import type { GetProductError } from '@mercato/core'
 * type Example = GetProductError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type GetProductError = ValidationFailed | ProductNotFound | CorruptRecord | InfrastructureError
/**
 * Errors of `catalog.listProducts`.
 *
 * @example
 * ```ts
 * import type { ListProductsError } from '@mercato/core'
 * type Example = ListProductsError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type ListProductsError = ValidationFailed | InvalidCursor | CorruptRecord | InfrastructureError
/**
 * Errors of `pricing.savePromotion` and `pricing.savePriceList`.
 *
 * @example
 * ```ts
 * import type { SavePricingError } from '@mercato/core'
 * type Example = SavePricingError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type SavePricingError = ValidationFailed | InfrastructureError
/**
 * Errors of `inventory.setStock` and `inventory.adjustStock`.
 *
 * @example
 * ```ts
 * import type { StockError } from '@mercato/core'
 * type Example = StockError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type StockError = ValidationFailed | InsufficientStock | InvalidStockQuantity | InfrastructureError
/**
 * Errors of `inventory.getStock`.
 *
 * @example
 * ```ts
 * import type { GetStockError } from '@mercato/core'
 * type Example = GetStockError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type GetStockError = ValidationFailed | InfrastructureError
/**
 * Errors of the cart use cases.
 *
 * @example
 * ```ts
 * import type { CartUseCaseError } from '@mercato/core'
 * type Example = CartUseCaseError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type CartUseCaseError = CartError | PriceCartError | ConcurrencyConflict | CorruptRecord | InfrastructureError

/**
 * Every error `placeOrder` can give. Each is final for this attempt (everything it held is
 * released) except `RequestInProgress` (retry later), `SagaHalted` (tests only) and an
 * `InfrastructureError` / `ProviderUnavailable` that left the attempt for `recover()`.
 *
 * @category commerce
 * @since 0.1.0
 */
export type PlaceOrderError =
  | ValidationFailed
  | IdempotencyKeyReused
  | RequestInProgress
  | CartError
  | PriceCartError
  | CartChanged
  | PaymentMethodNotAllowed
  | InsufficientStock
  | InvalidStockQuantity
  | ReservationExpired
  | ReservationNotFound
  | AuthorizeError
  | UsageLimitReached
  | CheckoutStepConflict
  | SagaHalted
  | CorruptRecord
  | InfrastructureError

/**
 * Errors of `orders.get`.
 *
 * @example
 * ```ts
 * import type { GetOrderError } from '@mercato/core'
 * type Example = GetOrderError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type GetOrderError = ValidationFailed | OrderNotFound | CorruptRecord | InfrastructureError
/**
 * Errors of `orders.list` and `orders.history`.
 *
 * @example
 * ```ts
 * import type { ListOrdersError } from '@mercato/core'
 * type Example = ListOrdersError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type ListOrdersError = ValidationFailed | InfrastructureError
/**
 * The errors of the order commands (capture, fulfil, deliver, cancel, refund, returns): the
 * order decider's, the provider's, a concurrent write (`ConcurrencyConflict`: retry), and faults.
 *
 * @category commerce
 * @since 0.1.0
 */
export type OrderCommandError =
  | OrderError
  | CaptureError
  | VoidError
  | RefundError
  | ConcurrencyConflict
  | CorruptRecord
  | InsufficientStock
  | InvalidStockQuantity
  | InfrastructureError
/**
 * Errors of `payments.handleWebhook`.
 *
 * @example
 * ```ts
 * import type { WebhookUseCaseError } from '@mercato/core'
 * type Example = WebhookUseCaseError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type WebhookUseCaseError = ValidationFailed | WebhookError | InfrastructureError
/**
 * Errors of `maintenance.recover`.
 *
 * @example
 * ```ts
 * import type { RecoverError } from '@mercato/core'
 * type Example = RecoverError
 * ```
 * @category commerce
 * @since 0.1.0
 */
export type RecoverError = InfrastructureError

// ---------------------------------------------------------------------------------------------
// The facade
// ---------------------------------------------------------------------------------------------

/**
 * The use cases `createCommerce` returns, grouped by module. Every function takes plain
 * (JSON-shaped) input, parses it with zod, and returns a `TaskEither` whose left is the closed
 * union of that use case. Nothing throws.
 *
 * @category commerce
 * @since 0.1.0
 */
export interface Commerce {
  readonly catalog: {
    readonly createProduct: (input: CreateProductInput) => TaskEither<CatalogCommandError, Product>
    readonly updateProduct: (input: UpdateProductInput) => TaskEither<CatalogCommandError, Product>
    readonly addVariant: (input: AddVariantInput) => TaskEither<CatalogCommandError, Product>
    readonly updateVariant: (input: UpdateVariantInput) => TaskEither<CatalogCommandError, Product>
    readonly setVariantPrice: (input: SetVariantPriceInput) => TaskEither<CatalogCommandError, Product>
    readonly publishProduct: (input: ProductRefInput) => TaskEither<CatalogCommandError, Product>
    readonly archiveProduct: (input: ProductRefInput) => TaskEither<CatalogCommandError, Product>
    readonly getProduct: (productId: string) => TaskEither<GetProductError, Product>
    readonly listProducts: (query: ListProductsInput) => TaskEither<ListProductsError, ProductPage>
  }
  readonly pricing: {
    readonly savePromotion: (input: unknown) => TaskEither<SavePricingError, Promotion>
    readonly savePriceList: (input: unknown) => TaskEither<SavePricingError, PriceList>
  }
  readonly inventory: {
    readonly setStock: (input: SetStockInput) => TaskEither<StockError, StockLevel>
    readonly adjustStock: (input: AdjustStockInput) => TaskEither<StockError, StockLevel>
    readonly getStock: (input: StockRefInput) => TaskEither<GetStockError, StockLevel>
  }
  readonly cart: {
    readonly create: (input: CreateCartInput) => TaskEither<CartUseCaseError, CartView>
    readonly get: (cartId: string) => TaskEither<CartUseCaseError, CartView>
    readonly addItem: (input: AddItemInput) => TaskEither<CartUseCaseError | ProductNotFound, CartView>
    readonly updateItem: (input: UpdateItemInput) => TaskEither<CartUseCaseError, CartView>
    readonly removeItem: (input: RemoveItemInput) => TaskEither<CartUseCaseError, CartView>
    readonly applyCode: (input: CartCodeInput) => TaskEither<CartUseCaseError, CartView>
    readonly removeCode: (input: CartCodeInput) => TaskEither<CartUseCaseError, CartView>
    readonly setShippingAddress: (input: CartAddressInput) => TaskEither<CartUseCaseError, CartView>
    readonly setBillingAddress: (input: CartAddressInput) => TaskEither<CartUseCaseError, CartView>
    readonly chooseShipping: (input: ChooseShippingInput) => TaskEither<CartUseCaseError, CartView>
  }
  readonly checkout: {
    readonly placeOrder: (input: PlaceOrderInput) => TaskEither<PlaceOrderError, PlaceOrderResult>
  }
  readonly orders: {
    readonly get: (orderId: string) => TaskEither<GetOrderError, OrderDetails>
    readonly list: (query: ListOrdersInput) => TaskEither<ListOrdersError, OrderPage>
    readonly history: (input: OrderHistoryInput) => TaskEither<ListOrdersError, OrderPage>
    readonly capture: (input: CaptureInput) => TaskEither<OrderCommandError, OrderDetails>
    readonly fulfil: (input: FulfilInput) => TaskEither<OrderCommandError, OrderDetails>
    readonly markDelivered: (input: MarkDeliveredInput) => TaskEither<OrderCommandError, OrderDetails>
    /**
     * Cancels an order that has shipped nothing: in one transaction it appends `OrderCancelled`,
     * puts the stock back and releases every promotion redemption the order made (its uses no
     * longer count toward the promotions' total and per-customer limits); then it voids what is
     * still authorized and refunds what was captured. Only cancellation releases usage: a
     * refund (even a full one) or a return leaves the order as having used its codes.
     *
     * When the void or refund fails (the provider timed out or answered 5xx), the cancellation
     * stays and the error is returned: call `cancel` again (or let `maintenance.recover()` do
     * it). On an order already cancelled that still holds money, `cancel` finishes the void and
     * refund with the same provider idempotency keys (a call that did happen is replayed, never
     * made twice) and answers the order, as a first cancel does; nothing is released or
     * restocked twice.
     *
     * Errors: `ValidationFailed`, `OrderNotFound`, `OrderAlreadyCancelled` (a repeat when the
     * money is already given back: nothing left to do), `CannotCancelFulfilledOrder`,
     * `ConcurrencyConflict`, the payment provider's errors for the void or refund (the
     * cancellation itself stays; retry), and `InfrastructureError`.
     *
     * @example
     * ```ts
     * import type { Commerce } from '@mercato/core'
     * declare const commerce: Commerce
     * const cancelled = await commerce.orders.cancel({ orderId: 'order_1', reason: 'customer request' })()
     * ```
     */
    readonly cancel: (input: CancelInput) => TaskEither<OrderCommandError, OrderDetails>
    /**
     * Refunds `amount` (default: everything still refundable) of an order, for `lines` when
     * given, and records the refund once by its provider id: its `payment.refunded` webhook,
     * recorded before or at the same moment, does not count it twice, and a recording that loses
     * the race on the order's stream is decided again (no `ConcurrencyConflict` for that). The
     * provider call's key is the order's next refund number, so a refund retried after a
     * timeout is replayed, not made twice.
     *
     * Errors: `ValidationFailed`, `OrderNotFound`, `PaymentNotAuthorized`,
     * `RefundExceedsCaptured`, `RefundQuantityExceedsOrdered`, `UnknownLine`, the payment
     * provider's refund errors, `ConcurrencyConflict` (every attempt lost the race; retry),
     * `CorruptRecord` and `InfrastructureError`.
     *
     * @example
     * ```ts
     * import type { Commerce } from '@mercato/core'
     * declare const commerce: Commerce
     * const refunded = await commerce.orders.refund({ orderId: 'order_1', amount: 1000 })()
     * ```
     */
    readonly refund: (input: RefundInput) => TaskEither<OrderCommandError, OrderDetails>
    readonly requestReturn: (input: RequestReturnInput) => TaskEither<OrderCommandError, OrderDetails>
    readonly receiveReturn: (input: ReceiveReturnInput) => TaskEither<OrderCommandError, OrderDetails>
    /** Rebuilds every order summary row from the event store; returns how many rows it wrote. */
    readonly rebuildViews: () => TaskEither<InfrastructureError, number>
  }
  readonly payments: {
    readonly handleWebhook: (input: WebhookInput) => TaskEither<WebhookUseCaseError, WebhookResult>
  }
  readonly maintenance: {
    readonly recover: () => TaskEither<RecoverError, RecoveryReport>
    readonly relayOutbox: () => TaskEither<InfrastructureError, RelayReport>
  }
}

/**
 * A `TaskEither`-returning function turned into one returning a promise of a plain result.
 *
 * @category commerce
 * @since 0.1.0
 */
export type PromiseFn<F> = F extends (...args: infer Args) => TaskEither<infer Err, infer A>
  ? (...args: Args) => Promise<{ readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: Err }>
  : never

/**
 * {@link Commerce} with every use case returning `Promise<{ ok: true, value } | { ok: false, error }>`
 * (what `toPromiseApi` makes), for integrators who do not write fp-ts.
 *
 * @category commerce
 * @since 0.1.0
 */
export type CommercePromiseApi = {
  readonly [Module in keyof Commerce]: {
    readonly [UseCase in keyof Commerce[Module]]: PromiseFn<Commerce[Module][UseCase]>
  }
}
