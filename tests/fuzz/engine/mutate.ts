import fc from 'fast-check'
import { joined, replaceValue, tlvNodes, type TlvNode } from './tlv-tree'

/**
 * Byte mutations of a seed, as plain data drawn by fast-check and applied deterministically: the
 * same seed and the same operations always give the same input. Positions are drawn as unbounded
 * naturals and taken modulo the current length, so one operation list fits any seed.
 */
export type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'remove'; at: number; length: number }
  /** Overwrites 1, 2 or 4 bytes with an interesting size, big- or little-endian. */
  | { op: 'length'; at: number; width: 1 | 2 | 4; value: number; littleEndian: boolean }
  /** Copies a chunk and inserts it `times` times elsewhere (times can be large: blow-ups). */
  | { op: 'duplicate'; from: number; length: number; to: number; times: number }
  | { op: 'truncate'; at: number }
  /** The start of this input followed by the tail of another seed. */
  | { op: 'splice'; other: number; at: number; otherAt: number }
  /** TLV-aware: a node's value grown, shrunk or replaced, every enclosing length fixed up. */
  | { op: 'tlv-value'; node: number; edit: TlvEdit }
  /** TLV-aware: a node's length field set to a wrong value (the bytes stay). */
  | { op: 'tlv-length'; node: number; value: number }

export type TlvEdit =
  | { kind: 'repeat'; times: number }
  | { kind: 'fill'; byte: number; length: number }
  | { kind: 'empty' }
  | { kind: 'bytes'; bytes: Uint8Array }

export interface MutationLimits {
  /** Largest input a mutation may produce. */
  maxBytes: number
}

/** Bytes that break parsers more often than others: boundaries of lengths, tags and signs. */
export const INTERESTING_BYTES = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x1f, 0x20, 0x30, 0x31, 0x3f, 0x40, 0x7e,
  0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x87, 0x88, 0x8e, 0x99, 0xa0, 0xbf, 0xc0, 0xef, 0xfe,
  0xff,
] as const

const INTERESTING_SIZES = [
  0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 129, 255, 256, 257, 1023, 1024, 4095, 4096,
  32767, 32768, 65535, 65536, 0x7fffffff, 0x80000000, 0xffffffff,
] as const

const anyPosition = fc.nat()
const interestingByte = fc.oneof(
  fc.constantFrom(...INTERESTING_BYTES),
  fc.integer({ min: 0, max: 255 }),
)
const interestingSize = fc.oneof(
  fc.constantFrom(...INTERESTING_SIZES),
  fc.integer({ min: 0, max: 0xffffffff }),
)
/** Mostly a few repetitions; now and then thousands, to find work that grows faster than input. */
const repetitions = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 64, max: 1 << 16 }) },
)

const tlvEdit: fc.Arbitrary<TlvEdit> = fc.oneof(
  fc.record({ kind: fc.constant('repeat' as const), times: repetitions }),
  fc.record({
    kind: fc.constant('fill' as const),
    byte: interestingByte,
    length: fc.oneof(
      { weight: 10, arbitrary: fc.integer({ min: 0, max: 300 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1000, max: 1 << 20 }) },
    ),
  }),
  fc.record({ kind: fc.constant('empty' as const) }),
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 40 }) }),
)

/** One mutation; `tlv` adds the structure-aware ones. */
export function mutationArbitrary(options: {
  tlv: boolean
  dictionary?: readonly string[]
}): fc.Arbitrary<Mutation> {
  const plain: fc.Arbitrary<Mutation>[] = [
    fc.record({
      op: fc.constant('flip' as const),
      at: anyPosition,
      bit: fc.integer({ min: 0, max: 7 }),
    }),
    fc.record({ op: fc.constant('set' as const), at: anyPosition, value: interestingByte }),
    fc.record({
      op: fc.constant('insert' as const),
      at: anyPosition,
      bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    }),
    fc.record({
      op: fc.constant('remove' as const),
      at: anyPosition,
      length: fc.integer({ min: 1, max: 64 }),
    }),
    fc.record({
      op: fc.constant('length' as const),
      at: anyPosition,
      width: fc.constantFrom(1 as const, 2 as const, 4 as const),
      value: interestingSize,
      littleEndian: fc.boolean(),
    }),
    fc.record({
      op: fc.constant('duplicate' as const),
      from: anyPosition,
      length: fc.integer({ min: 1, max: 256 }),
      to: anyPosition,
      times: repetitions,
    }),
    fc.record({ op: fc.constant('truncate' as const), at: anyPosition }),
    fc.record({
      op: fc.constant('splice' as const),
      other: fc.nat(),
      at: anyPosition,
      otherAt: anyPosition,
    }),
  ]
  const words = options.dictionary ?? []
  if (words.length) {
    // A token of the format (an entity, a keyword, a digit run) inserted whole: byte flips alone
    // almost never spell one.
    const tokens = words.map((w) => new Uint8Array(Buffer.from(w, 'utf8')))
    const token = fc.record({
      op: fc.constant('insert' as const),
      at: anyPosition,
      bytes: fc.constantFrom(...tokens),
    })
    plain.push(token, token)
  }
  if (!options.tlv) return fc.oneof(...plain)
  const structured: fc.Arbitrary<Mutation>[] = [
    fc.record({ op: fc.constant('tlv-value' as const), node: fc.nat(), edit: tlvEdit }),
    fc.record({ op: fc.constant('tlv-length' as const), node: fc.nat(), value: interestingSize }),
  ]
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...plain) },
    { weight: 2, arbitrary: fc.oneof(...structured) },
  )
}

