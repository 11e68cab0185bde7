/**
 * The cart aggregate as a decider: commands a shopper's cart receives (lines, promotion codes,
 * addresses, shipping method, completion), the events they produce, and how the events fold
 * into a {@link Cart}. Products arrive in commands already loaded by the shell, so deciding
 * stays pure.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { findVariant, type Product, priceIn, type VariantId, variantNotFound, variantTitle } from '../catalog/index.js'
import type { Address } from '../kernel/address.js'
import type { Decider } from '../kernel/decider.js'
import { type CurrencyCode, unsafeCurrency } from '../money/index.js'
import { normalizePromotionCode } from '../pricing/index.js'
import type { ShippingMethodId } from '../shipping/index.js'
import type { Cart, CartId, CartLine, CartLineId } from './cart.js'
import {
  type AddressField,
  type CartError,
  cartAlreadyCompleted,
  cartAlreadyExists,
  cartEmpty,
  cartNotFound,
  type InvalidAddress,
  type InvalidPromotionCode,
  invalidAddress,
  invalidPromotionCode,
  lineIdInUse,
  lineNotFound,
  priceUnavailable,
  productUnavailable,
  quantityOutOfRange,
  tooManyCodes,
  tooManyLines,
} from './cart-errors.js'
import { parseCartCommand } from './cart-schemas.js'

/**
 * The limits the cart decider enforces.
 *
 * @example
 * ```ts
 * import { cartLimits } from '@mercato/core'
 * cartLimits.maxQuantity // 999
 * ```
 * @category cart
 * @since 0.1.0
 */
export const cartLimits = {
  minQuantity: 1,
  maxQuantity: 999,
  maxLines: 500,
  maxCodes: 5,
  codeMaxLength: 64,
  addressFieldMaxLength: 200,
} as const

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/**
 * Opens a cart in a currency, for a known customer or a guest.
 *
 * @category cart
 * @since 0.1.0
 */
export interface CreateCart {
  readonly _tag: 'CreateCart'
  readonly cartId: CartId
  readonly currency: CurrencyCode
  readonly customerId?: string
}

/**
 * Adds `quantity` of a variant of `product` (loaded by the shell). If the cart already has a
 * line for that variant, its quantity grows instead and `lineId` is not used.
 *
 * @category cart
 * @since 0.1.0
 */
export interface AddLine {
  readonly _tag: 'AddLine'
  readonly cartId: CartId
  readonly lineId: CartLineId
  readonly product: Product
  readonly variantId: VariantId
  readonly quantity: number
}

/**
 * Sets a line's quantity; 0 removes the line.
 *
 * @category cart
 * @since 0.1.0
 */
export interface UpdateLineQuantity {
  readonly _tag: 'UpdateLineQuantity'
  readonly cartId: CartId
  readonly lineId: CartLineId
  readonly quantity: number
}

/**
 * Removes a line.
 *
 * @category cart
 * @since 0.1.0
 */
export interface RemoveLine {
  readonly _tag: 'RemoveLine'
  readonly cartId: CartId
  readonly lineId: CartLineId
}

/**
 * Enters a promotion code. Codes are normalised (trimmed, upper case); entering a code the cart
 * already has changes nothing. Whether the code is worth anything is for pricing to say.
 *
 * @category cart
 * @since 0.1.0
 */
export interface ApplyCode {
  readonly _tag: 'ApplyCode'
  readonly cartId: CartId
  readonly code: string
}

/**
 * Takes a promotion code off (normalised the same way); a code the cart does not have changes
 * nothing.
 *
 * @category cart
 * @since 0.1.0
 */
export interface RemoveCode {
  readonly _tag: 'RemoveCode'
  readonly cartId: CartId
  readonly code: string
}

/**
 * Sets where the order ships.
 *
 * @category cart
 * @since 0.1.0
 */
export interface SetShippingAddress {
  readonly _tag: 'SetShippingAddress'
  readonly cartId: CartId
  readonly address: Address
}

/**
 * Sets the billing address.
 *
 * @category cart
 * @since 0.1.0
 */
export interface SetBillingAddress {
  readonly _tag: 'SetBillingAddress'
  readonly cartId: CartId
  readonly address: Address
}

/**
 * Chooses a shipping method. Whether it serves the address is for pricing to say.
 *
 * @category cart
 * @since 0.1.0
 */
