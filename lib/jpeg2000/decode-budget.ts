import type { CodestreamHeader, CodingStyle } from './codestream'
import { Jpeg2000DecodeError } from './errors'

/**
 * How much a JPEG 2000 image may ask the decoder to allocate. OpenJPEG sizes its buffers from the
 * header alone (a 986-byte record declaring 65535×2100 pixels made it take 930 MB; 62,500 tiles of
 * 8×8 on a 2000×2000 image 630 MB; 2×2 precincts on 1600×1500 over 1 GB), so every number it
 * allocates by is bounded here and checked before the codestream reaches the decoder.
 */
export interface DecodeBudget {
  /** What the image is, for messages. */
  label: string
  maxWidth: number
  maxHeight: number
  maxPixels: number
  maxComponents: number
  /** Bits per sample. */
  maxBitDepth: number
  maxTiles: number
  maxDecompositionLevels: number
  maxLayers: number
  /** Upper bounds over all tiles and components (decodeStructureOf). */
  maxPrecincts: number
  maxCodeBlocks: number
}

/**
 * The coding structure shared by both budgets. A normal encoder writes one tile (or tiles of 256
 * and up), 5 or 6 decomposition levels, 64×64 code-blocks, maximal or 64…256 precincts, and 1 layer
 * for lossless images (rarely over 20 for lossy ones): 16×16 code-blocks and 32×32 precincts on
 * the largest image allowed still fit. At the limits OpenJPEG's bookkeeping stays near 40 MB
 * (about 10 kB per tile, 1 kB per precinct, 150 B per code-block, measured).
 */
const STRUCTURE = {
  maxTiles: 1024,
  // 2^12 = 4096, the longest side either budget allows.
  maxDecompositionLevels: 12,
  // OpenJPEG keeps an inclusion entry of 2 bytes per packet: 64 layers × the most precincts is 2 MB.
  maxLayers: 64,
  maxPrecincts: 16_384,
  maxCodeBlocks: 65_536,
} as const

/**
 * A finger image record (ISO/IEC 19794-4): 8-bit grey. The largest image is a four-finger slap,
 * FAP 60: 3.2 × 3.0 in, so 1600×1500 at 500 ppi and 3200×3000 (9.6 MP) at the 1000 ppi MOSIP
 * still accepts (up to 1010 ppi). Sides up to 4096 and 12 MP leave a quarter of margin.
 */
export const FINGERPRINT_DECODE_BUDGET: DecodeBudget = {
  label: 'fingerprint',
  maxWidth: 4096,
  maxHeight: 4096,
  maxPixels: 12_000_000,
  maxComponents: 1,
  maxBitDepth: 8,
  ...STRUCTURE,
}

/**
 * A portrait from the chip (DG2, ISO/IEC 19794-5): a full-frontal image of 35×45 mm is about
 * 413×531 at 300 ppi and under 1 MP even at 600 ppi. Sides up to 2048 and 2 MP are twice that;
 * grey, RGB or RGB with alpha, up to 16 bits.
 */
export const PORTRAIT_DECODE_BUDGET: DecodeBudget = {
  label: 'portrait',
  maxWidth: 2048,
  maxHeight: 2048,
  maxPixels: 2_097_152,
  maxComponents: 4,
  maxBitDepth: 16,
  ...STRUCTURE,
}

/** Upper bounds of what OpenJPEG builds for a codestream, over all tiles and components. */
export interface DecodeStructure {
  tiles: number
  precincts: number
  codeBlocks: number
}

/**
 * Precincts and code-blocks of one tile-component of `width`×`height` under one coding style
 * (Annex B.6, B.7). Both grids are anchored at 0 and a code-block is never larger than its
 * sub-band's precinct, so code-blocks never straddle precincts; one more row and column of each
 * covers a grid not aligned with the tile, so the counts never fall short.
 */