/** Applies `mutations` to a copy of `seed` (`seeds` feeds splicing). */
export function applyMutations(
  seed: Uint8Array,
  mutations: readonly Mutation[],
  seeds: readonly Uint8Array[],
  limits: MutationLimits,
): Uint8Array {
  let bytes = seed
  for (const mutation of mutations) bytes = applyOne(bytes, mutation, seeds, limits)
  return bytes === seed ? seed.slice() : bytes
}

function applyOne(
  bytes: Uint8Array,
  m: Mutation,
  seeds: readonly Uint8Array[],
  limits: MutationLimits,
): Uint8Array {
  const n = bytes.length
  const pos = (at: number, room = n): number => (room === 0 ? 0 : at % room)
  switch (m.op) {
    case 'flip':
    case 'set': {
      if (n === 0) return bytes
      const out = bytes.slice()
      const i = pos(m.at)
      out[i] = m.op === 'flip' ? (out[i] ?? 0) ^ (1 << m.bit) : m.value
      return out
    }
    case 'insert': {
      const i = pos(m.at, n + 1)
      return capped(joined(bytes.subarray(0, i), m.bytes, bytes.subarray(i)), limits)
    }
    case 'remove': {
      const i = pos(m.at)
      return joined(bytes.subarray(0, i), bytes.subarray(i + m.length))
    }
    case 'length':
      return writeSize(bytes, pos(m.at), m.width, m.value, m.littleEndian)
    case 'duplicate': {
      const from = pos(m.from)
      const chunk = bytes.subarray(from, from + m.length)
      const times = Math.min(m.times, Math.floor((limits.maxBytes - n) / Math.max(1, chunk.length)))
      if (times <= 0 || chunk.length === 0) return bytes
      const to = pos(m.to, n + 1)
      return joined(bytes.subarray(0, to), repeat(chunk, times), bytes.subarray(to))
    }
    case 'truncate':
      return bytes.subarray(0, pos(m.at, n + 1))
    case 'splice': {
      const other = seeds[m.other % Math.max(1, seeds.length)] ?? bytes
      const out = joined(
        bytes.subarray(0, pos(m.at, n + 1)),
        other.subarray(pos(m.otherAt, other.length + 1)),
      )
      return capped(out, limits)
    }
    case 'tlv-value':
    case 'tlv-length':
      return applyTlv(bytes, m, limits)
  }
}

function applyTlv(
  bytes: Uint8Array,
  m: Extract<Mutation, { op: 'tlv-value' | 'tlv-length' }>,
  limits: MutationLimits,
): Uint8Array {
  const nodes = tlvNodes(bytes)
  if (nodes.length === 0) return bytes
  const index = m.node % nodes.length
  const node = nodes[index] as TlvNode
  if (m.op === 'tlv-length') {
    // Keep the field's width when the value fits it, else write a long form of 4 bytes.
    const width = node.lengthWidth
    const field =
      width === 1 && m.value < 0x80
        ? Uint8Array.of(m.value)
        : fixedLongForm(m.value, Math.max(width - 1, 1))
    return joined(bytes.subarray(0, node.lengthAt), field, bytes.subarray(node.lengthAt + width))
  }
  const value = bytes.subarray(node.valueStart, node.valueEnd)
  const room = limits.maxBytes - (bytes.length - value.length)
  const edited = editValue(value, m.edit, room)
  return edited ? replaceValue(bytes, nodes, index, edited) : bytes
}

function editValue(value: Uint8Array, edit: TlvEdit, room: number): Uint8Array | null {
  switch (edit.kind) {
    case 'repeat': {
      const times = Math.min(edit.times, Math.floor(room / Math.max(1, value.length)))
      return times >= 1 && value.length ? repeat(value, times) : null
    }
    case 'fill':
      return room > 0 ? new Uint8Array(Math.min(edit.length, room)).fill(edit.byte) : null
    case 'empty':
      return new Uint8Array(0)
    case 'bytes':
      return edit.bytes
  }
}

/** A long-form length of at least `count` bytes (more when the value needs them, at most 4). */
function fixedLongForm(value: number, count: number): Uint8Array {
  const need = value > 0xffffff ? 4 : value > 0xffff ? 3 : value > 0xff ? 2 : 1
  const w = Math.min(Math.max(count, need), 4)
  const out = new Uint8Array(1 + w)
  out[0] = 0x80 | w
  let v = value
  for (let i = w; i >= 1; i--) {
    out[i] = v & 0xff
    v = Math.floor(v / 256)
  }
  return out
}

function writeSize(
  bytes: Uint8Array,
  at: number,
  width: 1 | 2 | 4,
  value: number,
  littleEndian: boolean,
): Uint8Array {
  if (bytes.length < width) return bytes
  const out = bytes.slice()
  const start = Math.min(at, bytes.length - width)
  let v = value
  for (let i = 0; i < width; i++) {
    const index = littleEndian ? start + i : start + width - 1 - i
    out[index] = v & 0xff
    v = Math.floor(v / 256)
  }
  return out
}

function repeat(chunk: Uint8Array, times: number): Uint8Array {
  const out = new Uint8Array(chunk.length * times)
  for (let i = 0; i < times; i++) out.set(chunk, i * chunk.length)
  return out
}

function capped(bytes: Uint8Array, limits: MutationLimits): Uint8Array {
  return bytes.length > limits.maxBytes ? bytes.subarray(0, limits.maxBytes) : bytes
}
