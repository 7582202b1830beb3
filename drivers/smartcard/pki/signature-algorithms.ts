import { constants, sign, verify, type KeyObject } from 'node:crypto'
import {
  DER,
  decodeOid,
  decodeSmallInteger,
  derContext,
  derInteger,
  derNull,
  derOid,
  derSequence,
  rawChild,
} from '../../../lib/asn1/der'
import { children, readTlv, readTlvList, type Tlv } from '../../../lib/asn1/tlv'
import { ParseError } from '../../../lib/parse-error'
import { ecOrderBytes, hashForOrderBytes } from './curves'
import { hashFromOid, hashLength, hashOid, type HashName } from './hashes'
import { OID } from './oids'

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } */
export interface AlgorithmIdentifier {
  oid: string
  /** The raw DER of the parameters, if present (NULL included). */
  parameters?: Uint8Array
}

/** What crypto.verify needs to check one signature. */
export type SignatureScheme =
  | { kind: 'rsa-pkcs1'; hash: HashName }
  | { kind: 'rsa-pss'; hash: HashName; saltLength: number }
  | { kind: 'ecdsa'; hash: HashName; encoding: 'der' | 'ieee-p1363' }

export function parseAlgorithmIdentifier(node: Tlv): AlgorithmIdentifier {
  if (node.tag !== DER.SEQUENCE)
    throw new ParseError('algorithm', 'AlgorithmIdentifier is not a SEQUENCE')
  const [oidNode, params, extra] = children(node)
  if (!oidNode || extra) throw new ParseError('algorithm', 'malformed AlgorithmIdentifier')
  const oid = decodeOid(oidNode)
  return params ? { oid, parameters: rawChild(node, params) } : { oid }
}

export function encodeAlgorithmIdentifier(oid: string, parameters?: Uint8Array): Uint8Array {
  return parameters ? derSequence(derOid(oid), parameters) : derSequence(derOid(oid))
}

/** Digest AlgorithmIdentifier without parameters, as RFC 5754 asks for the SHA-2 family. */
export function encodeDigestAlgorithm(hash: HashName): Uint8Array {
  return encodeAlgorithmIdentifier(hashOid(hash))
}

export function parseDigestAlgorithm(node: Tlv): HashName {
  return digestHashOf(parseAlgorithmIdentifier(node))
}

/** The hash a digest AlgorithmIdentifier names; ParseError when we do not support it. */
export function digestHashOf({ oid }: AlgorithmIdentifier): HashName {
  const hash = hashFromOid(oid)
  if (!hash) throw new ParseError('algorithm', `unsupported digest algorithm ${oid}`)
  return hash
}

const RSA_PKCS1: Record<string, HashName> = {
  [OID.sha1WithRsa]: 'sha1',
  [OID.sha224WithRsa]: 'sha224',
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
}

const ECDSA: Record<string, HashName> = {
  [OID.ecdsaWithSha1]: 'sha1',
  [OID.ecdsaWithSha224]: 'sha224',
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
}

const ECDSA_PLAIN: Record<string, HashName> = {
  [`${OID.ecdsaPlainPrefix}.1`]: 'sha1',
  [`${OID.ecdsaPlainPrefix}.2`]: 'sha224',
  [`${OID.ecdsaPlainPrefix}.3`]: 'sha256',
  [`${OID.ecdsaPlainPrefix}.4`]: 'sha384',
  [`${OID.ecdsaPlainPrefix}.5`]: 'sha512',
}

/**
 * The scheme a signature AlgorithmIdentifier names. Bare rsaEncryption and id-ecPublicKey (seen in
 * real SODs' SignerInfos) take their hash from the SignerInfo digestAlgorithm, passed as `digestHash`.
 */
export function signatureSchemeFor(
  algorithm: AlgorithmIdentifier,
  digestHash?: HashName,
): SignatureScheme {
  const { oid } = algorithm
  const pkcs1 = RSA_PKCS1[oid]
  if (pkcs1) return { kind: 'rsa-pkcs1', hash: pkcs1 }
  const ecdsa = ECDSA[oid]
  if (ecdsa) return { kind: 'ecdsa', hash: ecdsa, encoding: 'der' }
  const plain = ECDSA_PLAIN[oid]
  if (plain) return { kind: 'ecdsa', hash: plain, encoding: 'ieee-p1363' }
  if (oid === OID.rsassaPss) return parsePssParameters(algorithm.parameters)
  if (oid === OID.rsaEncryption || oid === OID.ecPublicKey) {
    if (!digestHash) throw new ParseError('algorithm', `${oid} needs a digest algorithm`)
    return oid === OID.rsaEncryption
      ? { kind: 'rsa-pkcs1', hash: digestHash }
      : { kind: 'ecdsa', hash: digestHash, encoding: 'der' }
  }
  throw new ParseError('algorithm', `unsupported signature algorithm ${oid}`)
}

