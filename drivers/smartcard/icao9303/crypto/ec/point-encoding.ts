import { concat, unsignedBigInt } from '../../../../../lib/bytes'
import { ParseError } from '../../../../../lib/parse-error'
import type { AffinePoint, Curve } from './curve'

/** Uncompressed SEC 1 encoding 04 || X || Y, each coordinate as long as the field. */
export function encodePoint(curve: Curve, point: AffinePoint): Uint8Array {
  return concat(
    Uint8Array.of(0x04),
    toFixedBytes(point.x, curve.byteLength),
    toFixedBytes(point.y, curve.byteLength),
  )
}

/**
 * Decodes an uncompressed point and checks that it lies on the curve. A hostile card may send anything
 * here (invalid-curve attacks), so only a valid point gets through; every failure is ParseError.
 * The curves we use have cofactor 1, so a point on the curve is in the prime-order group.
 */
export function decodePoint(curve: Curve, bytes: Uint8Array): AffinePoint {
  const size = curve.byteLength
  if (bytes.length !== 1 + 2 * size || bytes[0] !== 0x04) {
    throw new ParseError('ec-point', `expected 04 and ${2 * size} bytes, got ${bytes.length} bytes`)
  }
  const point = {
    x: fromBytes(bytes.subarray(1, 1 + size)),
    y: fromBytes(bytes.subarray(1 + size)),
  }
  if (!curve.isOnCurve(point)) throw new ParseError('ec-point', 'the point is not on the curve')
  if (curve.params.h !== 1n)
    throw new ParseError('ec-point', 'curves with a cofactor are not supported')
  return point
}

export function toFixedBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n) throw new RangeError('negative value')
  const out = new Uint8Array(length)
  let v = value
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  if (v !== 0n) throw new RangeError(`value does not fit in ${length} bytes`)
  return out
}

/** Unsigned big-endian bytes as a BigInt (linear time; callers bound the length). */
export function fromBytes(bytes: Uint8Array): bigint {
  return unsignedBigInt(bytes)
}
