import { ParseError } from '../../../../../lib/parse-error'
import {
  decodeInteger,
  decodeOid,
  decodeSmallInteger,
  derBitString,
  derInteger,
  derIntegerFromBytes,
  derOctetString,
  derOid,
  derSequence,
  DER,
  expectTag,
} from '../../../../../lib/asn1/der'
import { children, readTlv, type Tlv } from '../../../../../lib/asn1/tlv'
import { modPow, type AffinePoint, type Curve } from './curve'
import { curveForParameterId, curveForParams } from './domains'
import { decodePoint, encodePoint, fromBytes, toFixedBytes } from './point-encoding'
import {
  matchStandardCurve,
  standardCurveById,
  standardCurveByOid,
  type CurveParams,
} from './standard-curves'

export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1'
export const OID_PRIME_FIELD = '1.2.840.10045.1.1'
/** BSI TR-03110 id-PK-ECDH, also used as the SubjectPublicKeyInfo algorithm in some DG14s. */
export const OID_PK_ECDH = '0.4.0.127.0.7.2.2.1.2'
/** BSI TR-03110 standardizedDomainParameters: the parameters are an INTEGER id (ICAO table). */
export const OID_STANDARDIZED_DOMAIN_PARAMETERS = '0.4.0.127.0.7.1.2'

/** An EC public key with the curve it lives on. */
export interface EcPublicKey {
  curve: Curve
  point: AffinePoint
  /** The standardized domain parameter id when the curve is one of ICAO's (12–18). */
  parameterId?: number
}

/** How the domain parameters are written when encoding: by id, by named-curve OID, or in full. */
export type EcParametersStyle = 'standardized' | 'named' | 'explicit'

/**
 * Reads a SubjectPublicKeyInfo holding an EC key (id-ecPublicKey or id-PK-ECDH). Parameters may be a
 * named-curve OID, explicit ECParameters, a standardized domain parameter id, or an
 * AlgorithmIdentifier { standardizedDomainParameters, id }. Throws ParseError otherwise.
 */
export function decodeEcSubjectPublicKeyInfo(node: Tlv): EcPublicKey {
  expectTag(node, DER.SEQUENCE, 'ec-key')
  const [algorithm, key] = children(node)
  if (!algorithm || !key) throw new ParseError('ec-key', 'SubjectPublicKeyInfo needs two fields')
  const [oidNode, paramsNode] = children(expectTag(algorithm, DER.SEQUENCE, 'ec-key'))
  if (!oidNode) throw new ParseError('ec-key', 'empty AlgorithmIdentifier')
  const oid = decodeOid(oidNode)
  let domain: { curve: Curve; parameterId?: number }
  if (oid === OID_STANDARDIZED_DOMAIN_PARAMETERS) {
    domain = byParameterId(paramsNode)
  } else if (oid === OID_EC_PUBLIC_KEY || oid === OID_PK_ECDH) {
    if (!paramsNode) throw new ParseError('ec-key', 'EC key without domain parameters')
    domain = decodeDomain(paramsNode)
  } else {
    throw new ParseError('ec-key', `not an EC key: ${oid}`)
  }
  expectTag(key, DER.BIT_STRING, 'ec-key')
  if (key.value[0] !== 0) throw new ParseError('ec-key', 'public key BIT STRING with unused bits')
  return { ...domain, point: decodePoint(domain.curve, key.value.subarray(1)) }
}

export function encodeEcSubjectPublicKeyInfo(
  key: EcPublicKey,
  style: EcParametersStyle = 'explicit',
): Uint8Array {
  const point = encodePoint(key.curve, key.point)
  let algorithm: Uint8Array
  if (style === 'standardized') {
    if (key.parameterId === undefined) throw new RangeError('the curve has no standardized id')
    algorithm = derSequence(
      derOid(OID_EC_PUBLIC_KEY),
      derSequence(derOid(OID_STANDARDIZED_DOMAIN_PARAMETERS), derInteger(key.parameterId)),
    )
  } else if (style === 'named') {
    const oid = key.parameterId === undefined ? undefined : standardCurveById(key.parameterId)?.oid
    if (!oid) throw new RangeError('the curve has no named-curve OID')
    algorithm = derSequence(derOid(OID_EC_PUBLIC_KEY), derOid(oid))
  } else {
    algorithm = derSequence(derOid(OID_EC_PUBLIC_KEY), encodeExplicitParameters(key.curve))
  }
  return derSequence(algorithm, derBitString(point))
}

/** ECParameters (SEC 1 / RFC 3279) with a prime field and an uncompressed base point. */
export function encodeExplicitParameters(curve: Curve): Uint8Array {
  const { p, a, b, n, h } = curve.params
  const size = curve.byteLength
  return derSequence(
    derInteger(1),
    derSequence(derOid(OID_PRIME_FIELD), derIntegerFromBytes(toFixedBytes(p, size))),
    derSequence(derOctetString(toFixedBytes(a, size)), derOctetString(toFixedBytes(b, size))),
    derOctetString(encodePoint(curve, curve.generator)),
    derInteger(n),
    derInteger(h),
  )
}

