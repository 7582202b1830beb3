import { WsqError } from './errors'
import type { DecodingTable, EncodingTable } from './huffman'

/**
 * The coefficient alphabet of IAFIS-IC-0110 v3.1 §B.1 (table B-1): one Huffman symbol per zero
 * run or coefficient, with escapes for the long and the large ones.
 */
export const SYMBOL = {
  /** 1 … 100: a run of that many zeros. */
  maxRun: 100,
  positive8: 101,
  negative8: 102,
  positive16: 103,
  negative16: 104,
  run8: 105,
  run16: 106,
  /** 107 … 254: the coefficient (symbol − 180), for −73 … 74. */
  coefficientBias: 180,
} as const
const MIN_DIRECT = -73
const MAX_DIRECT = 74

/** A symbol and the raw bits that follow it. */
export interface Token {
  symbol: number
  extra: number
  extraBits: number
}

function runTokens(run: number, out: Token[]): void {
  let left = run
  while (left > 0) {
    // Runs longer than 16 bits are split; consecutive runs simply add up.
    const n = Math.min(left, 0xffff)
    if (n <= SYMBOL.maxRun) out.push({ symbol: n, extra: 0, extraBits: 0 })
    else if (n <= 0xff) out.push({ symbol: SYMBOL.run8, extra: n, extraBits: 8 })
    else out.push({ symbol: SYMBOL.run16, extra: n, extraBits: 16 })
    left -= n
  }
}

function coefficientToken(v: number): Token {
  if (v >= MIN_DIRECT && v <= MAX_DIRECT)
    return { symbol: SYMBOL.coefficientBias + v, extra: 0, extraBits: 0 }
  const magnitude = Math.abs(v)
  if (magnitude <= 0xff)
    return { symbol: v > 0 ? SYMBOL.positive8 : SYMBOL.negative8, extra: magnitude, extraBits: 8 }
  return { symbol: v > 0 ? SYMBOL.positive16 : SYMBOL.negative16, extra: magnitude, extraBits: 16 }
}

/** A block's bin indices as symbols (zero runs collapsed). */
export function tokenise(values: Int32Array): Token[] {
  const out: Token[] = []
  let run = 0
  for (const v of values) {
    if (v === 0) {
      run++
      continue
    }
    runTokens(run, out)
    run = 0
    out.push(coefficientToken(v))
  }
  runTokens(run, out)
  return out
}

export function symbolFrequencies(tokens: readonly Token[]): number[] {
  const freq = new Array<number>(256).fill(0)
  for (const t of tokens) freq[t.symbol] = (freq[t.symbol] ?? 0) + 1
  return freq
}

/** MSB-first bits with a 0x00 stuffed after every 0xFF, padded with ones (§B.3, as in T.81). */
export function writeEntropyCoded(tokens: readonly Token[], table: EncodingTable): Uint8Array {
  const out: number[] = []
  let acc = 0
  let used = 0
  const put = (value: number, bits: number) => {
    for (let b = bits - 1; b >= 0; b--) {
      acc = (acc << 1) | ((value >>> b) & 1)
      if (++used === 8) {
        out.push(acc)
        if (acc === 0xff) out.push(0)
        acc = 0
        used = 0
      }
    }
  }
  for (const t of tokens) {
    const length = table.length[t.symbol] ?? 0
    put(table.code[t.symbol] ?? 0, length)
    if (t.extraBits > 0) put(t.extra, t.extraBits)
  }
  if (used > 0) put(0xff, 8 - used)
  return Uint8Array.from(out)
}

/** Reads entropy-coded bits from `start`; a marker inside the data means the block was cut short. */
class BitReader {
  private acc = 0
  private left = 0

  constructor(
    private readonly bytes: Uint8Array,
    public position: number,
  ) {}

  bit(): number {
    if (this.left === 0) {
      if (this.position >= this.bytes.length)
        throw new WsqError('truncated', 'the data ends inside a block')
      const byte = this.bytes[this.position++] ?? 0
      if (byte === 0xff) {
        const next = this.bytes[this.position]
        if (next !== 0x00)
          throw new WsqError('truncated', `a marker at byte ${this.position - 1} inside a block`)
        this.position++
      }
      this.acc = byte
      this.left = 8
    }
    this.left--
    return (this.acc >>> this.left) & 1
  }

  bits(n: number): number {
    let v = 0
    for (let i = 0; i < n; i++) v = (v << 1) | this.bit()
    return v
  }
}

function readSymbol(reader: BitReader, table: DecodingTable): number {
  let code = 0
  for (let l = 1; l <= 16; l++) {
    code = (code << 1) | reader.bit()
    const max = table.maxCode[l] ?? -1
    if (max >= 0 && code <= max && code >= (table.minCode[l] ?? 0))
      return table.values[(table.firstValue[l] ?? 0) + code - (table.minCode[l] ?? 0)] ?? 0
  }
  throw new WsqError('bad-huffman', 'a code that is not in the table')
}

function addRun(out: Int32Array, at: number, run: number): number {
  if (at + run > out.length)
    throw new WsqError('bad-data', `a run of ${run} zeros passes the end of the block`)
  // The block starts zeroed: a run only moves the position.
  return at + run
}

/**
 * Decodes `count` bin indices starting at byte `start`; returns them and the byte after the block.
 * Every symbol fills at least one coefficient, so the work is bounded by the count and the bytes.
 */
export function readEntropyCoded(
  bytes: Uint8Array,
  start: number,
  count: number,
  table: DecodingTable,
): { values: Int32Array; end: number } {
  const out = new Int32Array(count)
  const reader = new BitReader(bytes, start)
  let at = 0
  while (at < count) {
    const s = readSymbol(reader, table)
    if (s >= 1 && s <= SYMBOL.maxRun) at = addRun(out, at, s)
    else if (s === SYMBOL.run8) at = addRun(out, at, reader.bits(8))
    else if (s === SYMBOL.run16) at = addRun(out, at, reader.bits(16))
    else if (s === SYMBOL.positive8) out[at++] = reader.bits(8)
    else if (s === SYMBOL.negative8) out[at++] = -reader.bits(8)
    else if (s === SYMBOL.positive16) out[at++] = reader.bits(16)
    else if (s === SYMBOL.negative16) out[at++] = -reader.bits(16)
    else if (s > SYMBOL.run16 && s < 255) out[at++] = s - SYMBOL.coefficientBias
    else throw new WsqError('bad-huffman', `symbol ${s} is not in the WSQ alphabet`)
  }
  return { values: out, end: reader.position }
}
