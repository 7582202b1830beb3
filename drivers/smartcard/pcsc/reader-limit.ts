import type { CardLink } from '../iso7816/apdu'
import { ParseError } from '../../../lib/parse-error'
import {
  FEATURE_GET_TLV_PROPERTIES,
  GET_FEATURE_REQUEST_IOCTL,
  parseFeatureList,
  parseReaderProperties,
} from './reader-features'

/** Why a reader's APDU limit is not known: each is a reader that simply does not say. */
export const readerLimitSilences = [
  /** The binding has no SCardControl (an old build, a fake in tests). */
  'no-control',
  /** SCardControl failed: the driver has no feature list (vpcd answers so). */
  'control-refused',
  /** The feature list has no FEATURE_GET_TLV_PROPERTIES. */
  'no-tlv-properties',
  /** The properties do not include dwMaxAPDUDataSize. */
  'no-max-apdu-size',
  /** The driver's answer does not parse: ignored rather than trusted. */
  'malformed',
] as const
export type ReaderLimitSilence = (typeof readerLimitSilences)[number]

export type ReaderLimit =
  | { reported: true; maxApduData: number }
  | { reported: false; reason: ReaderLimitSilence; detail?: string }

/** SCardControl on the connected card's reader: control code in, the driver's answer out. */
export type ReaderControl = (code: number, data: Uint8Array) => Promise<Uint8Array>

const detailOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Asks the reader's driver for its APDU data limit (PC/SC part 10): GET_FEATURE_REQUEST, then
 * FEATURE_GET_TLV_PROPERTIES, then dwMaxAPDUDataSize. Never throws: a reader that cannot say
 * leaves the card's own limits in force, and the reason is kept for `kiosk card read`.
 */
export async function queryReaderLimit(
  control: ReaderControl | null,
  controlCode: (ioctl: number) => number,
): Promise<ReaderLimit> {
  if (!control) return { reported: false, reason: 'no-control' }
  let answer: Uint8Array
  try {
    answer = await control(controlCode(GET_FEATURE_REQUEST_IOCTL), new Uint8Array(0))
  } catch (error) {
    return { reported: false, reason: 'control-refused', detail: detailOf(error) }
  }
  try {
    const propertiesCode = parseFeatureList(answer).get(FEATURE_GET_TLV_PROPERTIES)
    if (propertiesCode === undefined) return { reported: false, reason: 'no-tlv-properties' }
    const properties = parseReaderProperties(await control(propertiesCode, new Uint8Array(0)))
    if (properties.maxApduDataSize === undefined) {
      return { reported: false, reason: 'no-max-apdu-size' }
    }
    return { reported: true, maxApduData: properties.maxApduDataSize }
  } catch (error) {
    if (error instanceof ParseError) {
      return { reported: false, reason: 'malformed', detail: error.message }
    }
    return { reported: false, reason: 'control-refused', detail: detailOf(error) }
  }
}

interface ExplainsReaderLimit {
  readerLimit(): Promise<ReaderLimit>
}

function explains(link: CardLink): link is CardLink & ExplainsReaderLimit {
  return typeof (link as Partial<ExplainsReaderLimit>).readerLimit === 'function'
}

/** What a link reports of its reader's limit, with the reason when it reports none (for display). */
export async function readerLimitOf(link: CardLink): Promise<ReaderLimit> {
  if (explains(link)) return link.readerLimit()
  const max = (await link.readerMaxApduData?.().catch(() => null)) ?? null
  return max === null
    ? { reported: false, reason: 'no-control' }
    : { reported: true, maxApduData: max }
}
