/**
 * zod schemas for what arrives over HTTP to change a cart, the `parse*` helpers that run them,
 * and parsers for cart and line ids. The shell adds what the request does not carry (cart id,
 * a new line id, the product loaded from the catalog) to make a command; the decider checks the
 * business rules (quantity bounds, code and address formats), so a schema here checks shape
 * and types only.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { z } from 'zod'
import { productIdSchema, productSchema, variantIdSchema } from '../catalog/index.js'
import { type ValidationFailed, validationFailed } from '../kernel/kernel-errors.js'
import { parseInput } from '../kernel/parse-input.js'
import { currencyCodeSchema } from '../money/index.js'
import { parseShippingMethodId } from '../shipping/index.js'
import type { CartId, CartLineId } from './cart.js'
import type { CartCommand } from './cart-decider.js'

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/**
 * Parses a cart id: 1–128 characters of letters, digits and `. _ : -`, starting with a letter or
 * digit.
 *
 * Errors: `ValidationFailed` on `cartId`.
 *
 * @example
 * ```ts
 * import { parseCartId } from '@mercato/core'
 * parseCartId('cart_1')._tag // 'Right'
 * parseCartId('')._tag // 'Left'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const parseCartId = (input: unknown): E.Either<ValidationFailed, CartId> =>
  typeof input === 'string' && idPattern.test(input)
    ? E.right(input as CartId)
    : E.left(validationFailed([{ path: ['cartId'], message: 'not a valid cart id' }]))

/**
 * Parses a cart line id (same rules as {@link parseCartId}).
 *
 * Errors: `ValidationFailed` on `lineId`.
 *
 * @example
 * ```ts
 * import { parseCartLineId } from '@mercato/core'
 * parseCartLineId('line_1')._tag // 'Right'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const parseCartLineId = (input: unknown): E.Either<ValidationFailed, CartLineId> =>
  typeof input === 'string' && idPattern.test(input)
    ? E.right(input as CartLineId)
    : E.left(validationFailed([{ path: ['lineId'], message: 'not a valid cart line id' }]))

const branded = <A>(parse: (input: string) => E.Either<unknown, A>, message: string) =>
  z.string().transform((input, ctx): A => {
    const parsed = parse(input)
    if (E.isLeft(parsed)) {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return parsed.right
  })

/**
 * A cart id (see {@link parseCartId}).
 *
 * @example
 * ```ts
 * import { cartIdSchema } from '@mercato/core'
 * cartIdSchema.safeParse('cart_1').success // true
 * ```
 * @category cart
 * @since 0.1.0
 */
export const cartIdSchema: z.ZodType<CartId, string> = branded(parseCartId, 'not a valid cart id')

/**
 * A cart line id (see {@link parseCartLineId}).
 *
 * @example
 * ```ts
 * import { cartLineIdSchema } from '@mercato/core'
 * cartLineIdSchema.safeParse('line_1').success // true
 * ```
 * @category cart
 * @since 0.1.0
 */
export const cartLineIdSchema: z.ZodType<CartLineId, string> = branded(parseCartLineId, 'not a valid cart line id')

/**
 * The body of "open a cart": a currency and, for a signed-in shopper, the customer id.
 *
 * @example
 * ```ts
 * import { createCartInputSchema } from '@mercato/core'
 * createCartInputSchema.safeParse({ currency: 'EUR' }).success // true
 * ```
 * @category cart
 * @since 0.1.0
 */
export const createCartInputSchema = z.object({
  currency: currencyCodeSchema,
  customerId: z.string().min(1).max(128).exactOptional(),
})

/**
 * The body of "add to cart": which variant of which product, and how many (the decider checks
 * the quantity is a whole number 1–999).
 *
 * @example
 * ```ts
 * import { addLineInputSchema } from '@mercato/core'
 * addLineInputSchema.safeParse({ productId: 'prod_1', variantId: 'var_1', quantity: 2 }).success // true
 * ```
 * @category cart
 * @since 0.1.0
 */
export const addLineInputSchema = z.object({
  productId: productIdSchema,
  variantId: variantIdSchema,
  quantity: z.number(),
})

/**
 * The body of "change a line's quantity" (0 removes the line).
 *
 * @example
 * ```ts
 * import { updateLineQuantityInputSchema } from '@mercato/core'
 * updateLineQuantityInputSchema.safeParse({ quantity: 3 }).success // true
 * ```
 * @category cart
 * @since 0.1.0
 */
export const updateLineQuantityInputSchema = z.object({ quantity: z.number() })

/**
 * The body of "apply a code" and "remove a code". At most 256 characters arrive; the decider
 * allows 64 once normalised.
 *
 * @example
 * ```ts
 * import { promotionCodeInputSchema } from '@mercato/core'
 * promotionCodeInputSchema.safeParse({ code: 'summer10' }).success // true
 * ```
 * @category cart
 * @since 0.1.0
 */
export const promotionCodeInputSchema = z.object({ code: z.string().max(256) })

/**
 * A postal address as it arrives: `country` is required; the decider checks its format (ISO
 * 3166-1 alpha-2, upper case) and the other fields' lengths. At most 1,000 characters a field
 * arrive.
 *
 * @example
 * ```ts
 * import { cartAddressSchema } from '@mercato/core'
 * cartAddressSchema.safeParse({ line1: '1 Main St', city: 'Springfield', country: 'US' }).success // true
 * ```
 * @category cart
 * @since 0.1.0
 */
