/**
 * RFC 9457 problem details: the one JSON error format of the example stores. A Mercato error
 * (a plain object with a `_tag`) becomes a status from {@link statusByTag} and a body that
 * carries the tag and the error's own fields, never a `cause` or a stack trace; an error that
 * is not one of Mercato's becomes a bare 500.
 *
 * @module
 */

/** One offending field of a request, as `ValidationFailed` lists it. */
export interface FieldError {
  /** JSON Pointer (RFC 6901) into the request part, e.g. `/body/quantity`. */
  readonly pointer: string
  readonly message: string
}

/** The body of an error response, served as `application/problem+json`. */
export interface ProblemDetails {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string
  /** The Mercato error tag (`ProductNotFound`), or `InternalError` / `NotFound` / ... for HTTP-level problems. */
  readonly code: string
  /** Field errors, for a 400. */
  readonly errors?: ReadonlyArray<FieldError>
  readonly [field: string]: unknown
}

/** Where each tag is explained: the errors page of the repository. */
export const errorsPage = 'https://github.com/mercato/mercato/blob/main/docs/errors.md'

/**
 * HTTP status for every error tag `@mercato/core` exports. 400: the request itself is
 * malformed; 401: a signature did not verify; 404: what the path names does not exist; 409: the
 * request conflicts with the current state (already exists, already done, concurrent change,
 * not enough stock); 422: well-formed but breaks a business rule; 502/503: a payment provider
 * or the database failed. A test fails when a tag exported by core is missing here.
 */
export const statusByTag: Readonly<Record<string, number>> = {
  // kernel
  ValidationFailed: 400,
  InfrastructureError: 503,
  ConcurrencyConflict: 409,
  CorruptRecord: 500,
  // money
  CurrencyMismatch: 422,
  UnknownCurrency: 422,
  AmountOutOfRange: 422,
  InvalidAmount: 422,
  InvalidRatio: 422,
  // catalog
  ProductNotFound: 404,
  ProductAlreadyExists: 409,
  ProductIsArchived: 409,
  ProductHasNoVariants: 422,
  InvalidProductName: 422,
  InvalidHandle: 422,
  DescriptionTooLong: 422,
  InvalidOptionDefinition: 422,
  InvalidAttribute: 422,
  VariantAlreadyExists: 409,
  VariantNotFound: 404,
  TooManyVariants: 422,
  DuplicateSku: 422,
  UnknownOption: 422,
  MissingOptionValue: 422,
  OptionValueNotDefined: 422,
  DuplicateOptionCombination: 422,
  InvalidWeight: 422,
  NegativePrice: 422,
  DuplicateCurrencyPrice: 422,
  InvalidTaxClass: 422,
  InvalidCursor: 400,
  SkuInUse: 409,
  DuplicateCategory: 409,
  UnknownParentCategory: 422,
  CategoryCycle: 422,
  CategoryNotFound: 404,
  // inventory
  InsufficientStock: 409,
  InvalidStockQuantity: 422,
  ReservationNotFound: 404,
  ReservationExpired: 409,
  // cart
  CartNotFound: 404,
  CartAlreadyExists: 409,
  CartAlreadyCompleted: 409,
  ProductUnavailable: 422,
  PriceUnavailable: 422,
  QuantityOutOfRange: 422,
  TooManyLines: 422,
  LineNotFound: 404,
  LineIdInUse: 409,
  InvalidPromotionCode: 422,
  TooManyCodes: 422,
  InvalidAddress: 422,
  CartEmpty: 422,
  UnknownVariant: 422,
  PricesIncludeTaxMismatch: 422,
  // pricing
  PriceNotFound: 422,
  InvalidPriceList: 422,
  InvalidPromotion: 422,
  InvalidQuantity: 422,
  InvalidUnitPrice: 422,
  LineCurrencyMismatch: 422,
  InvalidPricingInput: 422,
  // tax and shipping
  InvalidTaxRate: 422,
  InvalidTaxInput: 422,
  UnknownShippingMethod: 422,
  ShippingMethodUnavailable: 422,
  InvalidShippingMethod: 422,
  InvalidShippingInput: 422,
  // idempotency
  IdempotencyKeyReused: 409,
  // order
  OrderNotFound: 404,
  OrderAlreadyPlaced: 409,
  OrderAlreadyCancelled: 409,
  PaymentNotAuthorized: 409,
  PaymentAlreadyAuthorized: 409,
  UnknownPayment: 422,
  CaptureExceedsAuthorized: 422,
  DuplicateCapture: 409,
  NothingToVoid: 409,
  RefundExceedsCaptured: 422,
  DuplicateRefund: 409,
  RefundQuantityExceedsOrdered: 422,
  FulfilmentExceedsOrdered: 422,
  DuplicateShipment: 409,
  UnknownShipment: 422,
  UnknownLine: 422,
  CannotCancelFulfilledOrder: 409,
  CancellationExceedsUnfulfilled: 422,
  CancelWouldEmptyOrder: 422,
  ReturnExceedsFulfilled: 422,
  DuplicateReturn: 409,
  UnknownReturn: 422,
  ReceiptExceedsRequested: 422,
  // payment
  PaymentDeclined: 422,
  PaymentRequiresAction: 422,
  ProviderUnavailable: 503,
  ProviderRejected: 502,
  AmountExceedsCapturable: 422,
  AmountExceedsRefundable: 422,
  PaymentNotFound: 404,
  InvalidPaymentState: 409,
  IdempotencyConflict: 409,
  InvalidWebhookSignature: 400,
  UnsupportedWebhookEvent: 422,
  // checkout
  RequestInProgress: 409,
  CartChanged: 409,
  PaymentMethodNotAllowed: 422,
  SagaHalted: 503,
  CheckoutAttemptExists: 409,
  CheckoutStepConflict: 409,
  // promotion usage (checked when the order is placed)
  UsageLimitReached: 409,
}