export interface ChooseShippingMethod {
  readonly _tag: 'ChooseShippingMethod'
  readonly cartId: CartId
  readonly methodId: ShippingMethodId
}

/**
 * Marks the cart completed, once an order was placed from it. The cart needs at least one line.
 *
 * @category cart
 * @since 0.1.0
 */
export interface CompleteCart {
  readonly _tag: 'CompleteCart'
  readonly cartId: CartId
}

/**
 * Every command of the cart decider.
 *
 * @category cart
 * @since 0.1.0
 */
export type CartCommand =
  | CreateCart
  | AddLine
  | UpdateLineQuantity
  | RemoveLine
  | ApplyCode
  | RemoveCode
  | SetShippingAddress
  | SetBillingAddress
  | ChooseShippingMethod
  | CompleteCart

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/**
 * A cart was opened.
 *
 * @category cart
 * @since 0.1.0
 */
export interface CartCreated {
  readonly _tag: 'CartCreated'
  readonly cartId: CartId
  readonly currency: CurrencyCode
  readonly customerId?: string
}

/**
 * A line was added, with the catalog facts copied from the product.
 *
 * @category cart
 * @since 0.1.0
 */
export interface LineAdded {
  readonly _tag: 'LineAdded'
  readonly cartId: CartId
  readonly line: CartLine
}

/**
 * A line's quantity changed to `quantity`.
 *
 * @category cart
 * @since 0.1.0
 */
export interface LineQuantityChanged {
  readonly _tag: 'LineQuantityChanged'
  readonly cartId: CartId
  readonly lineId: CartLineId
  readonly quantity: number
}

/**
 * A line was removed.
 *
 * @category cart
 * @since 0.1.0
 */
export interface LineRemoved {
  readonly _tag: 'LineRemoved'
  readonly cartId: CartId
  readonly lineId: CartLineId
}

/**
 * A promotion code (normalised) was entered.
 *
 * @category cart
 * @since 0.1.0
 */
export interface CodeApplied {
  readonly _tag: 'CodeApplied'
  readonly cartId: CartId
  readonly code: string
}

/**
 * A promotion code (normalised) was taken off.
 *
 * @category cart
 * @since 0.1.0
 */
export interface CodeRemoved {
  readonly _tag: 'CodeRemoved'
  readonly cartId: CartId
  readonly code: string
}

/**
 * The shipping address was set (normalised: fields trimmed, blank optional fields left out).
 *
 * @category cart
 * @since 0.1.0
 */
export interface ShippingAddressSet {
  readonly _tag: 'ShippingAddressSet'
  readonly cartId: CartId
  readonly address: Address
}

/**
 * The billing address was set (normalised like the shipping address).
 *
 * @category cart
 * @since 0.1.0
 */
export interface BillingAddressSet {
  readonly _tag: 'BillingAddressSet'
  readonly cartId: CartId
  readonly address: Address
}

/**
 * A shipping method was chosen.
 *
 * @category cart
 * @since 0.1.0
 */
export interface ShippingMethodChosen {
  readonly _tag: 'ShippingMethodChosen'
  readonly cartId: CartId
  readonly methodId: ShippingMethodId
}

/**
 * The cart was completed; it accepts no more commands.
 *
 * @category cart
 * @since 0.1.0
 */
export interface CartCompleted {
  readonly _tag: 'CartCompleted'
  readonly cartId: CartId
}

/**
 * Every event of the cart decider.
 *
 * @category cart
 * @since 0.1.0
 */
export type CartEvent =
  | CartCreated
  | LineAdded
  | LineQuantityChanged
  | LineRemoved
  | CodeApplied
  | CodeRemoved
  | ShippingAddressSet
  | BillingAddressSet
  | ShippingMethodChosen
  | CartCompleted

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

const isQuantity = (quantity: number): boolean =>
  Number.isSafeInteger(quantity) && quantity >= cartLimits.minQuantity && quantity <= cartLimits.maxQuantity

const outOfRange = (quantity: number) =>
  E.left(quantityOutOfRange(quantity, cartLimits.minQuantity, cartLimits.maxQuantity))

const lengthOf = (text: string): number => [...text].length

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/

