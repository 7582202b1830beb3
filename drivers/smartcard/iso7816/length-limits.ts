import type { ExtendedLengthInfo, HistoricalCapabilities } from './card-capabilities'

/** Where the limits of a channel came from, in the order they are consulted. */
export type LengthSource =
  /** DO'7F66' of EF.ATR/INFO: the card's own byte counts. */
  | 'ef-atr-info'
  /** Card capabilities in the ATR historical bytes: extended Lc/Le, no byte counts. */
  | 'historical-bytes'
  /** The card says nothing about extended length: short APDUs, which every card takes. */
  | 'short-default'
  /** The card claimed extended length and refused it: short APDUs from then on. */
  | 'fallback'
  /** Whoever made the channel fixed its length (tests, a reader known to mishandle extended APDUs). */
  | 'caller'

/** What one APDU may carry on a channel. */
export interface LengthLimits {
  /** Whether commands may use the extended form (Lc above 255 or Ne above 256). */
  extended: boolean
  /** Most data bytes in one command (Nc). */
  maxCommandData: number
  /** Most data bytes in one response (Ne), the status word not counted. */
  maxResponseData: number
  source: LengthSource
  /** The reader's own limit (PC/SC part 10 dwMaxAPDUDataSize) lowered what the card allows. */
  readerLimited: boolean
}

export const SHORT_COMMAND_DATA = 255
export const SHORT_RESPONSE_DATA = 256
export const EXTENDED_COMMAND_DATA = 65535
export const EXTENDED_RESPONSE_DATA = 65536
/** CLA INS P1 P2, extended Lc (00 Lc1 Lc2) and extended Le (Le1 Le2). */
const EXTENDED_COMMAND_OVERHEAD = 9
const STATUS_WORD = 2

export function shortLimits(source: LengthSource, readerLimited = false): LengthLimits {
  return {
    extended: false,
    maxCommandData: SHORT_COMMAND_DATA,
    maxResponseData: SHORT_RESPONSE_DATA,
    source,
    readerLimited,
  }
}

export function extendedLimits(source: LengthSource): LengthLimits {
  return {
    extended: true,
    maxCommandData: EXTENDED_COMMAND_DATA,
    maxResponseData: EXTENDED_RESPONSE_DATA,
    source,
    readerLimited: false,
  }
}

const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, n))

/**
 * The card's limits from DO'7F66' (whole-APDU byte counts: the header, length fields and status
 * word are taken out). Counts below the short-APDU sizes leave short length as it always is.
 */
function fromExtendedLengthInfo(info: ExtendedLengthInfo): LengthLimits {
  const maxCommandData = clamp(
    info.maxCommandBytes - EXTENDED_COMMAND_OVERHEAD,
    SHORT_COMMAND_DATA,
    EXTENDED_COMMAND_DATA,
  )
  const maxResponseData = clamp(
    info.maxResponseBytes - STATUS_WORD,
    SHORT_RESPONSE_DATA,
    EXTENDED_RESPONSE_DATA,
  )
  return {
    extended: maxCommandData > SHORT_COMMAND_DATA || maxResponseData > SHORT_RESPONSE_DATA,
    maxCommandData,
    maxResponseData,
    source: 'ef-atr-info',
    readerLimited: false,
  }
}

/** Lowers `card` to the reader's data limit: 0 means the reader takes short APDUs only. */
function boundByReader(card: LengthLimits, readerMaxData: number | null): LengthLimits {
  if (readerMaxData === null || !card.extended) return card
  if (readerMaxData <= SHORT_RESPONSE_DATA) return shortLimits(card.source, true)
  const maxCommandData = Math.min(card.maxCommandData, readerMaxData)
  const maxResponseData = Math.min(card.maxResponseData, readerMaxData)
  const readerLimited =
    maxCommandData < card.maxCommandData || maxResponseData < card.maxResponseData
  return { ...card, maxCommandData, maxResponseData, readerLimited }
}

export interface LengthEvidence {
  /** DO'7F66' from EF.ATR/INFO, when the card has one. */
  extendedLengthInfo: ExtendedLengthInfo | null
  /** Card capabilities from the ATR historical bytes, when they carry them. */
  historical: HistoricalCapabilities | null
  /** The reader's dwMaxAPDUDataSize; null when the reader does not report one. */
  readerMaxData: number | null
}

/**
 * The limits a read uses: EF.ATR/INFO first (it gives byte counts), else the historical bytes'
 * extended Lc/Le bit (ISO/IEC 7816-4 §12.1.1: any length up to 65535/65536), else short length;
 * then no more than the reader says it carries.
 */
export function decideLengthLimits(evidence: LengthEvidence): LengthLimits {
  let card: LengthLimits
  if (evidence.extendedLengthInfo) card = fromExtendedLengthInfo(evidence.extendedLengthInfo)
  else if (evidence.historical?.extendedLength) card = extendedLimits('historical-bytes')
  else card = shortLimits('short-default')
  return boundByReader(card, evidence.readerMaxData)
}