/** RSASSA-PSS-params (RFC 4055) with its defaults: SHA-1, MGF1-SHA-1, salt 20, trailer 1. */
function parsePssParameters(parameters: Uint8Array | undefined): SignatureScheme {
  let hash: HashName = 'sha1'
  let mgfHash: HashName = 'sha1'
  let saltLength = 20
  if (parameters && parameters[0] !== DER.NULL) {
    const seq = readTlv(parameters)
    if (seq.tag !== DER.SEQUENCE) throw new ParseError('algorithm', 'RSASSA-PSS parameters')
    for (const field of children(seq)) {
      const [inner] = field.constructed ? readTlvList(field.value) : []
      if (!inner) throw new ParseError('algorithm', 'empty RSASSA-PSS field')
      if (field.tag === 0xa0) hash = parseDigestAlgorithm(inner)
      else if (field.tag === 0xa1) {
        const mgf = parseAlgorithmIdentifier(inner)
        if (mgf.oid !== OID.mgf1 || !mgf.parameters)
          throw new ParseError('algorithm', 'MGF is not MGF1')
        mgfHash = parseDigestAlgorithm(readTlv(mgf.parameters))
      } else if (field.tag === 0xa2) saltLength = decodeSmallInteger(inner)
      else if (field.tag === 0xa3) {
        if (decodeSmallInteger(inner) !== 1) throw new ParseError('algorithm', 'PSS trailer field')
      } else throw new ParseError('algorithm', `unknown RSASSA-PSS field ${field.tag.toString(16)}`)
    }
  }
  // Node's verify uses the message hash for MGF1 as well; other combinations are not supported.
  if (mgfHash !== hash) throw new ParseError('algorithm', `PSS with MGF1-${mgfHash} over ${hash}`)
  return { kind: 'rsa-pss', hash, saltLength }
}

/** Verifies one signature; false (never an exception) for a wrong key type or malformed signature. */
export function verifySignature(
  scheme: SignatureScheme,
  publicKey: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  const type = publicKey.asymmetricKeyType
  try {
    switch (scheme.kind) {
      case 'rsa-pkcs1':
        if (type !== 'rsa') return false
        return verify(
          scheme.hash,
          data,
          { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
          signature,
        )
      case 'rsa-pss':
        if (type !== 'rsa' && type !== 'rsa-pss') return false
        return verify(
          scheme.hash,
          data,
          {
            key: publicKey,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: scheme.saltLength,
          },
          signature,
        )
      case 'ecdsa':
        if (type !== 'ec') return false
        return verify(
          scheme.hash,
          data,
          { key: publicKey, dsaEncoding: scheme.encoding },
          signature,
        )
    }
  } catch {
    return false
  }
}

export interface SigningOptions {
  /** Defaults: SHA-256 for RSA, the hash matching the curve size for ECDSA. */
  hash?: HashName
  /** RSA only: PKCS#1 v1.5 (default) or RSASSA-PSS with salt = hash length. */
  rsaPadding?: 'pkcs1' | 'pss'
}

/** The scheme and AlgorithmIdentifier DER a key signs with under `options`. */
export function signatureAlgorithmFor(
  privateKey: KeyObject,
  options: SigningOptions = {},
): { scheme: SignatureScheme; algorithm: Uint8Array } {
  const type = privateKey.asymmetricKeyType
  if (type === 'ec') {
    const hash = options.hash ?? hashForOrderBytes(ecOrderBytes(privateKey) ?? 32)
    const oid = Object.keys(ECDSA).find((k) => ECDSA[k] === hash) ?? OID.ecdsaWithSha256
    return {
      scheme: { kind: 'ecdsa', hash, encoding: 'der' },
      algorithm: encodeAlgorithmIdentifier(oid),
    }
  }
  if (type === 'rsa' || type === 'rsa-pss') {
    const hash = options.hash ?? 'sha256'
    if (options.rsaPadding === 'pss' || type === 'rsa-pss') {
      const saltLength = hashLength(hash)
      return {
        scheme: { kind: 'rsa-pss', hash, saltLength },
        algorithm: encodePssAlgorithm(hash, saltLength),
      }
    }
    const oid = Object.keys(RSA_PKCS1).find((k) => RSA_PKCS1[k] === hash) ?? OID.sha256WithRsa
    return {
      scheme: { kind: 'rsa-pkcs1', hash },
      algorithm: encodeAlgorithmIdentifier(oid, derNull()),
    }
  }
  throw new RangeError(`cannot sign with a ${type ?? 'unknown'} key`)
}

/** Signs with a Node private key and returns the AlgorithmIdentifier DER that names what was done. */
export function signWithKey(
  privateKey: KeyObject,
  data: Uint8Array,
  options: SigningOptions = {},
): { algorithm: Uint8Array; signature: Uint8Array } {
  const { scheme, algorithm } = signatureAlgorithmFor(privateKey, options)
  const signature =
    scheme.kind === 'ecdsa'
      ? sign(scheme.hash, data, { key: privateKey, dsaEncoding: 'der' })
      : sign(scheme.hash, data, {
          key: privateKey,
          padding:
            scheme.kind === 'rsa-pss'
              ? constants.RSA_PKCS1_PSS_PADDING
              : constants.RSA_PKCS1_PADDING,
          ...(scheme.kind === 'rsa-pss' ? { saltLength: scheme.saltLength } : {}),
        })
  return { algorithm, signature: new Uint8Array(signature) }
}

function encodePssAlgorithm(hash: HashName, saltLength: number): Uint8Array {
  const hashAlg = encodeAlgorithmIdentifier(hashOid(hash), derNull())
  return encodeAlgorithmIdentifier(
    OID.rsassaPss,
    derSequence(
      derContext(0, hashAlg),
      derContext(1, encodeAlgorithmIdentifier(OID.mgf1, hashAlg)),
      derContext(2, derInteger(saltLength)),
    ),
  )
}
