import {
  decodeOid,
  decodeSmallInteger,
  derInteger,
  derOid,
  derSequence,
  derSet,
  DER,
  expectTag,
} from '../../../lib/asn1/der'
import { children, readTlv, type Tlv } from '../../../lib/asn1/tlv'
import { ParseError } from '../../../lib/parse-error'
import type { IcaoCipher } from './crypto/cipher'
import {
  decodeEcSubjectPublicKeyInfo,
  encodeEcSubjectPublicKeyInfo,
  type EcParametersStyle,
  type EcPublicKey,
} from './crypto/ec/ec-public-key'

/*
 * SecurityInfos (ICAO 9303-11 §9.2, BSI TR-03110): the SET OF SecurityInfo in EF.CardAccess, DG14 and
 * EF.CardSecurity. Known infos are decoded; unknown ones, and known ones whose content does not fit
 * their type, are kept raw so one odd entry never hides the PACEInfo a reader needs.
 */

const BSI = '0.4.0.127.0.7.2.2'
export const OID = {
  PK_DH: `${BSI}.1.1`,
  PK_ECDH: `${BSI}.1.2`,
  TA: `${BSI}.2`,
  CA: `${BSI}.3`,
  PACE: `${BSI}.4`,
  AA: '2.23.136.1.1.5',
} as const

export type PaceMapping = 'DH-GM' | 'ECDH-GM' | 'DH-IM' | 'ECDH-IM' | 'ECDH-CAM'
const PACE_MAPPINGS: Record<number, PaceMapping> = {
  1: 'DH-GM',
  2: 'ECDH-GM',
  3: 'DH-IM',
  4: 'ECDH-IM',
  6: 'ECDH-CAM',
}
const CIPHER_ARCS: Record<number, IcaoCipher> = {
  1: '3DES',
  2: 'AES-128',
  3: 'AES-192',
  4: 'AES-256',
}

/** id-PACE-<mapping>-<cipher>, e.g. paceOid('ECDH-GM', 'AES-128') = 0.4.0.127.0.7.2.2.4.2.2. */
export function paceOid(mapping: PaceMapping, cipher: IcaoCipher): string {
  return `${OID.PACE}.${arcOf(PACE_MAPPINGS, mapping)}.${arcOf(CIPHER_ARCS, cipher)}`
}

/** id-CA-<DH|ECDH>-<cipher>, e.g. caOid('ECDH', 'AES-128') = 0.4.0.127.0.7.2.2.3.2.2. */
export function caOid(agreement: 'DH' | 'ECDH', cipher: IcaoCipher): string {
  return `${OID.CA}.${agreement === 'DH' ? 1 : 2}.${arcOf(CIPHER_ARCS, cipher)}`
}

export function paceProtocolOf(
  oid: string,
): { mapping: PaceMapping; cipher: IcaoCipher } | undefined {
  const [mapping, cipher] = arcsAfter(OID.PACE, oid)
  const m = mapping === undefined ? undefined : PACE_MAPPINGS[mapping]
  const c = cipher === undefined ? undefined : CIPHER_ARCS[cipher]
  return m && c && arcsAfter(OID.PACE, oid).length === 2 ? { mapping: m, cipher: c } : undefined
}

export function caProtocolOf(
  oid: string,
): { agreement: 'DH' | 'ECDH'; cipher: IcaoCipher } | undefined {
  const arcs = arcsAfter(OID.CA, oid)
  const [agreement, cipherArc] = arcs
  const cipher = cipherArc === undefined ? undefined : CIPHER_ARCS[cipherArc]
  if (arcs.length !== 2 || !cipher || (agreement !== 1 && agreement !== 2)) return undefined
  return { agreement: agreement === 1 ? 'DH' : 'ECDH', cipher }
}

export interface PaceInfo {
  type: 'PACEInfo'
  protocol: string
  version: number
  parameterId?: number
}