const checkCode = (code: string): E.Either<InvalidPromotionCode, string> => {
  const normalised = normalizePromotionCode(code)
  if (normalised.length === 0) return E.left(invalidPromotionCode(code, 'empty'))
  if (lengthOf(normalised) > cartLimits.codeMaxLength) return E.left(invalidPromotionCode(code, 'too-long'))
  if (controlCharacters.test(normalised)) return E.left(invalidPromotionCode(code, 'bad-characters'))
  return E.right(normalised)
}

const countryPattern = /^[A-Z]{2}$/
const regionPattern = /^[A-Z0-9]{1,3}$/
const textFields = ['name', 'line1', 'line2', 'city', 'postalCode'] as const

const checkAddress = (address: Address): E.Either<InvalidAddress, Address> => {
  const country = address.country.trim()
  if (!countryPattern.test(country)) return E.left(invalidAddress('country', 'bad-format'))
  const result: { -readonly [K in keyof Address]: Address[K] } = { country }
  const region = address.region?.trim()
  if (region !== undefined && region.length > 0) {
    if (!regionPattern.test(region)) return E.left(invalidAddress('region', 'bad-format'))
    result.region = region
  }
  for (const field of textFields) {
    const value = address[field]?.trim()
    if (value === undefined || value.length === 0) continue
    if (lengthOf(value) > cartLimits.addressFieldMaxLength) return E.left(invalidAddress(field, 'too-long'))
    result[field] = value
  }
  return E.right(result)
}

const addressFields: ReadonlyArray<AddressField> = ['name', 'line1', 'line2', 'city', 'postalCode', 'region', 'country']

const sameAddress = (a: Address | undefined, b: Address): boolean =>
  a !== undefined && addressFields.every((field) => a[field] === b[field])

// ---------------------------------------------------------------------------------------------
// decide
// ---------------------------------------------------------------------------------------------

type Decision = E.Either<CartError, ReadonlyArray<CartEvent>>

const none: Decision = E.right([])
const emit = (event: CartEvent): Decision => E.right([event])

const decideAddLine = (cart: Cart, command: AddLine): Decision => {
  const { product, variantId, quantity } = command
  if (!isQuantity(quantity)) return outOfRange(quantity)
  if (product.status !== 'published') return E.left(productUnavailable(product.id, product.status))
  const found = findVariant(product, variantId)
  if (O.isNone(found)) return E.left(variantNotFound(product.id, variantId))
  const variant = found.value
  if (O.isNone(priceIn(variant, cart.currency))) return E.left(priceUnavailable(variant.id, cart.currency))
  const existing = cart.lines.find((l) => l.productId === product.id && l.variantId === variant.id)
  if (existing !== undefined) {
    const total = existing.quantity + quantity
    if (total > cartLimits.maxQuantity) return outOfRange(total)
    return emit({ _tag: 'LineQuantityChanged', cartId: cart.id, lineId: existing.lineId, quantity: total })
  }
  if (cart.lines.some((l) => l.lineId === command.lineId)) return E.left(lineIdInUse(command.lineId))
  if (cart.lines.length >= cartLimits.maxLines) return E.left(tooManyLines(cartLimits.maxLines))
  return emit({
    _tag: 'LineAdded',
    cartId: cart.id,
    line: {
      lineId: command.lineId,
      productId: product.id,
      variantId: variant.id,
      sku: variant.sku,
      title: variantTitle(variant)(product),
      categoryIds: product.categoryIds,
      quantity,
    },
  })
}

const decideUpdateQuantity = (cart: Cart, command: UpdateLineQuantity): Decision => {
  const line = cart.lines.find((l) => l.lineId === command.lineId)
  if (line === undefined) return E.left(lineNotFound(command.lineId))
  if (command.quantity === 0) return emit({ _tag: 'LineRemoved', cartId: cart.id, lineId: line.lineId })
  if (!isQuantity(command.quantity)) return outOfRange(command.quantity)
  return command.quantity === line.quantity
    ? none
    : emit({ _tag: 'LineQuantityChanged', cartId: cart.id, lineId: line.lineId, quantity: command.quantity })
}

const decideApplyCode = (cart: Cart, command: ApplyCode): Decision => {
  const code = checkCode(command.code)
  if (E.isLeft(code)) return code
  if (cart.codes.includes(code.right)) return none
  if (cart.codes.length >= cartLimits.maxCodes) return E.left(tooManyCodes(cartLimits.maxCodes))
  return emit({ _tag: 'CodeApplied', cartId: cart.id, code: code.right })
}

