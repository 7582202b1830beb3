import {
  DER,
  decodeSmallInteger,
  derInteger,
  derOctetString,
  derPrintable,
  derSequence,
  expectTag,
} from '../../../../lib/asn1/der'
import { children, readTlv } from '../../../../lib/asn1/tlv'
import { ParseError } from '../../../../lib/parse-error'
import { type HashName } from '../../pki/hashes'
import {
  encodeDigestAlgorithm,
  parseAlgorithmIdentifier,
  type AlgorithmIdentifier,
} from '../../pki/signature-algorithms'

/** LDSVersionInfo of an LDS 1.8 (V1) security object, e.g. "0108" and "040000". */
export interface LdsVersionInfo {
  ldsVersion: string
  unicodeVersion: string
}

/** ICAO 9303-10 LDSSecurityObject: the hashes of the data groups that EF.SOD signs. */
export interface LdsSecurityObject {
  version: number
  hashAlgorithm: AlgorithmIdentifier
  /** Data group number (1–16) → hash of the whole DG file, tag and length included. */
  dataGroupHashes: Map<number, Uint8Array>
  ldsVersionInfo?: LdsVersionInfo
}

export function parseLdsSecurityObject(bytes: Uint8Array): LdsSecurityObject {
  const node = readTlv(bytes)
  if (node.size !== bytes.length)
    throw new ParseError('sod', 'trailing bytes after LDSSecurityObject')
  expectTag(node, DER.SEQUENCE, 'sod')
  const [versionNode, algNode, hashesNode, versionInfoNode, extra] = children(node)
  if (!versionNode || !algNode || !hashesNode || extra) {
    throw new ParseError('sod', 'malformed LDSSecurityObject')
  }
  const version = decodeSmallInteger(versionNode)
  if (version > 1) throw new ParseError('sod', `LDSSecurityObject version ${version}`)
  const dataGroupHashes = new Map<number, Uint8Array>()
  for (const entry of children(expectTag(hashesNode, DER.SEQUENCE, 'sod'))) {
    const [numberNode, hashNode, more] = children(expectTag(entry, DER.SEQUENCE, 'sod'))
    if (!numberNode || !hashNode || more) throw new ParseError('sod', 'malformed DataGroupHash')
    const number = decodeSmallInteger(numberNode)
    if (number < 1 || number > 16) throw new ParseError('sod', `data group number ${number}`)
    if (dataGroupHashes.has(number)) throw new ParseError('sod', `DG${number} is listed twice`)
    dataGroupHashes.set(number, expectTag(hashNode, DER.OCTET_STRING, 'sod').value)
  }
  const result: LdsSecurityObject = {
    version,
    hashAlgorithm: parseAlgorithmIdentifier(algNode),
    dataGroupHashes,
  }
  if (versionInfoNode) {
    const [lds, unicode, more] = children(expectTag(versionInfoNode, DER.SEQUENCE, 'sod'))
    if (!lds || !unicode || more) throw new ParseError('sod', 'malformed LDSVersionInfo')
    result.ldsVersionInfo = {
      ldsVersion: printable(lds),
      unicodeVersion: printable(unicode),
    }
  }
  return result
}

export function encodeLdsSecurityObject(spec: {
  hashAlgorithm: HashName
  dataGroupHashes: ReadonlyMap<number, Uint8Array>
  ldsVersionInfo?: LdsVersionInfo
}): Uint8Array {
  const hashes = [...spec.dataGroupHashes].sort(([a], [b]) => a - b)
  const info = spec.ldsVersionInfo
  return derSequence(
    derInteger(info ? 1 : 0),
    encodeDigestAlgorithm(spec.hashAlgorithm),
    derSequence(...hashes.map(([n, hash]) => derSequence(derInteger(n), derOctetString(hash)))),
    ...(info
      ? [derSequence(derPrintable(info.ldsVersion), derPrintable(info.unicodeVersion))]
      : []),
  )
}

function printable(node: ReturnType<typeof readTlv>): string {
  expectTag(node, DER.PRINTABLE_STRING, 'sod')
  return Buffer.from(node.value).toString('latin1')
}
