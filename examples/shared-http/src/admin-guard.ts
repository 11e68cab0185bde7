/**
 * The admin token guard: admin routes need `Authorization: Bearer <MERCATO_ADMIN_TOKEN>`.
 * Without a configured token every admin request is refused, so a store started without one
 * is read-only for the public.
 *
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()

/** Whether an `Authorization` header carries the admin token (compared in constant time). */
export const isAdmin = (configuredToken: string | undefined, authorization: string | undefined): boolean => {
  if (configuredToken === undefined || configuredToken.length === 0 || authorization === undefined) return false
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
  if (match?.[1] === undefined) return false
  return timingSafeEqual(digest(match[1]), digest(configuredToken))
}
