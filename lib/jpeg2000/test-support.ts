/**
 * Tampering with real codestreams, for the tests of everything that decodes JPEG 2000: the bombs
 * are made from what the project's own encoder writes, with SIZ or COD rewritten the way a hostile
 * device or card would.
 */

const SIZ_AT = 2
const COD_MARKER = [0xff, 0x52]

function markerAt(stream: Uint8Array, marker: readonly number[]): number {
  for (let i = 0; i + 1 < stream.length; i++) {
    if (stream[i] === marker[0] && stream[i + 1] === marker[1]) return i
  }
  throw new Error('marker not found')
}

/** A copy with the image size (and the tile size, default the image size) rewritten in SIZ. */
export function withSiz(
  codestream: Uint8Array,
  size: { width: number; height: number; tileWidth?: number; tileHeight?: number },
): Uint8Array {
  const out = codestream.slice()
  const view = new DataView(out.buffer)
  // FF51, Lsiz, Rsiz, then Xsiz, Ysiz, XOsiz, YOsiz, XTsiz, YTsiz (offsets kept at 0).
  view.setUint32(SIZ_AT + 6, size.width)
  view.setUint32(SIZ_AT + 10, size.height)
  view.setUint32(SIZ_AT + 22, size.tileWidth ?? size.width)
  view.setUint32(SIZ_AT + 26, size.tileHeight ?? size.height)
  return out
}

/** The bits-per-sample field (Ssiz) of the first component rewritten. */
export function withBitDepth(codestream: Uint8Array, bits: number): Uint8Array {
  const out = codestream.slice()
  // After the eight 4-byte grid fields and Csiz (2 bytes) of SIZ.
  out[SIZ_AT + 40] = bits - 1
  return out
}

export interface CodOverrides {
  layers?: number
  decompositionLevels?: number
  /** Code-block size exponents (2 … 10). */
  codeBlockExp?: number
  /** One precinct exponent for every resolution; omitted: maximal precincts. */
  precinctExp?: number
}

/** A copy whose main-header COD segment is replaced by one with the given values. */
export function withCod(codestream: Uint8Array, overrides: CodOverrides): Uint8Array {
  const at = markerAt(codestream, COD_MARKER)
  const length = ((codestream[at + 2] ?? 0) << 8) | (codestream[at + 3] ?? 0)
  const old = codestream.subarray(at + 4, at + 2 + length)
  const levels = overrides.decompositionLevels ?? old[5] ?? 5
  const layers = overrides.layers ?? ((old[2] ?? 0) << 8) | (old[3] ?? 0)
  const codeBlock = overrides.codeBlockExp === undefined ? null : overrides.codeBlockExp - 2
  const precinctExp = overrides.precinctExp
  const precincts =
    precinctExp === undefined ? [] : Array.from({ length: levels + 1 }, () => precinctExp * 0x11)
  const body = [
    (old[0] ?? 0) | (precincts.length ? 1 : 0),
    old[1] ?? 0,
    layers >> 8,
    layers & 0xff,
    old[4] ?? 0,
    levels,
    codeBlock ?? old[6] ?? 4,
    codeBlock ?? old[7] ?? 4,
    old[8] ?? 0,
    old[9] ?? 1,
    ...precincts,
  ]
  const segment = Uint8Array.from([0xff, 0x52, 0, body.length + 2, ...body])
  const out = new Uint8Array(codestream.length - (length + 2) + segment.length)
  out.set(codestream.subarray(0, at))
  out.set(segment, at)
  out.set(codestream.subarray(at + 2 + length), at + segment.length)
  return out
}

/**
 * Runs `work` while sampling this process's resident memory every few milliseconds; returns how
 * far above the starting point it went. The codec worker is a thread of this process, so its
 * WebAssembly memory counts too.
 */
export async function peakRssGrowth<T>(
  work: () => Promise<T>,
): Promise<{ growthBytes: number; outcome: PromiseSettledResult<T> }> {
  const start = process.memoryUsage.rss()
  let peak = start
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }
  const timer = setInterval(sample, 2)
  const [outcome] = await Promise.allSettled([work()])
  clearInterval(timer)
  sample()
  if (!outcome) throw new Error('no outcome')
  return { growthBytes: peak - start, outcome }
}

/** A grey test pattern with structure in both directions. */
export function greyPattern(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels[y * width + x] = (x * 13 + y * 7 + ((x * y) >> 3)) & 0xff
  }
  return pixels
}
