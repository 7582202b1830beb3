import type { CurveParams } from './standard-curves'

/** A point in affine coordinates. The point at infinity is never represented: operations that would
 * produce it throw, because every protocol step here must reject it anyway. */
export interface AffinePoint {
  readonly x: bigint
  readonly y: bigint
}

/** Modified Jacobian coordinates (X, Y, Z, T = a·Z⁴): x = X/Z², y = Y/Z³. Z = 0 is infinity. */
interface JacobianPoint {
  x: bigint
  y: bigint
  z: bigint
  t: bigint
}

export class PointAtInfinityError extends RangeError {
  override readonly name = 'PointAtInfinityError'
}

const WINDOW = 5

/** base^exponent mod p by square-and-multiply (exponent ≥ 0). */
export function modPow(base: bigint, exponent: bigint, p: bigint): bigint {
  let result = 1n
  let b = base % p
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % p
    b = (b * b) % p
  }
  return result
}

/**
 * Short Weierstrass curve y² = x³ + ax + b over a prime field, with BigInt arithmetic. Scalar
 * multiplication uses width-5 NAF over modified Jacobian coordinates so that the dominant cost (the
 * doublings) is eight field multiplications each, whatever `a` is (Brainpool curves have a ≠ −3).
 * Not constant time: the terminal's keys are ephemeral, and the only long-term key handled here is
 * the virtual chip's simulated chip-authentication key.
 */
export class Curve {
  readonly byteLength: number
  readonly generator: AffinePoint

  constructor(
    readonly params: CurveParams,
    /** OpenSSL's name for the curve when it is a standard one: native ECDH can then help. */
    readonly nodeName?: string,
  ) {
    this.byteLength = Math.ceil(params.p.toString(16).length / 2)
    this.generator = { x: params.gx, y: params.gy }
  }

  /** Whether (x, y) are field elements satisfying the curve equation. */
  isOnCurve(point: AffinePoint): boolean {
    const { p, a, b } = this.params
    const { x, y } = point
    if (x < 0n || x >= p || y < 0n || y >= p) return false
    return (y * y - ((x * x + a) * x + b)) % p === 0n
  }

  add(p1: AffinePoint, p2: AffinePoint): AffinePoint {
    return this.toAffine(this.addMixed(this.fromAffine(p1), p2))
  }

  negate(point: AffinePoint): AffinePoint {
    return { x: point.x, y: point.y === 0n ? 0n : this.params.p - point.y }
  }

  /** k·P for 0 < k (reduced mod n); throws PointAtInfinityError if the result is infinity. */
  multiply(k: bigint, point: AffinePoint): AffinePoint {
    return this.toAffine(this.multiplyJacobian([[k, point]]))
  }

  /** k1·P1 + k2·P2 in one pass of doublings (Straus' trick). */
  multiplyAdd(k1: bigint, p1: AffinePoint, k2: bigint, p2: AffinePoint): AffinePoint {
    return this.toAffine(
      this.multiplyJacobian([
        [k1, p1],
        [k2, p2],
      ]),
    )
  }

  /** A square root of v mod p, or undefined; p ≡ 3 (mod 4) for every curve we use. */
  sqrt(v: bigint): bigint | undefined {
    const { p } = this.params
    if (p % 4n !== 3n) throw new RangeError('sqrt needs p ≡ 3 mod 4')
    const root = modPow(this.mod(v), (p + 1n) / 4n, p)
    return (root * root) % p === this.mod(v) ? root : undefined
  }

  /** y for a given x (either root; both give points with the same x). */
  liftX(x: bigint): AffinePoint | undefined {
    const { p, a, b } = this.params
    if (x < 0n || x >= p) return undefined
    const y = this.sqrt((x * x + a) * x + b)
    return y === undefined ? undefined : { x, y }
  }

  // ---- internals -----------------------------------------------------------------------------

  private mod(v: bigint): bigint {
    const r = v % this.params.p
    return r < 0n ? r + this.params.p : r
  }

  /** Modular inverse by the extended Euclidean algorithm. */
  invert(v: bigint): bigint {
    const { p } = this.params
    let a = this.mod(v)
    if (a === 0n) throw new PointAtInfinityError('inverse of zero')
    let b = p
    let x0 = 1n
    let x1 = 0n
    while (b !== 0n) {
      const q = a / b
      ;[a, b] = [b, a - q * b]
      ;[x0, x1] = [x1, x0 - q * x1]
    }
    return this.mod(x0)
  }

  private fromAffine(point: AffinePoint): JacobianPoint {
    return { x: point.x, y: point.y, z: 1n, t: this.mod(this.params.a) }
  }

  private toAffine(point: JacobianPoint): AffinePoint {
    if (point.z === 0n) throw new PointAtInfinityError('result is the point at infinity')
    const { p } = this.params
    const zInv = this.invert(point.z)
    const zInv2 = (zInv * zInv) % p
    return { x: (point.x * zInv2) % p, y: (((point.y * zInv2) % p) * zInv) % p }
  }

