import { WsqError } from './errors'

/**
 * Where the 64 subbands of a WSQ image lie (IAFIS-IC-0110 v3.1 §A.2, figures ): a
 * wavelet-packet tree of 20 two-dimensional splits. Each split filters rows then columns; the low
 * band takes ceil(n/2) samples and the high band floor(n/2). A region that lies in the high band of
 * its parent along an axis is spectrally inverted along that axis, so its own split stores the high
 * band first there (the spec's "inverted" rows and columns); that keeps the subband numbering in
 * frequency order at every level and fixes which half is the larger one for odd lengths.
 */
export interface Region {
  x: number
  y: number
  width: number
  height: number
}

export interface SplitNode extends Region {
  /** The high band comes first along x (rows are filtered with the output halves swapped). */
  invertX: boolean
  invertY: boolean
}

export interface WsqGeometry {
  /** The 20 splits in analysis order (parents before children); synthesis runs them backwards. */
  splits: SplitNode[]
  /** Subbands 0 … 63 in the spec's numbering; 60 … 63 (the first level's diagonal band) are never coded. */
  subbands: Region[]
}

/** Subbands coded in each of the three blocks (§A.3: one SOB per block). */
export const BLOCK_SUBBANDS: readonly (readonly [number, number])[] = [
  [0, 19],
  [19, 52],
  [52, 60],
]
export const CODED_SUBBANDS = 60
export const ALL_SUBBANDS = 64

/** Smallest side the five-level tree can split without a band of length zero. */
export const MIN_SIDE = 32

function halves(length: number, inverted: boolean): [number, number] {
  const low = Math.ceil(length / 2)
  const high = length - low
  return inverted ? [high, low] : [low, high]
}

/** The four quadrants of a split: top-left, top-right, bottom-left, bottom-right. */
function quadrants(node: SplitNode): [SplitNode, SplitNode, SplitNode, SplitNode] {
  const [w0, w1] = halves(node.width, node.invertX)
  const [h0, h1] = halves(node.height, node.invertY)
  const { x, y } = node
  return [
    { x, y, width: w0, height: h0, invertX: false, invertY: false },
    { x: x + w0, y, width: w1, height: h0, invertX: true, invertY: false },
    { x, y: y + h0, width: w0, height: h1, invertX: false, invertY: true },
    { x: x + w0, y: y + h0, width: w1, height: h1, invertX: true, invertY: true },
  ]
}

const regionOf = ({ x, y, width, height }: SplitNode): Region => ({ x, y, width, height })

/** The 16 subbands of a region split twice, in the spec's order (each quadrant's four in turn). */
function sixteen(node: SplitNode): SplitNode[] {
  return quadrants(node).flatMap((q) => quadrants(q))
}

export function wsqGeometry(width: number, height: number): WsqGeometry {
  if (width < MIN_SIDE || height < MIN_SIDE)
    throw new WsqError(
      'unsupported',
      `${width}×${height}: WSQ needs at least ${MIN_SIDE} pixels a side`,
    )
  const root: SplitNode = { x: 0, y: 0, width, height, invertX: false, invertY: false }
  const [n1, n2, n3, n60] = quadrants(root)
  const [n14, n4, n5, n51] = quadrants(n1)
  const [n6, n7, n8, n9] = quadrants(n4)
  const [n10, n11, n12, n13] = quadrants(n5)
  const [n15, n16, n17, n18] = quadrants(n14)
  const [n19, s4, s5, s6] = quadrants(n15)
  const splits = [root, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12, n13, n14]
  splits.push(n15, n16, n17, n18, n19)
  const subbands = [
    ...quadrants(n19),
    s4,
    s5,
    s6,
    ...[n16, n17, n18].flatMap((q) => quadrants(q)),
    ...sixteen(n4),
    ...sixteen(n5),
    n51,
    ...quadrants(n2),
    ...quadrants(n3),
    ...quadrants(n60),
  ].map(regionOf)
  return { splits, subbands }
}
