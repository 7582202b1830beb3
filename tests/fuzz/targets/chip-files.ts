import fc from 'fast-check'
import {
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeOid,
  decodeTime,
  DER,
} from '../../../lib/asn1/der'
import { children, readTlvList, type Tlv } from '../../../lib/asn1/tlv'
import { ParseError } from '../../../lib/parse-error'
import { readCccdMrz } from '../../../drivers/smartcard/cccd/mrz'
import { parseDg13 } from '../../../drivers/smartcard/cccd/dg13'
import { parseDg1 } from '../../../drivers/smartcard/icao9303/lds/dg1'
import { parseDg14 } from '../../../drivers/smartcard/icao9303/lds/dg14'
import { parseDg15 } from '../../../drivers/smartcard/icao9303/lds/dg15'
import { parseDg2 } from '../../../drivers/smartcard/icao9303/lds/dg2'
import { parseEfCom } from '../../../drivers/smartcard/icao9303/lds/ef-com'
import {
  jpegDimensions,
  sniffImageFormat,
} from '../../../drivers/smartcard/icao9303/lds/image-format'
import {
  findPaceInfos,
  parseSecurityInfos,
} from '../../../drivers/smartcard/icao9303/security-infos'
import { parseSod } from '../../../drivers/smartcard/icao9303/sod/sod'
import { parseTlvHeader } from '../../../drivers/smartcard/iso7816/tlv-header'
import { summarizeCertificate } from '../../../drivers/smartcard/pki/certificate'
import { randomBytes, randomTlv } from '../engine/generators'
import { instanceOfAny, type FuzzTarget, type TargetRun } from '../engine/target'
import { allChipFiles, dataGroupSeeds, simulatedChips } from '../seeds/chip'

const isParseError = instanceOfAny(ParseError)
const PARSE_ERROR = 'ParseError'

/** A sync parser of chip bytes whose only documented failure is ParseError. */
function chipParser(
  name: string,
  parses: string,
  seeds: () => Uint8Array[],
  execute: (input: Uint8Array) => unknown,
  tags?: readonly number[],
): FuzzTarget {
  return {
    name,
    parses,
    typedErrors: PARSE_ERROR,
    setup: (): TargetRun => ({
      seeds: seeds(),
      generated: fc.oneof(tags ? randomTlv(tags) : randomTlv(), randomBytes(2048)),
      structure: { tlv: true },
      mode: 'sync',
      execute,
      isTyped: isParseError,
    }),
  }
}

const MAX_WALK_DEPTH = 64

/** Decodes every primitive the way the LDS and PKI parsers would, and descends into the rest. */
function walk(nodes: readonly Tlv[], depth: number): number {
  let count = 0
  for (const node of nodes) {
    count++
    if (node.constructed) {
      if (depth < MAX_WALK_DEPTH) count += walk(children(node), depth + 1)
      continue
    }
    switch (node.tag) {
      case DER.INTEGER:
        decodeInteger(node)
        break
      case DER.OID:
        decodeOid(node)
        break
      case DER.BIT_STRING:
        decodeBitString(node)
        break
      case DER.BOOLEAN:
        decodeBoolean(node)
        break
      case DER.UTC_TIME:
      case DER.GENERALIZED_TIME:
        decodeTime(node)
        break
    }
  }
  return count
}

export const tlvDer = chipParser(
  'tlv-der',
  'lib/asn1 readTlvList, children and every DER decoder (INTEGER, OID, BIT STRING, BOOLEAN, times); iso7816 parseTlvHeader — on every chip file',
  allChipFiles,
  (input) => {
    parseTlvHeader(input)
    return walk(readTlvList(input, { allowPadding: true }), 0)
  },
)

export const efCom = chipParser(
  'ef-com',
  'parseEfCom (EF.COM from the chip)',
  () => simulatedChips().map((c) => c.com),
  parseEfCom,
)

export const dg1 = chipParser(
  'dg1-mrz',
  'parseDg1 → parseMrz, then readCccdMrz (DG1 from the chip)',
  () => dataGroupSeeds(1),
  (input) => readCccdMrz(parseDg1(input)),
)

export const dg2 = chipParser(
  'dg2-face',
  'parseDg2 / parseFaceRecord (ISO 19794-5 in DG2), sniffImageFormat, jpegDimensions of each face',
  () => dataGroupSeeds(2),
  (input) =>
    parseDg2(input).faces.map((face) => [sniffImageFormat(face.image), jpegDimensions(face.image)]),
)

export const dg13 = chipParser(
  'dg13',
  'parseDg13 (the CCCD optional details, DG13)',
  () => dataGroupSeeds(13),
  parseDg13,
)

export const securityInfos = chipParser(
  'security-infos',
  'parseDg14 + parseSecurityInfos (DG14, EF.CardAccess: PACE, CA, AA, TA infos, EC keys)',
  () => [
    ...dataGroupSeeds(14),
    ...simulatedChips().flatMap((c) => (c.cardAccess ? [c.cardAccess] : [])),
  ],
  (input) => {
    const infos = parseSecurityInfos(input)
    if (input[0] === 0x6e) parseDg14(input)
    return findPaceInfos(infos)
  },
)

export const dg15 = chipParser(
  'dg15',
  'parseDg15 (the active authentication key, DG15)',
  () => dataGroupSeeds(15),
  parseDg15,
)

export const sod = chipParser(
  'sod',
  'parseSod: CMS SignedData, LDSSecurityObject, embedded DS certificates (EF.SOD)',
  () => simulatedChips().map((c) => c.sod),
  (input) => {
    const document = parseSod(input)
    return document.certificates.map(summarizeCertificate)
  },
)
