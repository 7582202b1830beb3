import { concat } from '../../../lib/bytes'

/**
 * A best-effort BER-TLV walker for the mutation engine, written apart from lib/asn1 so that the
 * fuzzer does not lean on the code it tests. It finds the TLV nodes of a valid seed (descending into
 * constructed values and into primitive values that happen to hold TLVs, as EF.SOD's OCTET STRING
 * holds the LDSSecurityObject) and can rebuild the bytes with one node's value replaced, re-encoding
 * every enclosing length so the result stays well-formed up to that node.
 */
export interface TlvNode {
  /** Offset of the tag. */
  start: number
  /** Offset of the first length byte. */
  lengthAt: number
  /** Bytes of the length field (1 for short form, 1 + n for long form). */
  lengthWidth: number
  valueStart: number
  valueEnd: number
  /** Index of the enclosing node in the list, or -1 at the top. */
  parent: number
  tag: number
}

const MAX_DEPTH = 12
const MAX_NODES = 4096

interface Header {
  tag: number
  lengthAt: number
  lengthWidth: number
  valueStart: number
  valueEnd: number
}

function header(bytes: Uint8Array, at: number, end: number): Header | null {
  let p = at
  const first = bytes[p++]
  if (first === undefined || p > end) return null
  let tag = first
  if ((first & 0x1f) === 0x1f) {
    for (let i = 0; ; i++) {
      const next = bytes[p++]
      if (next === undefined || p > end || i > 2) return null
      tag = tag * 256 + next
      if ((next & 0x80) === 0) break
    }
  }
  const lengthAt = p
  const lengthByte = bytes[p++]
  if (lengthByte === undefined || p > end) return null
  let length = lengthByte
  if (lengthByte >= 0x80) {
    const count = lengthByte & 0x7f
    if (count === 0 || count > 4) return null
    length = 0
    for (let i = 0; i < count; i++) {
      const b = bytes[p++]
      if (b === undefined || p > end) return null
      length = length * 256 + b
    }
  }
  if (p + length > end) return null
  return { tag, lengthAt, lengthWidth: p - lengthAt, valueStart: p, valueEnd: p + length }
}

/** Reads consecutive TLVs filling [from, to) exactly, or null when they do not. */
function list(bytes: Uint8Array, from: number, to: number): Header[] | null {
  const out: Header[] = []
  let at = from
  while (at < to) {
    const h = header(bytes, at, to)
    if (!h) return null
    out.push(h)
    at = h.valueEnd
  }
  return out
}

/** Every TLV node of `bytes` (trailing bytes that are not TLVs are left out). */
export function tlvNodes(bytes: Uint8Array): TlvNode[] {
  const nodes: TlvNode[] = []
  const top: Header[] = []
  for (let at = 0; at < bytes.length;) {
    const h = header(bytes, at, bytes.length)
    if (!h) break
    top.push(h)
    at = h.valueEnd
  }
  const visit = (items: readonly Header[], parent: number, depth: number): void => {
    for (const item of items) {
      if (nodes.length >= MAX_NODES) return
      const index = nodes.push({ ...item, start: item.lengthAt - tagWidth(item.tag), parent }) - 1
      if (depth >= MAX_DEPTH || item.valueEnd === item.valueStart) continue
      // Primitive values are tried too: OCTET and BIT STRINGs often carry DER (eContent, keys).
      const skip = item.tag === 0x03 ? 1 : 0
      const inner = list(bytes, item.valueStart + skip, item.valueEnd)
      if (inner && inner.length) visit(inner, index, depth + 1)
    }
  }
  visit(top, -1, 0)
  return nodes
}

function tagWidth(tag: number): number {
  return tag > 0xffff ? 3 : tag > 0xff ? 2 : 1
}

/** DER length field for `length`. */
export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length)
  const out: number[] = []
  for (let v = length; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff)
  return Uint8Array.from([0x80 | out.length, ...out])
}

/**
 * `bytes` with node `target`'s value replaced by `value`, every ancestor's length re-encoded.
 * Bytes outside the ancestors are kept as they were.
 */
export function replaceValue(
  bytes: Uint8Array,
  nodes: readonly TlvNode[],
  target: number,
  value: Uint8Array,
): Uint8Array {
  let node = nodes[target]
  if (!node) return bytes
  let before = bytes.subarray(0, node.start)
  let after = bytes.subarray(node.valueEnd)
  let inner = joined(bytes.subarray(node.start, node.lengthAt), encodeLength(value.length), value)
  // Walk outwards: each ancestor gets the new inner bytes and a fresh length.
  while (node.parent >= 0) {
    const parent: TlvNode | undefined = nodes[node.parent]
    if (!parent) break
    const prefix = bytes.subarray(parent.valueStart, node.start)
    const suffix = bytes.subarray(node.valueEnd, parent.valueEnd)
    const content = joined(prefix, inner, suffix)
    inner = joined(
      bytes.subarray(parent.start, parent.lengthAt),
      encodeLength(content.length),
      content,
    )
    before = bytes.subarray(0, parent.start)
    after = bytes.subarray(parent.valueEnd)
    node = parent
  }
  return joined(before, inner, after)
}

/** The parts back to back (lib's concat, under the name the targets use for inputs). */
export const joined: (...parts: readonly Uint8Array[]) => Uint8Array = concat
