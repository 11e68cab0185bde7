/**
 * What every conformance suite shares: the harness an adapter package hands to a suite, and the
 * runner that turns a suite's cases into vitest tests. Imports `vitest`, so it is reachable only
 * from `@mercato/testkit/conformance`, never from the main entry.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'

/**
 * How a suite runs against one adapter: a `name` for the test report, `setup` returning a fresh
 * fixture over an empty store (called once per case), an optional `teardown` (called after each
 * case, even a failed one), and typed opt-outs: each skipped case id must carry the reason.
 *
 * @example
 * ```ts
 * import type { ConformanceHarness } from '@mercato/testkit/conformance'
 * const harness: ConformanceHarness<{ db: string }, 'reopen'> = {
 *   name: 'example',
 *   setup: async () => ({ db: 'memory' }),
 *   skip: { reopen: 'nothing persists in this adapter' },
 * }
 * ```
 * @category conformance
 * @since 0.1.0
 */
export interface ConformanceHarness<Fixture, CaseId extends string> {
  readonly name: string
  readonly setup: () => Promise<Fixture>
  readonly teardown?: (fixture: Fixture) => Promise<void> | void
  readonly skip?: Partial<Readonly<Record<CaseId, string>>>
}

/**
 * One case of a suite: a stable id (what `skip` names), a spec-like title, and the test body.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface ConformanceCase<Fixture, CaseId extends string> {
  readonly id: CaseId
  readonly title: string
  readonly run: (fixture: Fixture) => Promise<void>
}

/**
 * Registers a suite with vitest: one `describe` named after the suite and the harness, one `it`
 * per case titled `id: title`, run on a fresh fixture; a case named in `harness.skip` is
 * registered as skipped with its reason in the title.
 *
 * @example
 * ```ts
 * import { runConformanceSuite } from '@mercato/testkit/conformance'
 * runConformanceSuite('Clock', { name: 'fixed', setup: async () => ({ now: 0 }) }, [
 *   { id: 'reads', title: 'tells the time', run: async ({ now }) => void now },
 * ])
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const runConformanceSuite = <Fixture, CaseId extends string>(
  suiteName: string,
  harness: ConformanceHarness<Fixture, CaseId>,
  cases: ReadonlyArray<ConformanceCase<Fixture, CaseId>>,
): void => {
  describe(`${suiteName} conformance (${harness.name})`, () => {
    for (const testCase of cases) {
      const title = `${testCase.id}: ${testCase.title}`
      const reason = harness.skip?.[testCase.id]
      if (reason !== undefined) {
        it.skip(`${title} [opted out: ${reason}]`, () => undefined)
        continue
      }
      it(title, async () => {
        const fixture = await harness.setup()
        try {
          await testCase.run(fixture)
        } finally {
          await harness.teardown?.(fixture)
        }
      })
    }
  })
}

const describeValue = (value: unknown): string => {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v))
  } catch {
    return String(value)
  }
}

/**
 * Runs a task and returns its `Right` value; fails the test (showing the `Left`) otherwise.
 *
 * @example
 * ```ts
 * import { expectRight } from '@mercato/testkit/conformance'
 * import * as TE from 'fp-ts/TaskEither'
 * const value = await expectRight(TE.right(42)) // 42
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const expectRight = async <Err, A>(task: TaskEither<Err, A>): Promise<A> => {
  const result = await task()
  if (E.isLeft(result)) expect.fail(`expected Right, got Left ${describeValue(result.left)}`)
  return result.right
}

/**
 * Runs a task and returns its `Left` error; fails the test (showing the `Right`) otherwise.
 *
 * @example
 * ```ts
 * import { expectLeft } from '@mercato/testkit/conformance'
 * import * as TE from 'fp-ts/TaskEither'
 * const error = await expectLeft(TE.left({ _tag: 'InsufficientStock' as const })) // { _tag: 'InsufficientStock' }
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const expectLeft = async <Err, A>(task: TaskEither<Err, A>): Promise<Err> => {
  const result = await task()
  if (E.isRight(result)) expect.fail(`expected Left, got Right ${describeValue(result.right)}`)
  return result.left
}

/**
 * Strings that break naive adapters: SQL injection text, quotes and backslashes, `LIKE`
 * wildcards, placeholder syntax, non-Latin scripts, combining marks, emoji (with joiners and
 * skin tones), right-to-left text, surrounding spaces and a long string. No NUL and no control
 * characters (use {@link hostileFreeText} for text that may hold newlines and tabs).
 *
 * @example
 * ```ts
 * import { hostileStrings } from '@mercato/testkit/conformance'
 * for (const text of hostileStrings) {
 *   // append an event to stream `text` and read it back unchanged
 * }
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const hostileStrings: ReadonlyArray<string> = [
  "'; DROP TABLE stock; --",
  "Robert'); DELETE FROM events WHERE ('1'='1",
  '" OR 1=1 --',
  '\\\\server\\share\\%_*?',
  `$1 ? :name @p0 \${x} {{y}}`,
  '/* comment */ -- trailing',
  'Grüße, Ünïcödé — 中文 · 日本語 · 한국어',
  'مرحبا بالعالم · שלום',
  'e\u0301 a\u0308 n\u0303',
  '🛒🎉 👩‍👩‍👧‍👦 👍🏽 🏳️‍🌈',
  '  padded with spaces  ',
  'x'.repeat(1000),
]

/**
 * Free text with line breaks and tabs as well as the {@link hostileStrings} (for fields such as
 * references and payload strings, which allow control characters other than NUL).
 *
 * @example
 * ```ts
 * import { hostileFreeText } from '@mercato/testkit/conformance'
 * hostileFreeText.includes('') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const hostileFreeText: ReadonlyArray<string> = [...hostileStrings, 'line 1\nline 2\r\n\ttabbed', '']