function decodeDomain(node: Tlv): { curve: Curve; parameterId?: number } {
  if (node.tag === DER.OID) {
    const oid = decodeOid(node)
    const standard = standardCurveByOid(oid)
    if (!standard) throw new ParseError('ec-key', `unknown named curve ${oid}`)
    return byId(standard.id)
  }
  if (node.tag === DER.INTEGER) return byParameterId(node)
  const items = children(expectTag(node, DER.SEQUENCE, 'ec-key'))
  const first = items[0]
  if (first?.tag === DER.OID) {
    if (decodeOid(first) !== OID_STANDARDIZED_DOMAIN_PARAMETERS) {
      throw new ParseError('ec-key', 'unknown domain parameter reference')
    }
    return byParameterId(items[1])
  }
  const curve = curveForParams(decodeExplicitParameters(items))
  const parameterId = findParameterId(curve)
  return parameterId === undefined ? { curve } : { curve, parameterId }
}

function decodeExplicitParameters(items: readonly Tlv[]): CurveParams {
  const [version, fieldId, curveNode, base, order, cofactor] = items
  if (!version || !fieldId || !curveNode || !base || !order) {
    throw new ParseError('ec-key', 'incomplete ECParameters')
  }
  const [fieldType, prime] = children(expectTag(fieldId, DER.SEQUENCE, 'ec-key'))
  if (!fieldType || !prime || decodeOid(fieldType) !== OID_PRIME_FIELD) {
    throw new ParseError('ec-key', 'only prime-field curves are supported')
  }
  const p = decodeInteger(prime)
  const [aNode, bNode] = children(expectTag(curveNode, DER.SEQUENCE, 'ec-key'))
  if (!aNode || !bNode) throw new ParseError('ec-key', 'curve without a and b')
  const n = decodeInteger(order)
  const h = cofactor ? decodeInteger(cofactor) : 1n
  if (p < 5n || n < 2n || p.toString(2).length > 1024) {
    throw new ParseError('ec-key', 'implausible curve sizes')
  }
  const a = fieldElement(aNode, p)
  const b = fieldElement(bNode, p)
  const generator = decodeBase(p, a, b, expectTag(base, DER.OCTET_STRING, 'ec-key').value)
  return { p, a, b, gx: generator.x, gy: generator.y, n, h }
}

/** A curve coefficient: SEC 1 writes it in the field's length, so a longer one is refused unread. */
function fieldElement(node: Tlv, p: bigint): bigint {
  const bytes = expectTag(node, DER.OCTET_STRING, 'ec-key').value
  if (bytes.length > Math.ceil(p.toString(16).length / 2)) {
    throw new ParseError('ec-key', 'curve coefficient longer than the field')
  }
  return fromBytes(bytes)
}

/** The base point, uncompressed or compressed (02/03 || X). */
function decodeBase(p: bigint, a: bigint, b: bigint, bytes: Uint8Array): AffinePoint {
  const size = Math.ceil(p.toString(16).length / 2)
  if (bytes[0] === 0x04 && bytes.length === 1 + 2 * size) {
    const x = fromBytes(bytes.subarray(1, 1 + size))
    const y = fromBytes(bytes.subarray(1 + size))
    if (x >= p || y >= p || (y * y - ((x * x + a) * x + b)) % p !== 0n) {
      throw new ParseError('ec-key', 'base point not on the curve')
    }
    return { x, y }
  }
  if ((bytes[0] === 0x02 || bytes[0] === 0x03) && bytes.length === 1 + size && p % 4n === 3n) {
    const x = fromBytes(bytes.subarray(1))
    const rhs = ((((x * x + a) * x + b) % p) + p) % p
    let y = modPow(rhs, (p + 1n) / 4n, p)
    if ((y * y) % p !== rhs || x >= p) throw new ParseError('ec-key', 'base point not on the curve')
    if ((y & 1n) !== BigInt((bytes[0] ?? 0) & 1)) y = p - y
    return { x, y }
  }
  throw new ParseError('ec-key', 'unsupported base point encoding')
}

function byParameterId(node: Tlv | undefined): { curve: Curve; parameterId: number } {
  if (!node) throw new ParseError('ec-key', 'missing standardized domain parameter id')
  return byId(decodeSmallInteger(node))
}

function byId(id: number): { curve: Curve; parameterId: number } {
  const curve = curveForParameterId(id)
  if (!curve) throw new ParseError('ec-key', `domain parameter id ${id} is not an EC curve we know`)
  return { curve, parameterId: id }
}

function findParameterId(curve: Curve): number | undefined {
  return matchStandardCurve(curve.params)?.id
}

/** Convenience for tests and the virtual chip: reads the DER bytes of a SubjectPublicKeyInfo. */
export function decodeEcSubjectPublicKeyInfoBytes(der: Uint8Array): EcPublicKey {
  const node = readTlv(der)
  if (node.size !== der.length) throw new ParseError('ec-key', 'trailing bytes after the key')
  return decodeEcSubjectPublicKeyInfo(node)
}