export const cartAddressSchema = z.object({
  name: z.string().max(1_000).exactOptional(),
  line1: z.string().max(1_000).exactOptional(),
  line2: z.string().max(1_000).exactOptional(),
  city: z.string().max(1_000).exactOptional(),
  postalCode: z.string().max(1_000).exactOptional(),
  region: z.string().max(1_000).exactOptional(),
  country: z.string().max(1_000),
})

/**
 * The body of "choose a shipping method".
 *
 * @example
 * ```ts
 * import { chooseShippingMethodInputSchema } from '@mercato/core'
 * chooseShippingMethodInputSchema.safeParse({ methodId: 'express' }).success // true
 * ```
 * @category cart
 * @since 0.1.0
 */
export const chooseShippingMethodInputSchema = z.object({
  methodId: branded(parseShippingMethodId, 'not a valid shipping method id'),
})

/**
 * Parses the body of "open a cart".
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link createCartInputSchema}.
 *
 * @example
 * ```ts
 * import { parseCreateCartInput } from '@mercato/core'
 * parseCreateCartInput({ currency: 'usd' })._tag // 'Left'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const parseCreateCartInput = parseInput(createCartInputSchema)

/**
 * Parses the body of "add to cart".
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link addLineInputSchema}.
 *
 * @example
 * ```ts
 * import { parseAddLineInput } from '@mercato/core'
 * parseAddLineInput({ productId: 'prod_1', variantId: 'var_1', quantity: '2' })._tag // 'Left'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const parseAddLineInput = parseInput(addLineInputSchema)

/**
 * Parses the body of "change a line's quantity".
 *
 * Errors: `ValidationFailed` when `quantity` is not a number.
 *
 * @example
 * ```ts
 * import { parseUpdateLineQuantityInput } from '@mercato/core'
 * parseUpdateLineQuantityInput({ quantity: 0 })._tag // 'Right'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const parseUpdateLineQuantityInput = parseInput(updateLineQuantityInputSchema)

/**
 * Parses the body of "apply a code" or "remove a code".
 *
 * Errors: `ValidationFailed` when `code` is not a string of at most 256 characters.
 *
 * @example
 * ```ts
 * import { parsePromotionCodeInput } from '@mercato/core'
 * parsePromotionCodeInput({ code: 42 })._tag // 'Left'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const parsePromotionCodeInput = parseInput(promotionCodeInputSchema)

/**
 * Parses an address.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link cartAddressSchema}.
 *
 * @example
 * ```ts
 * import { parseCartAddress } from '@mercato/core'
 * parseCartAddress({ city: 'Paris' })._tag // 'Left' — country is required
 * ```
 * @category cart
 * @since 0.1.0
 */
export const parseCartAddress = parseInput(cartAddressSchema)

/**
 * Parses the body of "choose a shipping method".
 *
 * Errors: `ValidationFailed` when `methodId` is not a valid shipping method id.
 *
 * @example
 * ```ts
 * import { parseChooseShippingMethodInput } from '@mercato/core'
 * parseChooseShippingMethodInput({ methodId: 'no spaces' })._tag // 'Left'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const parseChooseShippingMethodInput = parseInput(chooseShippingMethodInputSchema)

const methodIdSchema = branded(parseShippingMethodId, 'not a valid shipping method id')

/**
 * Any cart command as the decider takes it (told apart by `_tag`), with the product of `AddLine`
 * in full. `decideCart` checks every command against it first; a shell builds commands from the
 * input schemas above and needs it only for commands that arrive whole (a queue, a replay).
 *
 * @example
 * ```ts
 * import { cartCommandSchema } from '@mercato/core'
 * cartCommandSchema.safeParse({ _tag: 'CompleteCart', cartId: 'cart_1' }).success // true
 * ```
 * @category cart
 * @since 0.1.0
 */
export const cartCommandSchema = z.discriminatedUnion('_tag', [
  z.object({
    _tag: z.literal('CreateCart'),
    cartId: cartIdSchema,
    currency: currencyCodeSchema,
    customerId: z.string().min(1).max(128).exactOptional(),
  }),
  z.object({
    _tag: z.literal('AddLine'),
    cartId: cartIdSchema,
    lineId: cartLineIdSchema,
    product: productSchema,
    variantId: variantIdSchema,
    quantity: z.number(),
  }),
  z.object({
    _tag: z.literal('UpdateLineQuantity'),
    cartId: cartIdSchema,
    lineId: cartLineIdSchema,
    quantity: z.number(),
  }),
  z.object({ _tag: z.literal('RemoveLine'), cartId: cartIdSchema, lineId: cartLineIdSchema }),
  z.object({ _tag: z.literal('ApplyCode'), cartId: cartIdSchema, code: z.string() }),
  z.object({ _tag: z.literal('RemoveCode'), cartId: cartIdSchema, code: z.string() }),
  z.object({ _tag: z.literal('SetShippingAddress'), cartId: cartIdSchema, address: cartAddressSchema }),
  z.object({ _tag: z.literal('SetBillingAddress'), cartId: cartIdSchema, address: cartAddressSchema }),
  z.object({ _tag: z.literal('ChooseShippingMethod'), cartId: cartIdSchema, methodId: methodIdSchema }),
  z.object({ _tag: z.literal('CompleteCart'), cartId: cartIdSchema }),
])

/**
 * Parses any cart command.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link cartCommandSchema}.
 *
 * @example
 * ```ts
 * import { parseCartCommand } from '@mercato/core'
 * parseCartCommand({ _tag: 'CompleteCart' })._tag // 'Left' — cartId is missing
 * ```
 * @category cart
 * @since 0.1.0
 */
export const parseCartCommand: (input: unknown) => E.Either<ValidationFailed, CartCommand> =
  parseInput(cartCommandSchema)