const reasonPhrases: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

/** `ProductNotFound` → `Product not found`. */
export const titleOfTag = (tag: string): string => {
  const words = tag.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const isTagged = (value: unknown): value is { readonly _tag: string } & Record<string, unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { _tag?: unknown })._tag === 'string'

/** Fields that never leave the process: driver errors, stacks, secrets a cause might hold. */
const privateFields = new Set(['_tag', 'cause', 'stack', 'message'])

/** Turns a value into what JSON can carry safely: `Date` as ISO text, no functions, no cycles, bounded depth. */
const jsonSafe = (value: unknown, depth = 0): unknown => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (depth > 6 || typeof value !== 'object') return undefined
  if (value instanceof Error) return undefined
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => jsonSafe(v, depth + 1) ?? null)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (privateFields.has(k)) continue
    const safe = jsonSafe(v, depth + 1)
    if (safe !== undefined) out[k] = safe
  }
  return out
}

/** `['body', 'lines', 0, 'sku']` → `/body/lines/0/sku` (RFC 6901 escaping). */
export const toPointer = (path: ReadonlyArray<string | number>): string =>
  path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')

/** A problem for an HTTP-level refusal that is not a Mercato error (no route, no token, body too large). */
export const httpProblem = (status: number, code: string, detail?: string): ProblemDetails => ({
  type: 'about:blank',
  title: reasonPhrases[status] ?? 'Error',
  status,
  code,
  ...(detail === undefined ? {} : { detail }),
})

/** The body of every 500: says nothing about what went wrong inside. */
export const internalProblem = (): ProblemDetails =>
  httpProblem(500, 'InternalError', 'The server could not complete the request.')

/**
 * The problem details for any error value: a Mercato tagged error gets its status from
 * {@link statusByTag} and keeps its fields (not `cause`); `ValidationFailed` lists its fields
 * under `errors`; anything else, including an unknown tag, is a generic 500.
 */
export const toProblem = (error: unknown): ProblemDetails => {
  if (!isTagged(error)) return internalProblem()
  const tag = error._tag
  const status = statusByTag[tag]
  if (status === undefined || status === 500) return internalProblem()
  const base = {
    type: `${errorsPage}#${tag.toLowerCase()}`,
    title: titleOfTag(tag),
    status,
    code: tag,
  }
  if (tag === 'ValidationFailed') {
    const issues = Array.isArray(error.issues) ? (error.issues as ReadonlyArray<unknown>) : []
    const errors = issues.flatMap((issue): ReadonlyArray<FieldError> => {
      if (typeof issue !== 'object' || issue === null) return []
      const { path, message } = issue as { path?: unknown; message?: unknown }
      return [
        {
          pointer: Array.isArray(path) ? toPointer(path as ReadonlyArray<string | number>) : '',
          message: typeof message === 'string' ? message : 'invalid',
        },
      ]
    })
    return { ...base, detail: 'The request has invalid fields.', errors }
  }
  if (tag === 'InfrastructureError')
    return { ...base, detail: 'A backing service failed; retry later.', retryable: error.retryable === true }
  const fields = jsonSafe(error) as Record<string, unknown>
  return { ...fields, ...base }
}
