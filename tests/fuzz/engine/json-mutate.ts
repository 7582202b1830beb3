import fc from 'fast-check'

/**
 * Structure-aware mutations of JSON seeds: byte flips rarely leave JSON that parses, so these edit
 * the parsed value instead (replace a node by a hostile value, drop or add keys, repeat array items,
 * nest deeply) and serialise it again. The hostile values include the shapes that made zod throw
 * for the outside fuzzer (`{"length":{"toString":""}}`) and prototype keys.
 */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

export type JsonMutation =
  | { op: 'replace'; node: number; value: JsonValue }
  | { op: 'remove'; node: number }
  | { op: 'add-key'; node: number; key: string; value: JsonValue }
  | { op: 'repeat'; node: number; times: number }
  | { op: 'nest'; node: number; depth: number; asArray: boolean }

/** How a target's input holds its JSON (a prefix byte, a length field around it…). */
export interface JsonView {
  split(bytes: Uint8Array): { before: Uint8Array; json: string; after: Uint8Array } | null
  join(before: Uint8Array, json: string, after: Uint8Array): Uint8Array
}

const utf8 = new TextDecoder('utf-8', { fatal: false })

/** The whole input is JSON text. */
export const wholeJson: JsonView = {
  split: (bytes) => ({
    before: new Uint8Array(0),
    json: utf8.decode(bytes),
    after: new Uint8Array(0),
  }),
  join: (_before, json) => new Uint8Array(Buffer.from(json, 'utf8')),
}

/** JSON after a prefix of `length` bytes (a selector), to the end of the input. */
export function prefixedJson(length: number): JsonView {
  return {
    split: (bytes) =>
      bytes.length < length
        ? null
        : {
            before: bytes.subarray(0, length),
            json: utf8.decode(bytes.subarray(length)),
            after: new Uint8Array(0),
          },
    join: (before, json) => new Uint8Array(Buffer.concat([before, Buffer.from(json, 'utf8')])),
  }
}

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'length',
  'toString',
  'valueOf',
  'then',
  'toJSON',
  '0',
  '',
  'hasOwnProperty',
] as const

const HOSTILE_VALUES: readonly JsonValue[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  2 ** 53 + 1,
  1e308,
  -1e308,
  '',
  ' ',
  '0',
  'NaN',
  '-1',
  '1e999',
  '\u0000',
  '\uD800',
  '__proto__',
  [],
  {},
  [null],
  { length: { toString: '' } },
  { length: 1e9 },
  { 0: 'a', length: 1 },
  { toString: '' },
  { valueOf: {} },
  { toJSON: 1 },
  JSON.parse('{"__proto__":{"polluted":true}}') as JsonValue,
  { constructor: { prototype: { polluted: true } } },
  { then: 'x' },
]

const hostileValue: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue> },
  { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        c: fc.constantFrom('a', '0', '<', '|', 'é', '\\', '"'),
        n: fc.integer({ min: 100, max: 200_000 }),
      })
      .map(({ c, n }) => c.repeat(n)),
  },
)

export const jsonMutationArbitrary: fc.Arbitrary<JsonMutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('replace' as const),
      node: fc.nat(),
      value: hostileValue,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), node: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('add-key' as const),
      node: fc.nat(),
      key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 12 })),
      value: hostileValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('repeat' as const),
      node: fc.nat(),
      times: fc.oneof(
        { weight: 9, arbitrary: fc.integer({ min: 2, max: 8 }) },
        { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }) },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('nest' as const),
      node: fc.nat(),
      depth: fc.oneof(
        { weight: 9, arbitrary: fc.integer({ min: 1, max: 8 }) },
        { weight: 1, arbitrary: fc.integer({ min: 100, max: 2000 }) },
      ),
      asArray: fc.boolean(),
    }),
  },
)

interface Slot {
  /** The container holding the node, and its key there; null for the root. */
  holder: JsonValue[] | { [key: string]: JsonValue } | null
  key: string | number
  value: JsonValue
}

/** Every node of `root`, depth first (the root first). */
function slots(root: JsonValue): Slot[] {
  const out: Slot[] = [{ holder: null, key: 0, value: root }]
  for (let i = 0; i < out.length && out.length < 5000; i++) {
    const value = (out[i] as Slot).value
    if (Array.isArray(value)) value.forEach((v, k) => out.push({ holder: value, key: k, value: v }))
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) out.push({ holder: value, key: k, value: v })
  }
  return out
}

/** Applies the mutations to a copy of `root` and returns the new JSON text. */
export function applyJsonMutations(
  root: JsonValue,
  mutations: readonly JsonMutation[],
  maxChars: number,
): string {
  let copy: JsonValue
  try {
    copy = structuredClone(root)
  } catch {
    return JSON.stringify(root)
  }
  const box: { [key: string]: JsonValue } = { root: copy }
  for (const m of mutations) {
    const all = slots(box.root ?? null)
    const slot = all[m.node % all.length] as Slot
    const set = (value: JsonValue): void => {
      if (slot.holder === null) box.root = value
      else if (Array.isArray(slot.holder)) slot.holder[slot.key as number] = value
      else defineKey(slot.holder, String(slot.key), value)
    }
    switch (m.op) {
      case 'replace':
        set(m.value)
        break
      case 'remove':
        if (Array.isArray(slot.holder)) slot.holder.splice(slot.key as number, 1)
        else if (slot.holder) Reflect.deleteProperty(slot.holder, String(slot.key))
        break
      case 'add-key':
        if (slot.value && typeof slot.value === 'object' && !Array.isArray(slot.value))
          defineKey(slot.value, m.key, m.value)
        else if (Array.isArray(slot.value)) slot.value.push(m.value)
        break
      case 'repeat': {
        // No more copies than the input may hold (20 000 copies of a 200 KB string would build
        // gigabytes only to be cut to maxChars), and copies, not references: a later mutation of
        // one must not grow all of them at once.
        const times = Math.min(
          m.times,
          50_000,
          Math.floor(maxChars / serialisedLength(slot.value)) + 1,
        )
        const items = Array.isArray(slot.value) && slot.value.length ? slot.value : [slot.value]
        set(Array.from({ length: times }, (_, i) => copyOf(items[i % items.length] ?? null)))
        break
      }
      case 'nest': {
        let value = slot.value
        for (let d = 0; d < m.depth; d++) value = m.asArray ? [value] : { a: value }
        set(value)
        break
      }
    }
  }
  let text: string
  try {
    text = JSON.stringify(box.root ?? null)
  } catch {
    // Nesting deeper than the stack allows: the case keeps its unmutated seed.
    text = JSON.stringify(root)
  }
  return text.length > maxChars ? text.slice(0, maxChars) : text
}

/** A deep copy of a JSON value (scalars are their own copies). */
function copyOf(value: JsonValue): JsonValue {
  return value !== null && typeof value === 'object' ? structuredClone(value) : value
}

/** Characters `value` takes as JSON (1 at least), or the limit when it cannot be serialised. */
function serialisedLength(value: JsonValue): number {
  try {
    return Math.max(1, JSON.stringify(value).length)
  } catch {
    return Number.MAX_SAFE_INTEGER
  }
}

/** Own enumerable property even for `__proto__`, as JSON.parse would make it. */
function defineKey(target: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}