const decideRemoveCode = (cart: Cart, command: RemoveCode): Decision => {
  const code = checkCode(command.code)
  if (E.isLeft(code)) return code
  return cart.codes.includes(code.right) ? emit({ _tag: 'CodeRemoved', cartId: cart.id, code: code.right }) : none
}

const decideActive = (cart: Cart, command: Exclude<CartCommand, CreateCart>): Decision => {
  switch (command._tag) {
    case 'AddLine':
      return decideAddLine(cart, command)
    case 'UpdateLineQuantity':
      return decideUpdateQuantity(cart, command)
    case 'RemoveLine':
      return cart.lines.some((l) => l.lineId === command.lineId)
        ? emit({ _tag: 'LineRemoved', cartId: cart.id, lineId: command.lineId })
        : E.left(lineNotFound(command.lineId))
    case 'ApplyCode':
      return decideApplyCode(cart, command)
    case 'RemoveCode':
      return decideRemoveCode(cart, command)
    case 'SetShippingAddress': {
      const address = checkAddress(command.address)
      if (E.isLeft(address)) return address
      return sameAddress(cart.shippingAddress, address.right)
        ? none
        : emit({ _tag: 'ShippingAddressSet', cartId: cart.id, address: address.right })
    }
    case 'SetBillingAddress': {
      const address = checkAddress(command.address)
      if (E.isLeft(address)) return address
      return sameAddress(cart.billingAddress, address.right)
        ? none
        : emit({ _tag: 'BillingAddressSet', cartId: cart.id, address: address.right })
    }
    case 'ChooseShippingMethod':
      return cart.shippingMethodId === command.methodId
        ? none
        : emit({ _tag: 'ShippingMethodChosen', cartId: cart.id, methodId: command.methodId })
    case 'CompleteCart':
      return cart.lines.length === 0 ? E.left(cartEmpty(cart.id)) : emit({ _tag: 'CartCompleted', cartId: cart.id })
  }
}

/**
 * Decides what a command does to a cart: the events to record, or why it is refused. The
 * command is first checked against `cartCommandSchema` (the product of `AddLine` included), so a
 * value that is not a command at run time is a `ValidationFailed`, never a throw. Before
 * `CreateCart` every other command is `CartNotFound`; a completed cart refuses everything with
 * `CartAlreadyCompleted`. Commands that would change nothing (a code already applied, the same
 * quantity, address or method) succeed with no events.
 *
 * Errors: every {@link CartError}: `ValidationFailed`, `CartNotFound`, `CartAlreadyExists`, `CartAlreadyCompleted`,
 * `ProductUnavailable`, `VariantNotFound`, `PriceUnavailable`, `QuantityOutOfRange` (1–999 per
 * line, also when adding to a line would pass 999), `TooManyLines` (500), `LineNotFound`,
 * `LineIdInUse`, `InvalidPromotionCode`, `TooManyCodes` (5), `InvalidAddress`, `CartEmpty`.
 *
 * @example
 * ```ts
 * import { decideCart, initialCart, unsafeCurrency, type CartId } from '@mercato/core'
 * decideCart({ _tag: 'CreateCart', cartId: 'cart_1' as CartId, currency: unsafeCurrency('USD') }, initialCart)
 * // right([{ _tag: 'CartCreated', cartId: 'cart_1', currency: 'USD' }])
 * ```
 * @category cart
 * @since 0.1.0
 */
export const decideCart = (command: CartCommand, state: Cart): E.Either<CartError, ReadonlyArray<CartEvent>> => {
  const parsed = parseCartCommand(command)
  return E.isLeft(parsed) ? parsed : decideChecked(parsed.right, state)
}

/**
 * {@link decideCart} without checking the command against `cartCommandSchema` first, for a shell
 * that builds its commands itself from input its schemas parsed (`addLineInputSchema`, …) and
 * from products its repository decoded, as the `cart` use cases do: checking a whole product
 * again costs more than the decision. The domain rules (quantities, limits, currency, state) are
 * all still enforced. A command that arrives whole (from a queue, a replay) goes to
 * {@link decideCart}.
 *
 * Errors: the same as {@link decideCart}, except `ValidationFailed` for a malformed command.
 *
 * @example
 * ```ts
 * import { decideBuiltCart, initialCart, type CartId } from '@mercato/core'
 * decideBuiltCart({ _tag: 'CreateCart', cartId: 'cart_1' as CartId, currency: 'USD' }, initialCart)
 * // right([{ _tag: 'CartCreated', cartId: 'cart_1', currency: 'USD' }])
 * ```
 * @category cart
 * @since 0.1.0
 */
