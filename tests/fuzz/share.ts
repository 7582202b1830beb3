import { runCaseAsync, runSyncBatch, type Measured } from './engine/execute'
import { CHUNK, chunkInputs, inputArbitrary } from './engine/inputs'
import type { CaseFailure, FuzzTarget } from './engine/target'

/** The seed of `npm test`'s share: fixed, so a failure there is the same case on every machine. */
export const SHARE_SEED = 20_261_202

/** A sync case still running after this long is interrupted and reported: a hang, not a timing. */
const HANG_MS = 20_000

export interface ShareFailure {
  case: number
  failure: CaseFailure
  /** The input, in hex, cut to 200 bytes: `npm run fuzz -- --replay` takes the whole one. */
  input: string
}

/**
 * Runs `cases` cases of `target` in this process, with the smaller inputs of the quick mode, and
 * returns what went wrong. Untyped exceptions, bad results and hangs count; time and memory do
 * not, because they depend on the machine's load: `npm run fuzz` measures those in a process of
 * its own.
 */
export async function runShare(target: FuzzTarget, cases: number): Promise<ShareFailure[]> {
  const run = await target.setup()
  const arbitrary = inputArbitrary(run, { quick: true })
  const failures: ShareFailure[] = []
  const keep = (index: number, input: Uint8Array, { outcome }: Measured) => {
    if (outcome.kind !== 'failure') return
    if (outcome.failure.kind === 'slow' || outcome.failure.kind === 'memory') return
    failures.push({ case: index, failure: outcome.failure, input: hexStart(input) })
  }
  try {
    for (let chunk = 0; chunk * CHUNK < cases; chunk++) {
      const inputs = chunkInputs(arbitrary, SHARE_SEED, target.name, chunk).slice(
        0,
        cases - chunk * CHUNK,
      )
      const base = chunk * CHUNK
      if (run.mode === 'async') {
        for (const [i, input] of inputs.entries())
          keep(base + i, input, await runCaseAsync(run, input))
        continue
      }
      let at = 0
      while (at < inputs.length) {
        const batch = runSyncBatch(
          run,
          inputs,
          at,
          {
            before: () => {},
            after: (i, measured) => keep(base + i, inputs[i] as Uint8Array, measured),
          },
          HANG_MS,
        )
        if (batch.overrun) {
          const input = inputs[batch.overrun.index] as Uint8Array
          const message = `still running after ${Math.round(batch.overrun.ms)} ms: interrupted`
          failures.push({
            case: base + batch.overrun.index,
            failure: { kind: 'hang', message },
            input: hexStart(input),
          })
        }
        at = batch.next
      }
    }
  } finally {
    await run.dispose?.()
  }
  return failures
}

function hexStart(input: Uint8Array): string {
  return Buffer.from(input.subarray(0, 200)).toString('hex')
}
