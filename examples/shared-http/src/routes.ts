/**
 * The HTTP API of the example stores, as one table: method, path, zod schemas (from
 * `@mercato/core` where it has them) and a handler that calls the promise facade. Both apps
 * mount exactly this table, so they answer the same requests the same way.
 *
 * Public: catalog browse and search, product detail, carts, checkout (with an
 * `Idempotency-Key` header), order detail, shipping methods. Admin (bearer token): products,
 * prices, stock, promotions, orders (list, capture, fulfil, cancel, refund, returns).
 *
 * @module
 */
import {
  addLineInputSchema,
  addVariantCommandSchema,
  type CommercePromiseApi,
  cartAddressSchema,
  chooseShippingMethodInputSchema,
  createCartInputSchema,
  createProductCommandSchema,
  priceListSchema,
  promotionCodeInputSchema,
  promotionSchema,
  type ShippingConfig,
  setVariantPriceCommandSchema,
  updateLineQuantityInputSchema,
  updateProductCommandSchema,
  updateVariantCommandSchema,
} from '@mercato/core'
import { z } from 'zod'
import { type HttpResponse, headerValue, type Route, route } from './http-route.js'
import { openApiDocument } from './openapi.js'

/** What the routes need from the running store. */
export interface RouteDeps {
  readonly api: CommercePromiseApi
  readonly shipping: ShippingConfig
  /** Whether the database answers (for `/ready`). */
  readonly ready: () => Promise<boolean>
  readonly version?: string
}

// ---------------------------------------------------------------------------------------------
// Schemas of the HTTP layer (query strings arrive as text; ids are checked by the facade)
// ---------------------------------------------------------------------------------------------

const id = z.string().min(1).max(128)
const productParams = z.object({ productId: id })
const variantParams = z.object({ productId: id, variantId: id })
const cartParams = z.object({ cartId: id })
const lineParams = z.object({ cartId: id, lineId: id })
const codeParams = z.object({ cartId: id, code: z.string().min(1).max(256) })
const orderParams = z.object({ orderId: id })
const skuParams = z.object({ sku: z.string().min(1).max(64) })
const limit = z.coerce.number().int().min(1).max(100).optional()
const cursor = z.string().min(1).max(1_000).optional()

/** `GET /products`: published products, filtered and paged with a cursor. */
export const productListQuery = z.object({
  q: z.string().max(200).optional().describe('text search in name and description'),
  category: id.optional(),
  limit,
  cursor,
})
const adminProductListQuery = productListQuery.extend({
  status: z.enum(['draft', 'published', 'archived']).optional(),
})

const createProductBody = createProductCommandSchema
  .omit({ _tag: true, at: true, productId: true })
  .extend({ productId: id.optional() })
const updateProductBody = updateProductCommandSchema.shape.changes
const addVariantBody = addVariantCommandSchema.shape.variant.partial({ id: true })
const updateVariantBody = updateVariantCommandSchema.shape.changes
const setPriceBody = setVariantPriceCommandSchema.shape.price
const setStockBody = z.object({
  onHand: z.number().int(),
  locationId: id.optional(),
  reference: z.string().max(200).optional(),
})
const adjustStockBody = z.object({
  delta: z.number().int(),
  reason: z.enum(['received', 'sold', 'returned', 'damaged', 'correction', 'count']),
  locationId: id.optional(),
  reference: z.string().max(200).optional(),
})
const shippingMethodsQuery = z.object({ currency: z.string().length(3).optional() })

/** `POST /checkout`: which cart, how to pay, and a receipt address. The key is a header. */
export const checkoutBody = z.object({
  cartId: id,
  payment: z.object({ method: z.string().min(1).max(64) }),
  email: z.email().max(320).optional(),
  customerId: id.optional(),
})
const idempotencyKey = z.string().min(1).max(255)

const orderLines = z
  .array(z.object({ lineId: id, quantity: z.number().int().min(1) }))
  .min(1)
  .max(1_000)
const csv = z
  .string()
  .max(500)
  .transform((s) => s.split(',').filter((x) => x.length > 0))
  .optional()