export const decideBuiltCart = (command: CartCommand, state: Cart): E.Either<CartError, ReadonlyArray<CartEvent>> =>
  decideChecked(command, state)

const decideChecked = (command: CartCommand, state: Cart): Decision => {
  if (state.status === 'completed') return E.left(cartAlreadyCompleted(state.id))
  if (command._tag === 'CreateCart') {
    if (state.status === 'active') return E.left(cartAlreadyExists(state.id))
    return emit({
      _tag: 'CartCreated',
      cartId: command.cartId,
      currency: command.currency,
      ...(command.customerId === undefined ? {} : { customerId: command.customerId }),
    })
  }
  if (state.status === 'none' || state.id !== command.cartId) return E.left(cartNotFound(command.cartId))
  return decideActive(state, command)
}

// ---------------------------------------------------------------------------------------------
// evolve
// ---------------------------------------------------------------------------------------------

const applyEvent = (cart: Cart, event: Exclude<CartEvent, CartCreated>): Cart => {
  switch (event._tag) {
    case 'LineAdded':
      return { ...cart, lines: [...cart.lines, event.line] }
    case 'LineQuantityChanged':
      return {
        ...cart,
        lines: cart.lines.map((l) => (l.lineId === event.lineId ? { ...l, quantity: event.quantity } : l)),
      }
    case 'LineRemoved':
      return { ...cart, lines: cart.lines.filter((l) => l.lineId !== event.lineId) }
    case 'CodeApplied':
      return { ...cart, codes: [...cart.codes, event.code] }
    case 'CodeRemoved':
      return { ...cart, codes: cart.codes.filter((c) => c !== event.code) }
    case 'ShippingAddressSet':
      return { ...cart, shippingAddress: event.address }
    case 'BillingAddressSet':
      return { ...cart, billingAddress: event.address }
    case 'ShippingMethodChosen':
      return { ...cart, shippingMethodId: event.methodId }
    case 'CartCompleted':
      return { ...cart, status: 'completed' }
  }
}

/**
 * Folds one event into a cart. `CartCreated` opens an empty active cart; an event for another
 * cart, or any other event before the cart exists, leaves the state as it is. Never fails.
 *
 * @example
 * ```ts
 * import { evolveCart, initialCart } from '@mercato/core'
 * // const cart = events.reduce(evolveCart, initialCart)
 * ```
 * @category cart
 * @since 0.1.0
 */
export const evolveCart = (state: Cart, event: CartEvent): Cart => {
  if (event._tag === 'CartCreated') {
    return {
      id: event.cartId,
      status: 'active',
      currency: event.currency,
      ...(event.customerId === undefined ? {} : { customerId: event.customerId }),
      lines: [],
      codes: [],
    }
  }
  if (state.status === 'none' || state.id !== event.cartId) return state
  return applyEvent(state, event)
}

/**
 * The state before `CreateCart`: `status: 'none'`, no lines, no codes. Its `id` (`''`) and
 * `currency` (`'USD'`) are placeholders that mean nothing until `CartCreated`.
 *
 * @example
 * ```ts
 * import { initialCart } from '@mercato/core'
 * initialCart.status // 'none'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const initialCart: Cart = {
  id: '' as CartId,
  status: 'none',
  currency: unsafeCurrency('USD'),
  lines: [],
  codes: [],
}

/**
 * The cart aggregate as a {@link Decider}: {@link decideCart}, {@link evolveCart} and
 * {@link initialCart}. Persisted state-stored through a cart repository.
 *
 * Errors: {@link CartError} (see {@link decideCart}).
 *
 * @example
 * ```ts
 * import { cartDecider, runCommand } from '@mercato/core'
 * // runCommand(cartDecider)(command, cart) // Either<CartError, { events, state }>
 * ```
 * @category cart
 * @since 0.1.0
 */
export const cartDecider: Decider<CartCommand, Cart, CartEvent, CartError> = {
  initialState: initialCart,
  decide: decideCart,
  evolve: evolveCart,
}
