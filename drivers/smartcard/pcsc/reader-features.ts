import { ParseError } from '../../../lib/parse-error'

/**
 * PC/SC part 10 (v2.02.09) reader features, the pure half: the control codes the driver asks for
 * and the two answers it parses. Both answers come from the reader's driver, not from the card,
 * and are still checked byte by byte: a broken driver must not become a wrong APDU length.
 */

/** The ioctl number of CM_IOCTL_GET_FEATURE_REQUEST, before SCARD_CTL_CODE makes it a code. */
export const GET_FEATURE_REQUEST_IOCTL = 3400

/** Feature tags of the GET_FEATURE_REQUEST answer (part 10 §2.3). */
export const FEATURE_GET_TLV_PROPERTIES = 0x12

/** Property tags of the FEATURE_GET_TLV_PROPERTIES answer (part 10 §2.6.14). */
export const PROPERTY = {
  wLcdLayout: 0x01,
  bEntryValidationCondition: 0x02,
  bTimeOut2: 0x03,
  wLcdMaxCharacters: 0x04,
  wLcdMaxLines: 0x05,
  bMinPINSize: 0x06,
  bMaxPINSize: 0x07,
  sFirmwareID: 0x08,
  bPPDUSupport: 0x09,
  dwMaxAPDUDataSize: 0x0a,
  wIdVendor: 0x0b,
  wIdProduct: 0x0c,
} as const

/** SCARD_CTL_CODE as pcsc-lite defines it on Unix (Windows has another formula). */
export function unixControlCode(ioctl: number): number {
  return 0x42000000 + ioctl
}

/**
 * The GET_FEATURE_REQUEST answer: a run of {tag, length = 4, control code big-endian}. Returns
 * each feature's control code by tag; a tag given twice keeps its first code.
 */
export function parseFeatureList(answer: Uint8Array): Map<number, number> {
  const features = new Map<number, number>()
  let at = 0
  while (at < answer.length) {
    if (answer.length - at < 2)
      throw new ParseError('reader-features', `tag without length at ${at}`)
    const tag = answer[at] ?? 0
    const length = answer[at + 1] ?? 0
    if (length !== 4)
      throw new ParseError('reader-features', `tag ${tag}: length ${length}, not 4 at ${at}`)
    if (answer.length - at < 6)
      throw new ParseError('reader-features', `tag ${tag}: truncated at ${at}`)
    const view = new DataView(answer.buffer, answer.byteOffset + at + 2, 4)
    if (!features.has(tag)) features.set(tag, view.getUint32(0, false))
    at += 6
  }
  return features
}

/** The properties this package reads; every one is absent when the reader does not give it. */
export interface ReaderProperties {
  /** 0: short APDUs only; otherwise the most data bytes one APDU may carry. */
  maxApduDataSize?: number
  idVendor?: number
  idProduct?: number
  firmwareId?: string
}

const NUMBER_WIDTHS: Readonly<Record<number, number>> = {
  [PROPERTY.wLcdLayout]: 2,
  [PROPERTY.bEntryValidationCondition]: 1,
  [PROPERTY.bTimeOut2]: 1,
  [PROPERTY.wLcdMaxCharacters]: 2,
  [PROPERTY.wLcdMaxLines]: 1,
  [PROPERTY.bMinPINSize]: 1,
  [PROPERTY.bMaxPINSize]: 1,
  [PROPERTY.bPPDUSupport]: 1,
  [PROPERTY.dwMaxAPDUDataSize]: 4,
  [PROPERTY.wIdVendor]: 2,
  [PROPERTY.wIdProduct]: 2,
}

/** Little-endian, as the properties are (unlike the feature codes). */
function littleEndian(bytes: Uint8Array): number {
  let value = 0
  for (let i = bytes.length - 1; i >= 0; i--) value = value * 256 + (bytes[i] ?? 0)
  return value
}

/**
 * The FEATURE_GET_TLV_PROPERTIES answer: {tag, length, value} with little-endian numbers. A known
 * numeric property of the wrong width is refused (the reader's driver is broken); unknown tags
 * are skipped, as part 10 asks of a reader that knows fewer properties than its driver.
 */
export function parseReaderProperties(answer: Uint8Array): ReaderProperties {
  const properties: ReaderProperties = {}
  let at = 0
  while (at < answer.length) {
    if (answer.length - at < 2)
      throw new ParseError('reader-properties', `tag without length at ${at}`)
    const tag = answer[at] ?? 0
    const length = answer[at + 1] ?? 0
    const value = answer.subarray(at + 2, at + 2 + length)
    if (value.length !== length)
      throw new ParseError('reader-properties', `tag ${tag}: truncated at ${at}`)
    const width = NUMBER_WIDTHS[tag]
    if (width !== undefined && width !== length) {
      throw new ParseError(
        'reader-properties',
        `tag ${tag}: ${length} bytes, not ${width} at ${at}`,
      )
    }
    if (tag === PROPERTY.dwMaxAPDUDataSize) properties.maxApduDataSize = littleEndian(value)
    else if (tag === PROPERTY.wIdVendor) properties.idVendor = littleEndian(value)
    else if (tag === PROPERTY.wIdProduct) properties.idProduct = littleEndian(value)
    else if (tag === PROPERTY.sFirmwareID) {
      properties.firmwareId = String.fromCharCode(...value.filter((b) => b >= 0x20 && b < 0x7f))
    }
    at += 2 + length
  }
  return properties
}

/** Builders for simulators and tests: the same bytes a reader's driver sends. */
export function buildFeatureList(features: readonly { tag: number; code: number }[]): Uint8Array {
  const out = new Uint8Array(features.length * 6)
  const view = new DataView(out.buffer)
  features.forEach(({ tag, code }, i) => {
    out[i * 6] = tag
    out[i * 6 + 1] = 4
    view.setUint32(i * 6 + 2, code, false)
  })
  return out
}

export function buildReaderProperties(properties: ReaderProperties): Uint8Array {
  const parts: number[] = []
  const number = (tag: number, width: number, value: number) => {
    parts.push(tag, width)
    for (let i = 0; i < width; i++) parts.push(Math.floor(value / 256 ** i) % 256)
  }
  if (properties.idVendor !== undefined) number(PROPERTY.wIdVendor, 2, properties.idVendor)
  if (properties.idProduct !== undefined) number(PROPERTY.wIdProduct, 2, properties.idProduct)
  if (properties.maxApduDataSize !== undefined) {
    number(PROPERTY.dwMaxAPDUDataSize, 4, properties.maxApduDataSize)
  }
  if (properties.firmwareId !== undefined) {
    const text = new TextEncoder().encode(properties.firmwareId)
    parts.push(PROPERTY.sFirmwareID, text.length, ...text)
  }
  return Uint8Array.from(parts)
}