function tileComponentStructure(
  style: CodingStyle,
  width: number,
  height: number,
): { precincts: number; codeBlocks: number } {
  let precincts = 0
  let codeBlocks = 0
  const levels = style.decompositionLevels
  for (let r = 0; r <= levels; r++) {
    const scale = 2 ** (levels - r)
    const resolutionWidth = Math.ceil(width / scale)
    const resolutionHeight = Math.ceil(height / scale)
    const precinct = style.precincts?.[r] ?? { x: 15, y: 15 }
    precincts +=
      (Math.ceil(resolutionWidth / 2 ** precinct.x) + 1) *
      (Math.ceil(resolutionHeight / 2 ** precinct.y) + 1)
    // Above the lowest resolution there are three sub-bands of half the size, whose precincts are
    // half the size too.
    const shift = r === 0 ? 0 : 1
    const blockWidth = 2 ** Math.min(style.codeBlockWidthExp, precinct.x - shift)
    const blockHeight = 2 ** Math.min(style.codeBlockHeightExp, precinct.y - shift)
    const bandWidth = Math.ceil(resolutionWidth / 2 ** shift)
    const bandHeight = Math.ceil(resolutionHeight / 2 ** shift)
    const bands = r === 0 ? 1 : 3
    codeBlocks +=
      bands * (Math.ceil(bandWidth / blockWidth) + 1) * (Math.ceil(bandHeight / blockHeight) + 1)
  }
  return { precincts, codeBlocks }
}

/**
 * Upper bounds for the whole image: every tile as large as the nominal tile (or the image, if
 * smaller), every component under the worst coding style the stream declares anywhere.
 */
export function decodeStructureOf(header: CodestreamHeader): DecodeStructure {
  const tiles = header.tilesAcross * header.tilesDown
  const tileWidth = Math.min(header.tileWidth, header.width)
  const tileHeight = Math.min(header.tileHeight, header.height)
  let precincts = 0
  let codeBlocks = 0
  for (const component of header.components) {
    let worst = { precincts: 0, codeBlocks: 0 }
    for (const style of header.codingStyles) {
      const counts = tileComponentStructure(
        style,
        Math.ceil(tileWidth / component.dx),
        Math.ceil(tileHeight / component.dy),
      )
      worst = {
        precincts: Math.max(worst.precincts, counts.precincts),
        codeBlocks: Math.max(worst.codeBlocks, counts.codeBlocks),
      }
    }
    precincts += tiles * worst.precincts
    codeBlocks += tiles * worst.codeBlocks
  }
  return { tiles, precincts, codeBlocks }
}

function refuse(budget: DecodeBudget, detail: string): Jpeg2000DecodeError {
  return new Jpeg2000DecodeError('over-budget', `${budget.label} image refused: ${detail}`)
}

/** Throws Jpeg2000DecodeError('over-budget' or 'unsupported') unless the header fits the budget. */
export function checkDecodeBudget(header: CodestreamHeader, budget: DecodeBudget): void {
  const { width, height, components } = header
  if (width > budget.maxWidth || height > budget.maxHeight || width * height > budget.maxPixels) {
    throw refuse(budget, `${width}×${height} pixels`)
  }
  if (components.length > budget.maxComponents) {
    throw refuse(budget, `${components.length} components`)
  }
  const first = components[0]
  for (const component of components) {
    if (component.precision > budget.maxBitDepth) {
      throw refuse(budget, `${component.precision} bits per sample`)
    }
    // The codec hands back one interleaved buffer: components must all be alike and full size.
    if (component.dx !== 1 || component.dy !== 1) {
      throw new Jpeg2000DecodeError('unsupported', 'subsampled components')
    }
    if (component.precision !== first?.precision || component.signed !== first.signed) {
      throw new Jpeg2000DecodeError('unsupported', 'components of different sample formats')
    }
  }
  const levels = header.codingStyles.reduce((most, s) => Math.max(most, s.decompositionLevels), 0)
  if (levels > budget.maxDecompositionLevels) throw refuse(budget, `${levels} decomposition levels`)
  if (header.layers > budget.maxLayers) throw refuse(budget, `${header.layers} quality layers`)
  const tiles = header.tilesAcross * header.tilesDown
  if (tiles > budget.maxTiles) throw refuse(budget, `${tiles} tiles`)
  const structure = decodeStructureOf(header)
  if (structure.precincts > budget.maxPrecincts) {
    throw refuse(budget, `up to ${structure.precincts} precincts`)
  }
  if (structure.codeBlocks > budget.maxCodeBlocks) {
    throw refuse(budget, `up to ${structure.codeBlocks} code-blocks`)
  }
}
