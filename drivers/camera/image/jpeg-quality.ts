/**
 * The IJG (libjpeg) luminance quantisation table: ITU-T T.81 Annex K, Table K.1. Quality scaling
 * and the order of the entries do not matter here: the estimate compares sums of the table.
 */
const IJG_LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
  14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
  92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
] as const

/** The luminance table libjpeg's jpeg_set_quality writes for `quality` (baseline, clamped 1…255). */
function ijgTableSum(quality: number): number {
  const scale = quality < 50 ? Math.floor(5000 / quality) : 200 - 2 * quality
  let sum = 0
  for (const q of IJG_LUMINANCE)
    sum += Math.min(255, Math.max(1, Math.floor((q * scale + 50) / 100)))
  return sum
}

const IJG_SUMS = Array.from({ length: 100 }, (_, i) => ijgTableSum(i + 1))

/** Table 0 (luminance, by convention) of the first DQT segments before the scan, or null. */
function luminanceTable(bytes: Uint8Array): number[] | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null
  let at = 2
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] ?? 0
    if (marker === 0xda || marker === 0xd9) return null
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)
    if (length < 2 || at + 2 + length > bytes.length) return null
    if (marker === 0xdb) {
      const table = tableZeroIn(bytes.subarray(at + 4, at + 2 + length))
      if (table) return table
    }
    at += 2 + length
  }
  return null
}

/** Walks the tables of one DQT segment (precision/id byte, then 64 entries of 8 or 16 bits). */
function tableZeroIn(segment: Uint8Array): number[] | null {
  let at = 0
  while (at < segment.length) {
    const precision = (segment[at] ?? 0) >> 4
    const id = (segment[at] ?? 0) & 0x0f
    const size = precision === 0 ? 1 : 2
    if (at + 1 + 64 * size > segment.length) return null
    const values: number[] = []
    for (let i = 0; i < 64; i++) {
      const p = at + 1 + i * size
      values.push(size === 1 ? (segment[p] ?? 0) : ((segment[p] ?? 0) << 8) | (segment[p + 1] ?? 0))
    }
    if (id === 0) return values
    at += 1 + 64 * size
  }
  return null
}

/**
 * Estimates the quality factor (1–100) a JPEG was saved with, by finding the IJG quality whose
 * scaled standard luminance table is closest (in sum) to the file's table 0. Meaningful for
 * encoders that scale the standard table (libjpeg, jpeg-js, most cameras and browsers); a custom
 * table gets the nearest IJG quality. Null when the file has no readable luminance DQT.
 */
export function readJpegQuality(bytes: Uint8Array): number | null {
  const table = luminanceTable(bytes)
  if (!table) return null
  const sum = table.reduce((n, v) => n + v, 0)
  let best = 1
  for (let quality = 1; quality <= 100; quality++) {
    const delta = Math.abs((IJG_SUMS[quality - 1] ?? 0) - sum)
    if (delta < Math.abs((IJG_SUMS[best - 1] ?? 0) - sum)) best = quality
  }
  return best
}