export interface ChipAuthenticationInfo {
  type: 'ChipAuthenticationInfo'
  protocol: string
  version: number
  keyId?: number
}

export type ChipAuthenticationPublicKey =
  | ({ kind: 'EC' } & EcPublicKey)
  /** DH keys (id-PK-DH) and EC keys on curves we cannot use: kept as DER. */
  | { kind: 'unsupported'; subjectPublicKeyInfo: Uint8Array; reason: string }

export interface ChipAuthenticationPublicKeyInfo {
  type: 'ChipAuthenticationPublicKeyInfo'
  protocol: string
  publicKey: ChipAuthenticationPublicKey
  keyId?: number
}

export interface TerminalAuthenticationInfo {
  type: 'TerminalAuthenticationInfo'
  protocol: string
  version: number
}

export interface ActiveAuthenticationInfo {
  type: 'ActiveAuthenticationInfo'
  protocol: string
  version: number
  signatureAlgorithm: string
}

export interface UnknownSecurityInfo {
  type: 'unknown'
  protocol: string
  /** The whole SecurityInfo SEQUENCE as read. */
  raw: Uint8Array
  /** Why a known protocol was not decoded, when that is the reason it is here. */
  problem?: string
}

export type SecurityInfo =
  | PaceInfo
  | ChipAuthenticationInfo
  | ChipAuthenticationPublicKeyInfo
  | TerminalAuthenticationInfo
  | ActiveAuthenticationInfo
  | UnknownSecurityInfo

/**
 * Parses SecurityInfos: the bytes of EF.CardAccess / EF.CardSecurity content (a SET), or DG14 with its
 * 6E wrapper. Throws ParseError only when the outer structure is not a SET of SEQUENCEs.
 */
export function parseSecurityInfos(bytes: Uint8Array): SecurityInfo[] {
  let outer = readTlv(bytes)
  if (outer.tag === 0x6e) {
    const inner = children(outer)
    if (inner.length !== 1 || !inner[0])
      throw new ParseError('security-infos', 'DG14 holds one SET')
    outer = inner[0]
  }
  expectTag(outer, DER.SET, 'security-infos')
  return children(outer).map((node) => {
    expectTag(node, DER.SEQUENCE, 'security-infos')
    const items = children(node)
    const first = items[0]
    if (!first) throw new ParseError('security-infos', 'empty SecurityInfo')
    const protocol = decodeOid(first)
    const raw = encodingOf(node)
    try {
      return decodeInfo(protocol, items.slice(1)) ?? { type: 'unknown', protocol, raw }
    } catch (e) {
      if (!(e instanceof ParseError)) throw e
      return { type: 'unknown', protocol, raw, problem: e.message }
    }
  })
}

/** The PACEInfos, in the chip's order. */
export function findPaceInfos(infos: readonly SecurityInfo[]): PaceInfo[] {
  return infos.filter((i): i is PaceInfo => i.type === 'PACEInfo')
}

function decodeInfo(protocol: string, rest: readonly Tlv[]): SecurityInfo | undefined {
  if (paceProtocolOf(protocol)) {
    const info: PaceInfo = { type: 'PACEInfo', protocol, version: integer(rest[0], 'version') }
    const parameterId = optionalInteger(rest[1])
    if (parameterId !== undefined) info.parameterId = parameterId
    return info
  }
  if (caProtocolOf(protocol)) {
    const info: ChipAuthenticationInfo = {
      type: 'ChipAuthenticationInfo',
      protocol,
      version: integer(rest[0], 'version'),
    }
    const keyId = optionalInteger(rest[1])
    if (keyId !== undefined) info.keyId = keyId
    return info
  }
  if (protocol === OID.PK_ECDH || protocol === OID.PK_DH) {
    const [spki, keyIdNode] = rest
    if (!spki) throw new ParseError('security-infos', 'ChipAuthenticationPublicKeyInfo without key')
    const info: ChipAuthenticationPublicKeyInfo = {
      type: 'ChipAuthenticationPublicKeyInfo',
      protocol,
      publicKey: decodePublicKey(spki),
    }
    const keyId = optionalInteger(keyIdNode)
    if (keyId !== undefined) info.keyId = keyId
    return info
  }
  if (protocol === OID.TA) {
    return { type: 'TerminalAuthenticationInfo', protocol, version: integer(rest[0], 'version') }
  }
  if (protocol === OID.AA) {
    const [version, algorithm] = rest
    if (!algorithm) throw new ParseError('security-infos', 'ActiveAuthenticationInfo algorithm')
    return {
      type: 'ActiveAuthenticationInfo',
      protocol,
      version: integer(version, 'version'),
      signatureAlgorithm: decodeOid(algorithm),
    }
  }
  return undefined
}

