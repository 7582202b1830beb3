import { readTlvList, tlv, type Tlv } from '../../../lib/asn1/tlv'
import { uintBytes } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'

/*
 * Where a card says how long its APDUs may be (ISO/IEC 7816-4:2013):
 *  - the historical bytes of the ATR (§12.1.1, compact-TLV), object '7x' "card capabilities",
 *    third byte ("third software function table"): b8 command chaining, b7 extended Lc and Le
 *    fields, b6 extended length information in EF.ATR/INFO;
 *  - EF.ATR/INFO (FID 2F01 in the MF, §12.2.2), DO'7F66' "extended length information" (§12.7.1):
 *    two DO'02' integers, the most bytes in a command APDU, then in a response APDU.
 * A contactless reader under PC/SC builds the ATR from the ATS historical bytes (PC/SC part 3
 * §3.1.3.2.3), so the same parser serves both interfaces. Parsers throw only ParseError.
 */

/** EF.ATR/INFO's file identifier in the MF (ISO/IEC 7816-4 §12.2.2). */
export const EF_ATR_INFO_FID = 0x2f01
const TAG_EXTENDED_LENGTH_INFO = 0x7f66
const TAG_INTEGER = 0x02
const COMPACT_CARD_CAPABILITIES = 0x7
const CATEGORY_COMPACT_TLV = 0x80
const CATEGORY_COMPACT_TLV_WITH_STATUS = 0x00

/** The card capabilities of the historical bytes, third byte. */
export interface HistoricalCapabilities {
  commandChaining: boolean
  extendedLength: boolean
  /** The card holds DO'7F66' in EF.ATR/INFO. */
  extendedLengthInfo: boolean
}

/** DO'7F66': whole-APDU byte counts, header and status word included. */
export interface ExtendedLengthInfo {
  maxCommandBytes: number
  maxResponseBytes: number
}

/** The historical bytes of an ATR (ISO/IEC 7816-3 §8.2: TS, T0, interface bytes, then K bytes). */
export function historicalBytesOf(atr: Uint8Array): Uint8Array {
  if (atr.length < 2) throw new ParseError('atr', `ATR of ${atr.length} bytes`)
  const t0 = atr[1] ?? 0
  const count = t0 & 0x0f
  let at = 2
  let indicator = t0
  for (;;) {
    at += [0x10, 0x20, 0x40, 0x80].filter((bit) => indicator & bit).length
    if (at > atr.length) throw new ParseError('atr', 'interface bytes overrun the ATR')
    if (!(indicator & 0x80)) break
    // TD was the last byte counted: its high nibble says which interface bytes follow.
    indicator = atr[at - 1] ?? 0
  }
  if (at + count > atr.length) {
    throw new ParseError('atr', `${count} historical bytes announced, ${atr.length - at} present`)
  }
  return atr.subarray(at, at + count)
}

/** Compact-TLV objects of the historical bytes, by tag nibble (category 00 and 80 only). */
function compactObjects(historical: Uint8Array): Map<number, Uint8Array> | null {
  const category = historical[0]
  let end = historical.length
  if (category === CATEGORY_COMPACT_TLV_WITH_STATUS) end -= 3
  else if (category !== CATEGORY_COMPACT_TLV) return null
  const objects = new Map<number, Uint8Array>()
  let at = 1
  while (at < end) {
    const header = historical[at] ?? 0
    const length = header & 0x0f
    if (at + 1 + length > end) throw new ParseError('atr', `compact-TLV ${header} overruns`)
    if (!objects.has(header >> 4)) {
      objects.set(header >> 4, historical.subarray(at + 1, at + 1 + length))
    }
    at += 1 + length
  }
  return objects
}

/**
 * The card capabilities in the historical bytes, or null when they carry none (proprietary
 * bytes, a DIR reference, or no '7x' object). A '7x' shorter than 3 bytes claims no extended length.
 */
export function parseHistoricalCapabilities(historical: Uint8Array): HistoricalCapabilities | null {
  if (historical.length === 0) return null
  const capabilities = compactObjects(historical)?.get(COMPACT_CARD_CAPABILITIES)
  if (!capabilities) return null
  const third = capabilities.length >= 3 ? (capabilities[2] ?? 0) : 0
  return {
    commandChaining: (third & 0x80) !== 0,
    extendedLength: (third & 0x40) !== 0,
    extendedLengthInfo: (third & 0x20) !== 0,
  }
}

/** Historical bytes in category 80 with a card capabilities object (the card side, sim/). */
export function buildHistoricalBytes(
  capabilities: HistoricalCapabilities,
  extraObjects: readonly { tag: number; value: Uint8Array }[] = [],
): Uint8Array {
  const third =
    (capabilities.commandChaining ? 0x80 : 0) |
    (capabilities.extendedLength ? 0x40 : 0) |
    (capabilities.extendedLengthInfo ? 0x20 : 0)
  // First byte: DF selection by full name and by FID, short EF identifiers; second: data coding 01.
  const parts = [
    ...extraObjects.flatMap(({ tag, value }) => [(tag << 4) | value.length, ...value]),
    0x73,
    0xa0,
    0x01,
    third,
  ]
  if (parts.length + 1 > 15) throw new RangeError('at most 15 historical bytes')
  return Uint8Array.from([CATEGORY_COMPACT_TLV, ...parts])
}

function integerValue(object: Tlv): number {
  if (object.tag !== TAG_INTEGER || object.value.length === 0 || object.value.length > 4) {
    throw new ParseError('ef-atr-info', "DO'7F66' holds something else than two integers")
  }
  return object.value.reduce((n, b) => n * 256 + b, 0)
}

/**
 * DO'7F66' of EF.ATR/INFO, or null when the file holds none. The file is a string of BER-TLV data
 * objects (00/FF padding allowed); anything that does not parse is a ParseError.
 */
export function parseExtendedLengthInfo(efAtrInfo: Uint8Array): ExtendedLengthInfo | null {
  const info = readTlvList(efAtrInfo, { allowPadding: true }).find(
    (object) => object.tag === TAG_EXTENDED_LENGTH_INFO,
  )
  if (!info) return null
  const [command, response] = readTlvList(info.value)
  if (!command || !response) throw new ParseError('ef-atr-info', "DO'7F66' needs two integers")
  return { maxCommandBytes: integerValue(command), maxResponseBytes: integerValue(response) }
}

/** The content of an EF.ATR/INFO with DO'7F66' (the card side, sim/). */
export function buildEfAtrInfo(info: ExtendedLengthInfo): Uint8Array {
  const integer = (n: number) => tlv(TAG_INTEGER, uintBytes(n, n > 0xffff ? 3 : 2))
  return tlv(
    TAG_EXTENDED_LENGTH_INFO,
    integer(info.maxCommandBytes),
    integer(info.maxResponseBytes),
  )
}
