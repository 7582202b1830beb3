import { createECDH } from 'node:crypto'
import type { AffinePoint, Curve } from './curve'
import type { RandomBytes } from '../random'
import { encodePoint, fromBytes, toFixedBytes } from './point-encoding'

/**
 * A private key in [1, n−1] by rejection sampling: the top byte is masked to n's bit length and draws
 * ≥ n are retried. A draw below n is used as is, which lets tests replay published private keys.
 */
export function generatePrivateKey(curve: Curve, randomBytes: RandomBytes): bigint {
  const { n } = curve.params
  const bits = n.toString(2).length
  const length = Math.ceil(bits / 8)
  const topMask = 0xff >> (length * 8 - bits)
  for (let attempt = 0; attempt < 1000; attempt++) {
    const draw = randomBytes(length).slice(0, length)
    if (draw.length !== length) throw new RangeError('randomBytes returned too few bytes')
    draw[0] = (draw[0] ?? 0) & topMask
    const k = fromBytes(draw)
    if (k > 0n && k < n) return k
  }
  throw new RangeError('randomBytes keeps returning values outside [1, n−1]')
}

/**
 * k·G for the curve's own generator (native OpenSSL when the curve is standard, much faster for
 * P-256), or k·base for another base point such as PACE's mapped generator.
 */
export function publicKeyOf(curve: Curve, k: bigint, base?: AffinePoint): AffinePoint {
  const standardBase = !base || (base.x === curve.generator.x && base.y === curve.generator.y)
  if (standardBase && curve.nodeName) {
    const ecdh = createECDH(curve.nodeName)
    ecdh.setPrivateKey(toFixedBytes(k, orderLength(curve)))
    const pub = ecdh.getPublicKey()
    const size = curve.byteLength
    return { x: fromBytes(pub.subarray(1, 1 + size)), y: fromBytes(pub.subarray(1 + size)) }
  }
  return curve.multiply(k, base ?? curve.generator)
}

/**
 * OpenSSL's variable-base multiplication (ECDH computeSecret) only beats our BigInt code on P-256,
 * where it has dedicated code; measured on Node 20 it is slower for the Brainpool curves, P-384 and
 * P-521. Fixed-base k·G is faster natively on every curve (precomputed tables).
 */
const NATIVE_ECDH_CURVES = new Set(['prime256v1'])

/** The x-coordinate of k·P as a field-length byte string: the ECDH shared secret of ICAO 9303-11. */
export function sharedSecretX(curve: Curve, k: bigint, point: AffinePoint): Uint8Array {
  if (curve.nodeName && NATIVE_ECDH_CURVES.has(curve.nodeName)) {
    // Any point of the group works natively: the generator plays no part in k·P.
    const ecdh = createECDH(curve.nodeName)
    ecdh.setPrivateKey(toFixedBytes(k, orderLength(curve)))
    return new Uint8Array(ecdh.computeSecret(encodePoint(curve, point)))
  }
  return toFixedBytes(curve.multiply(k, point).x, curve.byteLength)
}

function orderLength(curve: Curve): number {
  return Math.ceil(curve.params.n.toString(16).length / 2)
}
