/**
 * Validation at the edge: runs a zod schema and returns `Either<ValidationFailed, T>`, never a throw.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { z } from 'zod'
import { type ValidationFailed, validationFailed } from './kernel-errors.js'

/**
 * Parses `input` with `schema`; every zod issue becomes a {@link FieldIssue} with its path.
 *
 * @example
 * ```ts
 * import { parseInput } from '@mercato/core'
 * import { z } from 'zod'
 * parseInput(z.object({ qty: z.number().int() }))({ qty: 1.5 })._tag // 'Left'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const parseInput =
  <S extends z.ZodType>(schema: S) =>
  (input: unknown): E.Either<ValidationFailed, z.output<S>> => {
    const result = schema.safeParse(input)
    return result.success
      ? E.right(result.data)
      : E.left(
          validationFailed(
            result.error.issues.map((issue) => ({
              path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
              message: issue.message,
            })),
          ),
        )
  }