function decodePublicKey(spki: Tlv): ChipAuthenticationPublicKey {
  try {
    return { kind: 'EC', ...decodeEcSubjectPublicKeyInfo(spki) }
  } catch (e) {
    if (!(e instanceof ParseError)) throw e
    return {
      kind: 'unsupported',
      subjectPublicKeyInfo: encodingOf(spki),
      reason: e.message,
    }
  }
}

function integer(node: Tlv | undefined, what: string): number {
  if (!node) throw new ParseError('security-infos', `missing ${what}`)
  return decodeSmallInteger(node)
}

function optionalInteger(node: Tlv | undefined): number | undefined {
  return node ? decodeSmallInteger(node) : undefined
}

/** The whole encoding of a TLV read from a buffer: its value is a view, so step back over the header. */
function encodingOf(node: Tlv): Uint8Array {
  const header = node.size - node.value.length
  return new Uint8Array(node.value.buffer, node.value.byteOffset - header, node.size).slice()
}

// ---- building (the virtual chip's EF.CardAccess and DG14) ------------------------------------

/** Encodes SecurityInfos as the DER SET of EF.CardAccess content (DG14 adds its 6E wrapper). */
export function encodeSecurityInfos(
  infos: readonly SecurityInfo[],
  keyStyle: EcParametersStyle = 'explicit',
): Uint8Array {
  return derSet(...infos.map((info) => encodeInfo(info, keyStyle)))
}

function encodeInfo(info: SecurityInfo, keyStyle: EcParametersStyle): Uint8Array {
  const optional = (v: number | undefined): Uint8Array[] => (v === undefined ? [] : [derInteger(v)])
  switch (info.type) {
    case 'PACEInfo':
      return derSequence(
        derOid(info.protocol),
        derInteger(info.version),
        ...optional(info.parameterId),
      )
    case 'ChipAuthenticationInfo':
      return derSequence(derOid(info.protocol), derInteger(info.version), ...optional(info.keyId))
    case 'ChipAuthenticationPublicKeyInfo': {
      const key =
        info.publicKey.kind === 'EC'
          ? encodeEcSubjectPublicKeyInfo(info.publicKey, keyStyle)
          : info.publicKey.subjectPublicKeyInfo
      return derSequence(derOid(info.protocol), key, ...optional(info.keyId))
    }
    case 'TerminalAuthenticationInfo':
      return derSequence(derOid(info.protocol), derInteger(info.version))
    case 'ActiveAuthenticationInfo':
      return derSequence(
        derOid(info.protocol),
        derInteger(info.version),
        derOid(info.signatureAlgorithm),
      )
    case 'unknown':
      return info.raw
  }
}

// ---- helpers ----------------------------------------------------------------------------------

function arcOf<T>(table: Record<number, T>, value: T): number {
  const entry = Object.entries(table).find(([, v]) => v === value)
  if (!entry) throw new RangeError(`no OID arc for ${String(value)}`)
  return Number(entry[0])
}

function arcsAfter(prefix: string, oid: string): number[] {
  if (!oid.startsWith(`${prefix}.`)) return []
  return oid
    .slice(prefix.length + 1)
    .split('.')
    .map(Number)
}
