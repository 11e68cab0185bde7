/**
 * Keyset cursors of product listings: the listing position (`createdAt`, `id`) of a page's last
 * item, as base64url JSON. A cursor that does not decode to exactly that shape is refused.
 *
 * @module
 */
import { type ListingKey, parseProductId } from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'

const base64url = /^[A-Za-z0-9_-]+$/

/**
 * Encodes a listing position as a cursor: base64url of `{"v":1,"createdAt":"<ISO>","id":"<id>"}`
 * (ids and ISO dates are ASCII, so `btoa` suffices).
 *
 * @example
 * ```ts
 * import { encodeListingCursor } from '@mercato/sql'
 * // encodeListingCursor({ createdAt: product.createdAt, id: product.id }) // 'eyJ2IjoxLC...'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const encodeListingCursor = (key: ListingKey): string =>
  btoa(JSON.stringify({ v: 1, createdAt: key.createdAt.toISOString(), id: key.id }))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')

/**
 * Decodes a cursor made by {@link encodeListingCursor}; none for anything else (not base64url,
 * not JSON, another shape or version, a date that is not canonical ISO, an id that does not parse).
 *
 * @example
 * ```ts
 * import { decodeListingCursor } from '@mercato/sql'
 * decodeListingCursor('garbage')._tag // 'None'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const decodeListingCursor = (cursor: string): O.Option<ListingKey> => {
  if (!base64url.test(cursor)) return O.none
  let decoded: unknown
  try {
    decoded = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')))
  } catch {
    return O.none
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) return O.none
  if (!('v' in decoded && 'createdAt' in decoded && 'id' in decoded) || Object.keys(decoded).length !== 3) return O.none
  const { v, createdAt, id } = decoded
  if (v !== 1 || typeof createdAt !== 'string') return O.none
  const at = new Date(createdAt)
  if (Number.isNaN(at.getTime()) || at.toISOString() !== createdAt) return O.none
  const productId = parseProductId(id)
  return E.isRight(productId) ? O.some({ createdAt: at, id: productId.right }) : O.none
}
