import fc from 'fast-check'
import { applyJsonMutations, jsonMutationArbitrary, type JsonValue } from './json-mutate'
import { applyMutations, mutationArbitrary } from './mutate'
import type { TargetRun } from './target'

export const DEFAULT_MAX_BYTES = 1 << 20

export interface InputOptions {
  /** Smaller inputs and no blow-ups: the vitest share in `npm test`. */
  quick?: boolean
}

/**
 * Every input of a target: mostly mutated seeds (byte and, where the target allows, TLV and JSON
 * mutations, splices between seeds), some seeds as they are, some generated from nothing.
 */
export function inputArbitrary(
  run: TargetRun,
  options: InputOptions = {},
): fc.Arbitrary<Uint8Array> {
  const maxBytes = options.quick ? 64 * 1024 : (run.maxBytes ?? DEFAULT_MAX_BYTES)
  const limits = { maxBytes }
  const seeds = run.seeds
  if (seeds.length === 0) throw new Error('a fuzz target needs at least one seed')
  const seedIndex = fc.nat({ max: seeds.length - 1 })
  const byteMutated = fc
    .record({
      seed: seedIndex,
      mutations: fc.array(
        mutationArbitrary({
          tlv: run.structure.tlv,
          ...(run.structure.dictionary ? { dictionary: run.structure.dictionary } : {}),
        }),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
    })
    .map(({ seed, mutations }) =>
      guarded(seeds[seed] as Uint8Array, () =>
        applyMutations(seeds[seed] as Uint8Array, mutations, seeds, limits),
      ),
    )
  const branches: { weight: number; arbitrary: fc.Arbitrary<Uint8Array> }[] = [
    { weight: 12, arbitrary: byteMutated },
    { weight: 1, arbitrary: seedIndex.map((i) => (seeds[i] as Uint8Array).slice()) },
    { weight: 4, arbitrary: run.generated },
  ]
  const json = jsonMutated(run, seedIndex, maxBytes)
  if (json) branches.push({ weight: 10, arbitrary: json })
  return fc.oneof(...branches)
}

function jsonMutated(
  run: TargetRun,
  seedIndex: fc.Arbitrary<number>,
  maxBytes: number,
): fc.Arbitrary<Uint8Array> | null {
  const view = run.structure.json
  if (!view) return null
  const parsed = run.seeds.map((seed) => {
    const parts = view.split(seed)
    if (!parts) return null
    try {
      return { ...parts, value: JSON.parse(parts.json) as JsonValue }
    } catch {
      return null
    }
  })
  if (!parsed.some((p) => p !== null)) return null
  return fc
    .record({
      seed: seedIndex,
      mutations: fc.array(jsonMutationArbitrary, { minLength: 1, maxLength: 4 }),
    })
    .map(({ seed, mutations }) => {
      const parts = parsed[seed] ?? parsed.find((p) => p !== null)
      if (!parts) return new Uint8Array(0)
      return guarded(run.seeds[seed] as Uint8Array, () =>
        view.join(parts.before, applyJsonMutations(parts.value, mutations, maxBytes), parts.after),
      )
    })
}

/**
 * Runs a mutation; should it throw (a bug of the fuzzer, not of the parser), the case is the seed
 * unchanged rather than a crash blamed on the target.
 */
function guarded(seed: Uint8Array, mutate: () => Uint8Array): Uint8Array {
  try {
    return mutate()
  } catch {
    return seed.slice()
  }
}

/** Cases are drawn in chunks: case i is entry i % CHUNK of chunk ⌊i / CHUNK⌋. */
export const CHUNK = 64

/** A 31-bit seed mixed from the run's seed, the target's name and a chunk number. */
export function chunkSeed(runSeed: number, target: string, chunk: number): number {
  let h = (runSeed ^ 0x9e3779b9) >>> 0
  for (const c of `${target}#${chunk}`) {
    h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0
    h ^= h >>> 15
  }
  return h & 0x7fffffff
}

/** The inputs of chunk `chunk`, deterministic in (runSeed, target, chunk). */
export function chunkInputs(
  arbitrary: fc.Arbitrary<Uint8Array>,
  runSeed: number,
  target: string,
  chunk: number,
): Uint8Array[] {
  return fc.sample(arbitrary, { seed: chunkSeed(runSeed, target, chunk), numRuns: CHUNK })
}