  private double(point: JacobianPoint): JacobianPoint {
    const { p } = this.params
    const { x, y, z, t } = point
    if (z === 0n || y === 0n) return { x: 1n, y: 1n, z: 0n, t: 0n }
    const xx = (x * x) % p
    const yy = (y * y) % p
    const yyyy8 = (8n * yy * yy) % p
    const s = (4n * x * yy) % p
    const m = (3n * xx + t) % p
    const x3 = this.mod(m * m - 2n * s)
    return {
      x: x3,
      y: this.mod(m * (s - x3) - yyyy8),
      z: (2n * y * z) % p,
      t: (2n * yyyy8 * t) % p,
    }
  }

  private addMixed(point: JacobianPoint, q: AffinePoint): JacobianPoint {
    const { p, a } = this.params
    const { x: x1, y: y1, z: z1 } = point
    if (z1 === 0n) return this.fromAffine(q)
    const z1z1 = (z1 * z1) % p
    const u2 = (q.x * z1z1) % p
    const s2 = (((q.y * z1) % p) * z1z1) % p
    const h = this.mod(u2 - x1)
    const r = this.mod(s2 - y1)
    if (h === 0n) return r === 0n ? this.double(point) : { x: 1n, y: 1n, z: 0n, t: 0n }
    const hh = (h * h) % p
    const hhh = (h * hh) % p
    const v = (x1 * hh) % p
    const x3 = this.mod(r * r - hhh - 2n * v)
    const z3 = (z1 * h) % p
    const z3z3 = (z3 * z3) % p
    return {
      x: x3,
      y: this.mod(r * (v - x3) - y1 * hhh),
      z: z3,
      t: this.mod(a * ((z3z3 * z3z3) % p)),
    }
  }

  /** Odd multiples P, 3P, …, (2^(w-1) − 1)P in affine form, sharing one inversion (Montgomery's trick). */
  private oddMultiples(point: AffinePoint): AffinePoint[] {
    const { p } = this.params
    const twice = this.toAffine(this.double(this.fromAffine(point)))
    const jacobian: JacobianPoint[] = [this.fromAffine(point)]
    for (let i = 1; i < 1 << (WINDOW - 2); i++) {
      const next = this.addMixed(jacobian[i - 1] ?? this.fromAffine(point), twice)
      if (next.z === 0n) throw new PointAtInfinityError('point of small order')
      jacobian.push(next)
    }
    const prefix: bigint[] = []
    let product = 1n
    for (const j of jacobian) {
      product = (product * j.z) % p
      prefix.push(product)
    }
    let inverse = this.invert(product)
    const out: AffinePoint[] = new Array<AffinePoint>(jacobian.length)
    for (let i = jacobian.length - 1; i >= 0; i--) {
      const j = jacobian[i] ?? { x: 0n, y: 0n, z: 1n, t: 0n }
      const zInv = i === 0 ? inverse : (inverse * (prefix[i - 1] ?? 1n)) % p
      inverse = (inverse * j.z) % p
      const zInv2 = (zInv * zInv) % p
      out[i] = { x: (j.x * zInv2) % p, y: (((j.y * zInv2) % p) * zInv) % p }
    }
    return out
  }

  private multiplyJacobian(terms: readonly (readonly [bigint, AffinePoint])[]): JacobianPoint {
    const { n } = this.params
    const prepared = terms.map(([k, point]) => {
      const scalar = ((k % n) + n) % n
      if (scalar === 0n) throw new PointAtInfinityError('scalar is a multiple of the order')
      return { naf: wnaf(scalar), table: this.oddMultiples(point) }
    })
    const length = Math.max(...prepared.map((t) => t.naf.length))
    let acc: JacobianPoint = { x: 1n, y: 1n, z: 0n, t: 0n }
    for (let i = length - 1; i >= 0; i--) {
      acc = this.double(acc)
      for (const { naf, table } of prepared) {
        const digit = naf[i] ?? 0
        if (digit === 0) continue
        const entry = table[(Math.abs(digit) - 1) >> 1]
        if (!entry) throw new RangeError('wNAF digit out of range')
        acc = this.addMixed(acc, digit > 0 ? entry : this.negate(entry))
      }
    }
    return acc
  }
}

/** Width-w non-adjacent form, least significant digit first. */
function wnaf(k: bigint): number[] {
  const digits: number[] = []
  const full = 1n << BigInt(WINDOW)
  const half = full >> 1n
  let v = k
  while (v > 0n) {
    if (v & 1n) {
      let d = v & (full - 1n)
      if (d >= half) d -= full
      digits.push(Number(d))
      v -= d
    } else {
      digits.push(0)
    }
    v >>= 1n
  }
  return digits
}
