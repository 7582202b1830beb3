import { WsqError } from './errors'

/**
 * Huffman tables as the DHT segment carries them (IAFIS-IC-0110 v3.1 §B.2, the JPEG layout of
 * ITU-T T.81 annex C): `bits[l]` codes of length l + 1 (l = 0 … 15), then the symbols in code
 * order. Codes are canonical: consecutive within a length, doubled when the length grows.
 */
export interface HuffmanTable {
  bits: Uint8Array
  values: Uint8Array
}

export const MAX_CODE_LENGTH = 16

/** Code lengths of a Huffman code for `freq` (0 = unused), one symbol more for the reserve. */
function codeLengths(freq: readonly number[]): number[] {
  interface Node {
    weight: number
    symbols: number[]
  }
  const nodes: Node[] = []
  freq.forEach((f, s) => {
    if (f > 0) nodes.push({ weight: f, symbols: [s] })
  })
  const lengths: number[] = freq.map(() => 0)
  if (nodes.length === 1) lengths[nodes[0]?.symbols[0] ?? 0] = 1
  while (nodes.length > 1) {
    // Few symbols (≤ 257): a sort per merge is simpler than a heap and fast enough.
    nodes.sort((a, b) => a.weight - b.weight || (a.symbols[0] ?? 0) - (b.symbols[0] ?? 0))
    const a = nodes.shift() as Node
    const b = nodes.shift() as Node
    for (const s of [...a.symbols, ...b.symbols]) lengths[s] = (lengths[s] ?? 0) + 1
    nodes.push({ weight: a.weight + b.weight, symbols: [...a.symbols, ...b.symbols] })
  }
  return lengths
}

/**
 * The table for symbol frequencies (256 symbols), built as T.81 annex K.2–K.3 describe: a reserved
 * symbol of weight 1 keeps the all-ones code out of use, lengths over 16 are folded back, and the
 * reserved code is dropped at the end.
 */
export function buildHuffmanTable(frequencies: readonly number[]): HuffmanTable {
  const freq: number[] = [...frequencies.slice(0, 256)]
  while (freq.length < 256) freq.push(0)
  if (!freq.some((f) => f > 0)) freq[1] = 1
  freq.push(1)
  const lengths = codeLengths(freq)
  const counts = new Array<number>(Math.max(...lengths) + 1).fill(0)
  for (const l of lengths) if (l > 0) counts[l] = (counts[l] ?? 0) + 1
  let i = counts.length - 1
  while (i > MAX_CODE_LENGTH) {
    if ((counts[i] ?? 0) > 0) {
      let j = i - 2
      while ((counts[j] ?? 0) === 0) j--
      counts[i] = (counts[i] ?? 0) - 2
      counts[i - 1] = (counts[i - 1] ?? 0) + 1
      counts[j + 1] = (counts[j + 1] ?? 0) + 2
      counts[j] = (counts[j] ?? 0) - 1
    } else i--
  }
  while ((counts[i] ?? 0) === 0) i--
  counts[i] = (counts[i] ?? 0) - 1
  const bits = new Uint8Array(MAX_CODE_LENGTH)
  for (let l = 1; l <= MAX_CODE_LENGTH; l++) bits[l - 1] = counts[l] ?? 0
  const order = freq
    .map((_, s) => s)
    .filter((s) => s < 256 && (lengths[s] ?? 0) > 0)
    .sort((a, b) => (lengths[a] ?? 0) - (lengths[b] ?? 0) || a - b)
  return { bits, values: Uint8Array.from(order) }
}

/** Codes and lengths by symbol, for the encoder. */
export interface EncodingTable {
  code: Uint32Array
  length: Uint8Array
}

export function encodingTable(table: HuffmanTable): EncodingTable {
  const code = new Uint32Array(256)
  const length = new Uint8Array(256)
  let next = 0
  let v = 0
  for (let l = 1; l <= MAX_CODE_LENGTH; l++) {
    for (let n = 0; n < (table.bits[l - 1] ?? 0); n++) {
      const symbol = table.values[v++] ?? 0
      code[symbol] = next++
      length[symbol] = l
    }
    next <<= 1
  }
  return { code, length }
}

/** T.81 F.2.2.3's MAXCODE / VALPTR / MINCODE form, for the decoder. */
export interface DecodingTable {
  /** Largest code of each length, -1 when there is none. */
  maxCode: Int32Array
  minCode: Int32Array
  /** Index into values of the first code of each length. */
  firstValue: Int32Array
  values: Uint8Array
}

/** Checks a table read from a file and prepares it; throws WsqError('bad-huffman') if malformed. */
export function decodingTable(table: HuffmanTable): DecodingTable {
  const maxCode = new Int32Array(MAX_CODE_LENGTH + 1).fill(-1)
  const minCode = new Int32Array(MAX_CODE_LENGTH + 1)
  const firstValue = new Int32Array(MAX_CODE_LENGTH + 1)
  let code = 0
  let v = 0
  for (let l = 1; l <= MAX_CODE_LENGTH; l++) {
    const n = table.bits[l - 1] ?? 0
    if (n > 0) {
      firstValue[l] = v
      minCode[l] = code
      code += n
      v += n
      maxCode[l] = code - 1
      // A code of length l must fit in l bits; more codes than that is not a prefix code.
      if (code > 2 ** l) throw new WsqError('bad-huffman', `${n} codes of length ${l} do not fit`)
    }
    code <<= 1
  }
  if (v === 0) throw new WsqError('bad-huffman', 'a Huffman table with no codes')
  if (v !== table.values.length)
    throw new WsqError('bad-huffman', `${table.values.length} symbols for ${v} codes`)
  return { maxCode, minCode, firstValue, values: table.values }
}
