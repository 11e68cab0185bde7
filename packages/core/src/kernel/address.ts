/**
 * Postal addresses, as carts, tax and shipping see them.
 *
 * @module
 */

/**
 * A postal address. `country` is an ISO 3166-1 alpha-2 code (`'US'`, `'DE'`); `region` is the
 * ISO 3166-2 subdivision code without the country prefix (`'CA'` for California), when known.
 *
 * @category kernel
 * @since 0.1.0
 */
export interface Address {
  readonly name?: string
  readonly line1?: string
  readonly line2?: string
  readonly city?: string
  readonly postalCode?: string
  readonly region?: string
  readonly country: string
}