const orderListQuery = z.object({
  status: csv,
  paymentStatus: csv,
  fulfilmentStatus: csv,
  customerId: id.optional(),
  placedFrom: z.iso.datetime({ offset: true }).optional(),
  placedTo: z.iso.datetime({ offset: true }).optional(),
  limit,
  cursor,
})
const captureBody = z.object({ amount: z.number().int().min(1).optional() })
const fulfilBody = z.object({
  lines: orderLines,
  shipmentId: id.optional(),
  carrier: z.string().max(100).optional(),
  trackingNumber: z.string().max(100).optional(),
})
const deliveredBody = z.object({ shipmentId: id })
const cancelBody = z.object({ reason: z.string().min(1).max(500) })
const refundBody = z.object({
  amount: z.number().int().min(1).optional(),
  lines: orderLines.optional(),
  reason: z.string().max(500).optional(),
})
const returnBody = z.object({ lines: orderLines, returnId: id.optional(), reason: z.string().max(500).optional() })
const receiveBody = z.object({ lines: orderLines, restock: z.boolean() })
const returnParams = z.object({ orderId: id, returnId: id })

/** Drops keys whose value is `undefined` (inputs use exact optional properties). */
const defined = <T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }

const json = (status: number, body: unknown): HttpResponse => ({ status, body })

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/** Every route of the example API, in the order the OpenAPI document lists them. */
export const createRoutes = (deps: RouteDeps): ReadonlyArray<Route> => {
  const { api } = deps
  const routes: Array<Route> = [
    // -- operations --------------------------------------------------------------------------
    route({
      method: 'GET',
      path: '/health',
      operationId: 'health',
      summary: 'The process is up',
      tag: 'operations',
      handle: async () => json(200, { status: 'ok' }),
    }),
    route({
      method: 'GET',
      path: '/ready',
      operationId: 'ready',
      summary: 'The database answers: the instance can take traffic',
      tag: 'operations',
      handle: async () =>
        (await deps.ready().catch(() => false))
          ? json(200, { status: 'ready' })
          : {
              status: 503,
              body: { type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'NotReady' },
              headers: { 'content-type': 'application/problem+json' },
            },
    }),

    // -- catalog -----------------------------------------------------------------------------
    route({
      method: 'GET',
      path: '/products',
      operationId: 'listProducts',
      summary: 'Published products: text search, category filter, cursor pagination',
      tag: 'catalog',
      query: productListQuery,
      handle: ({ query }) =>
        api.catalog.listProducts(
          defined({
            status: 'published' as const,
            text: query.q,
            categoryId: query.category,
            limit: query.limit,
            cursor: query.cursor,
          }),
        ),
    }),
    route({
      method: 'GET',
      path: '/products/:productId',
      operationId: 'getProduct',
      summary: 'A product with its variants and prices',
      tag: 'catalog',
      params: productParams,
      handle: async ({ params }) => {
        const result = await api.catalog.getProduct(params.productId)
        // Drafts and archived products are not the public's business.
        if (result.ok && result.value.status !== 'published')
          return { ok: false, error: { _tag: 'ProductNotFound', productId: params.productId } }
        return result
      },
    }),
    route({
      method: 'GET',
      path: '/shipping-methods',
      operationId: 'listShippingMethods',
      summary: 'The shipping methods, optionally only those priced in one currency',
      tag: 'cart',
      query: shippingMethodsQuery,
      handle: async ({ query }) =>
        json(200, {
          zones: deps.shipping.zones,
          methods: deps.shipping.methods.filter((m) => query.currency === undefined || m.currency === query.currency),
        }),
    }),

    // -- cart --------------------------------------------------------------------------------
    route({
      method: 'POST',
      path: '/carts',
      operationId: 'createCart',
      summary: 'Open a cart in a currency',
      tag: 'cart',
      body: createCartInputSchema,
      successStatus: 201,
      handle: ({ body }) => api.cart.create(body),
    }),
    route({
      method: 'GET',
      path: '/carts/:cartId',
      operationId: 'getCart',
      summary: 'A cart with every total and why each promotion applied',
      tag: 'cart',
      params: cartParams,
      handle: ({ params }) => api.cart.get(params.cartId),
    }),
    route({
      method: 'POST',
      path: '/carts/:cartId/items',
      operationId: 'addCartItem',
      summary: 'Add a variant to the cart',
      tag: 'cart',
      params: cartParams,
      body: addLineInputSchema,
      handle: ({ params, body }) => api.cart.addItem({ cartId: params.cartId, ...body }),
    }),
    route({
      method: 'PATCH',
      path: '/carts/:cartId/items/:lineId',
      operationId: 'updateCartItem',
      summary: "Change a line's quantity (0 removes it)",
      tag: 'cart',
      params: lineParams,
      body: updateLineQuantityInputSchema,
      handle: ({ params, body }) =>
        api.cart.updateItem({ cartId: params.cartId, lineId: params.lineId, quantity: body.quantity }),
    }),
    route({
      method: 'DELETE',
      path: '/carts/:cartId/items/:lineId',
      operationId: 'removeCartItem',
      summary: 'Remove a line',
      tag: 'cart',
      params: lineParams,
      handle: ({ params }) => api.cart.removeItem({ cartId: params.cartId, lineId: params.lineId }),
    }),
    route({
      method: 'POST',
      path: '/carts/:cartId/codes',
      operationId: 'applyPromotionCode',
      summary: 'Apply a promotion code',
      tag: 'cart',
      params: cartParams,
      body: promotionCodeInputSchema,
      handle: ({ params, body }) => api.cart.applyCode({ cartId: params.cartId, code: body.code }),
    }),
    route({
      method: 'DELETE',
      path: '/carts/:cartId/codes/:code',
      operationId: 'removePromotionCode',
      summary: 'Remove a promotion code',
      tag: 'cart',
      params: codeParams,
      handle: ({ params }) => api.cart.removeCode({ cartId: params.cartId, code: params.code }),
    }),
    route({
      method: 'PUT',
      path: '/carts/:cartId/shipping-address',
      operationId: 'setShippingAddress',
      summary: 'Set where the order ships (decides tax and shipping)',
      tag: 'cart',
      params: cartParams,
      body: cartAddressSchema,
      handle: ({ params, body }) => api.cart.setShippingAddress({ cartId: params.cartId, address: body }),
    }),
    route({
      method: 'PUT',
      path: '/carts/:cartId/billing-address',
      operationId: 'setBillingAddress',
      summary: 'Set the billing address',
      tag: 'cart',
      params: cartParams,
      body: cartAddressSchema,
      handle: ({ params, body }) => api.cart.setBillingAddress({ cartId: params.cartId, address: body }),
    }),
    route({
      method: 'PUT',
      path: '/carts/:cartId/shipping-method',
      operationId: 'chooseShippingMethod',
      summary: 'Choose a shipping method',
      tag: 'cart',
      params: cartParams,
      body: chooseShippingMethodInputSchema,
      handle: ({ params, body }) => api.cart.chooseShipping({ cartId: params.cartId, methodId: body.methodId }),
    }),

    // -- checkout and orders -----------------------------------------------------------------
    route({
      method: 'POST',
      path: '/checkout',
      operationId: 'placeOrder',
      summary: 'Place an order from a cart; a repeated Idempotency-Key returns the first result',
      tag: 'checkout',
      body: checkoutBody,
      successStatus: 201,
      requestHeaders: [
        { name: 'Idempotency-Key', required: true, description: 'One per checkout attempt; retries reuse it' },
      ],
      handle: async ({ body, request }) => {
        const key = idempotencyKey.safeParse(headerValue(request, 'idempotency-key'))
        if (!key.success)
          return {
            ok: false,
            error: {
              _tag: 'ValidationFailed',
              issues: [{ path: ['headers', 'idempotency-key'], message: 'required: 1-255 characters' }],
            },
          }
        return api.checkout.placeOrder({ ...defined(body), idempotencyKey: key.data })
      },
    }),
    route({
      method: 'GET',
      path: '/orders/:orderId',
      operationId: 'getOrder',
      summary: 'An order: status, lines, totals, payments, shipments',
      tag: 'orders',
      params: orderParams,
      handle: ({ params }) => api.orders.get(params.orderId),
    }),
    route({
      method: 'POST',
      path: '/webhooks/payments',
      operationId: 'paymentWebhook',
      summary: "The payment provider's webhook (signature checked on the raw body)",
      tag: 'payments',
      handle: ({ request }) => api.payments.handleWebhook({ rawBody: request.rawBody ?? '', headers: request.headers }),
    }),

    // -- admin: catalog, pricing, stock -------------------------------------------------------
    route({
      method: 'GET',
      path: '/admin/products',
      operationId: 'adminListProducts',
      summary: 'Products in any status',
      tag: 'admin',
      admin: true,
      query: adminProductListQuery,
      handle: ({ query }) =>
        api.catalog.listProducts(
          defined({
            status: query.status,
            text: query.q,
            categoryId: query.category,
            limit: query.limit,
            cursor: query.cursor,
          }),
        ),
    }),
    route({
      method: 'GET',
      path: '/admin/products/:productId',
      operationId: 'adminGetProduct',
      summary: 'A product in any status',
      tag: 'admin',
      admin: true,
      params: productParams,
      handle: ({ params }) => api.catalog.getProduct(params.productId),
    }),
    route({
      method: 'POST',
      path: '/admin/products',
      operationId: 'createProduct',
      summary: 'Create a product (a draft)',
      tag: 'admin',
      admin: true,
      body: createProductBody,
      successStatus: 201,
      handle: ({ body }) => api.catalog.createProduct(defined(body)),
    }),
    route({
      method: 'PATCH',
      path: '/admin/products/:productId',
      operationId: 'updateProduct',
      summary: "Change a product's name, handle, description, categories, options or attributes",
      tag: 'admin',
      admin: true,
      params: productParams,
      body: updateProductBody,
      handle: ({ params, body }) => api.catalog.updateProduct({ productId: params.productId, changes: body }),
    }),
    route({
      method: 'POST',
      path: '/admin/products/:productId/variants',
      operationId: 'addVariant',
      summary: 'Add a variant with its prices',
      tag: 'admin',
      admin: true,
      params: productParams,
      body: addVariantBody,
      successStatus: 201,
      handle: ({ params, body }) => api.catalog.addVariant({ productId: params.productId, variant: defined(body) }),
    }),
    route({
      method: 'PATCH',
      path: '/admin/products/:productId/variants/:variantId',
      operationId: 'updateVariant',
      summary: "Change a variant's SKU, options, weight, attributes or tax class",
      tag: 'admin',
      admin: true,
      params: variantParams,
      body: updateVariantBody,
      handle: ({ params, body }) =>
        api.catalog.updateVariant({ productId: params.productId, variantId: params.variantId, changes: body }),
    }),
    route({
      method: 'PUT',
      path: '/admin/products/:productId/variants/:variantId/price',
      operationId: 'setVariantPrice',
      summary: "Set a variant's price in one currency",
      tag: 'admin',
      admin: true,
      params: variantParams,
      body: setPriceBody,
      handle: ({ params, body }) =>
        api.catalog.setVariantPrice({ productId: params.productId, variantId: params.variantId, price: body }),
    }),
    route({
      method: 'POST',
      path: '/admin/products/:productId/publish',
      operationId: 'publishProduct',
      summary: 'Publish a product',
      tag: 'admin',
      admin: true,
      params: productParams,
      handle: ({ params }) => api.catalog.publishProduct({ productId: params.productId }),
    }),
    route({
      method: 'POST',
      path: '/admin/products/:productId/archive',
      operationId: 'archiveProduct',
      summary: 'Archive a product',
      tag: 'admin',
      admin: true,
      params: productParams,
      handle: ({ params }) => api.catalog.archiveProduct({ productId: params.productId }),
    }),
    route({
      method: 'POST',
      path: '/admin/promotions',
      operationId: 'savePromotion',
      summary: 'Create or replace a promotion',
      tag: 'admin',
      admin: true,
      body: promotionSchema,
      handle: ({ request }) => api.pricing.savePromotion(request.body),
    }),
    route({
      method: 'POST',
      path: '/admin/price-lists',
      operationId: 'savePriceList',
      summary: 'Create or replace a price list',
      tag: 'admin',
      admin: true,
      body: priceListSchema,
      handle: ({ request }) => api.pricing.savePriceList(request.body),
    }),
    route({
      method: 'GET',
      path: '/admin/stock/:sku',
      operationId: 'getStock',
      summary: 'Stock of a SKU: on hand, reserved, available',
      tag: 'admin',
      admin: true,
      params: skuParams,
      handle: ({ params }) => api.inventory.getStock({ sku: params.sku }),
    }),
    route({
      method: 'PUT',
      path: '/admin/stock/:sku',
      operationId: 'setStock',
      summary: 'Set the units on hand of a SKU',
      tag: 'admin',
      admin: true,
      params: skuParams,
      body: setStockBody,
      handle: ({ params, body }) => api.inventory.setStock({ sku: params.sku, ...defined(body) }),
    }),
    route({
      method: 'POST',
      path: '/admin/stock/:sku/adjustments',
      operationId: 'adjustStock',
      summary: 'Adjust the units on hand of a SKU, with a reason',
      tag: 'admin',
      admin: true,
      params: skuParams,
      body: adjustStockBody,
      handle: ({ params, body }) => api.inventory.adjustStock({ sku: params.sku, ...defined(body) }),
    }),

    // -- admin: orders -----------------------------------------------------------------------
    route({
      method: 'GET',
      path: '/admin/orders',
      operationId: 'listOrders',
      summary: 'Orders, newest first, filtered by status, payment, fulfilment, customer, date',
      tag: 'admin',
      admin: true,
      query: orderListQuery,
      handle: ({ query }) => api.orders.list(defined(query)),
    }),
    route({
      method: 'POST',
      path: '/admin/orders/:orderId/capture',
      operationId: 'captureOrder',
      summary: 'Capture the authorized payment (all, or an amount in minor units)',
      tag: 'admin',
      admin: true,
      params: orderParams,
      body: captureBody,
      handle: ({ params, body }) => api.orders.capture({ orderId: params.orderId, ...defined(body) }),
    }),
    route({
      method: 'POST',
      path: '/admin/orders/:orderId/fulfilments',
      operationId: 'fulfilOrder',
      summary: 'Ship lines of an order',
      tag: 'admin',
      admin: true,
      params: orderParams,
      body: fulfilBody,
      handle: ({ params, body }) => api.orders.fulfil({ orderId: params.orderId, ...defined(body) }),
    }),
    route({
      method: 'POST',
      path: '/admin/orders/:orderId/deliveries',
      operationId: 'markDelivered',
      summary: 'Mark a shipment delivered',
      tag: 'admin',
      admin: true,
      params: orderParams,
      body: deliveredBody,
      handle: ({ params, body }) => api.orders.markDelivered({ orderId: params.orderId, shipmentId: body.shipmentId }),
    }),
    route({
      method: 'POST',
      path: '/admin/orders/:orderId/cancel',
      operationId: 'cancelOrder',
      summary: 'Cancel an order (voids or refunds the payment, releases stock)',
      tag: 'admin',
      admin: true,
      params: orderParams,
      body: cancelBody,
      handle: ({ params, body }) => api.orders.cancel({ orderId: params.orderId, reason: body.reason }),
    }),
    route({
      method: 'POST',
      path: '/admin/orders/:orderId/refunds',
      operationId: 'refundOrder',
      summary: 'Refund an amount or lines',
      tag: 'admin',
      admin: true,
      params: orderParams,
      body: refundBody,
      handle: ({ params, body }) => api.orders.refund({ orderId: params.orderId, ...defined(body) }),
    }),
    route({
      method: 'POST',
      path: '/admin/orders/:orderId/returns',
      operationId: 'requestReturn',
      summary: 'Record a return request',
      tag: 'admin',
      admin: true,
      params: orderParams,
      body: returnBody,
      handle: ({ params, body }) => api.orders.requestReturn({ orderId: params.orderId, ...defined(body) }),
    }),
    route({
      method: 'POST',
      path: '/admin/orders/:orderId/returns/:returnId/receive',
      operationId: 'receiveReturn',
      summary: 'Receive returned goods (optionally back into stock)',
      tag: 'admin',
      admin: true,
      params: returnParams,
      body: receiveBody,
      handle: ({ params, body }) =>
        api.orders.receiveReturn({ orderId: params.orderId, returnId: params.returnId, ...body }),
    }),
    route({
      method: 'POST',
      path: '/admin/maintenance/recover',
      operationId: 'recover',
      summary: 'Finish or compensate checkouts left behind, expire reservations',
      tag: 'admin',
      admin: true,
      handle: () => api.maintenance.recover(),
    }),
    route({
      method: 'POST',
      path: '/admin/maintenance/relay-outbox',
      operationId: 'relayOutbox',
      summary: 'Publish pending outbox events to the event bus',
      tag: 'admin',
      admin: true,
      handle: () => api.maintenance.relayOutbox(),
    }),
  ]
  const document = openApiDocument(routes, {
    title: 'Mercato example store',
    version: deps.version ?? '0.0.0',
    description: 'The HTTP API both example stores (Fastify, Express) serve over @mercato/core.',
  })
  routes.push(
    route({
      method: 'GET',
      path: '/openapi.json',
      operationId: 'openapi',
      summary: 'This document',
      tag: 'operations',
      handle: async () => json(200, document),
    }),
  )
  return routes
}
