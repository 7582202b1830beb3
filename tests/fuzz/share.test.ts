// npm test's share of `npm run fuzz`: every target, a few hundred cases each, in process.
import { describe, expect, it } from 'vitest'
import { randomBytes } from './engine/generators'
import { runShare, SHARE_SEED } from './share'
import { fuzzTargets } from './targets'

const CASES = 256

describe(`fuzz share (seed ${SHARE_SEED}, ${CASES} cases per target)`, () => {
  it.each(fuzzTargets.map((t) => [t.name, t] as const))(
    '%s: every case a typed refusal or an answer, none hangs',
    async (_name, target) => {
      const failures = await runShare(target, CASES)
      expect(failures).toEqual([])
    },
    120_000,
  )

  it('reports what a target throws untyped, with the case and its input', async () => {
    const failures = await runShare(
      {
        name: 'planted',
        parses: 'a parser that throws a TypeError on inputs starting with 0x00',
        typedErrors: 'RangeError',
        setup: () => ({
          seeds: [Uint8Array.of(0, 1, 2), Uint8Array.of(1, 2, 3)],
          generated: randomBytes(16),
          structure: { tlv: false },
          mode: 'sync',
          execute: (input) => {
            if (input[0] === 0) throw new TypeError('planted')
            throw new RangeError('typed')
          },
          isTyped: (e) => e instanceof RangeError,
        }),
      },
      64,
    )
    expect(failures.length).toBeGreaterThan(0)
    expect(failures[0]?.failure).toMatchObject({ kind: 'untyped', message: 'TypeError: planted' })
    expect(failures.every((f) => f.input.startsWith('00'))).toBe(true)
  })
})
