import { hex } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import { SecureMessagingError } from '../icao9303/errors'
import type { CardChannel, LengthNegotiation } from '../iso7816/apdu'
import {
  EF_ATR_INFO_FID,
  historicalBytesOf,
  parseExtendedLengthInfo,
  parseHistoricalCapabilities,
  type HistoricalCapabilities,
} from '../iso7816/card-capabilities'
import { readBinary, selectFile } from '../iso7816/commands'
import {
  decideLengthLimits,
  extendedLimits,
  shortLimits,
  type LengthLimits,
} from '../iso7816/length-limits'
import { StatusWordError } from '../iso7816/status-words'
import type { LengthMemory } from './length-memory'
import { readBlockSize } from './read-budget'

export { createLengthMemory, type LengthMemory } from './length-memory'

function historicalOf(atr: Uint8Array | undefined): HistoricalCapabilities | null {
  if (!atr?.length) return null
  try {
    return parseHistoricalCapabilities(historicalBytesOf(atr))
  } catch (error) {
    if (error instanceof ParseError) return null
    throw error
  }
}

/**
 * EF.ATR/INFO from the MF (SELECT 2F01, one short READ BINARY), or null when the card has none or
 * refuses it. Read at power-up, before anything selects an application.
 */
async function readEfAtrInfo(plain: CardChannel): Promise<Uint8Array | null> {
  try {
    await selectFile(plain, EF_ATR_INFO_FID)
    return (await readBinary(plain, 0, 256)).data
  } catch (error) {
    if (error instanceof StatusWordError) return null
    throw error
  }
}

function extendedLengthInfoOf(file: Uint8Array | null) {
  if (!file) return null
  try {
    return parseExtendedLengthInfo(file)
  } catch (error) {
    if (error instanceof ParseError) return null
    throw error
  }
}

/** A status word or failure that says "not this length" on the first extended READ BINARY. */
export function isLengthRefusal(error: unknown): boolean {
  if (error instanceof SecureMessagingError) return true
  if (!(error instanceof StatusWordError)) return false
  const sw1 = error.sw >> 8
  return error.sw === 0x6700 || sw1 === 0x6c || sw1 === 0x6f
}

/**
 * The block sizes of one read: decided from the card (EF.ATR/INFO, then the historical bytes) and
 * the reader, applied to the plain channel, and dropped to short length once if the card refuses
 * its first extended READ BINARY.
 */
export class LengthPlan {
  /** An extended READ BINARY went through: later failures are not about length. */
  private confirmed = false

  private constructor(
    private readonly negotiation: LengthNegotiation | undefined,
    private readonly plain: CardChannel,
    private readonly memory: LengthMemory | undefined,
    readonly cardKey: string,
  ) {}

  /**
   * Consults what the card and reader report and applies the result. EF.ATR/INFO is read unless
   * the historical bytes carry card capabilities without its flag (b6 of the third byte): then the
   * card has said all it will. A channel whose maker fixed its length is left as it is.
   */
  static async negotiate(plain: CardChannel, memory?: LengthMemory): Promise<LengthPlan> {
    const negotiation = plain.negotiation
    if (!negotiation) return new LengthPlan(undefined, plain, memory, '')
    const historical = historicalOf(negotiation.atr)
    const wantsFile = historical === null || historical.extendedLengthInfo
    const file = wantsFile ? await readEfAtrInfo(plain) : null
    const cardKey = `${hex(negotiation.atr ?? new Uint8Array(0))}/${file ? hex(file) : '-'}`
    const remembered = memory?.get(cardKey)
    const limits =
      remembered ??
      decideLengthLimits({
        extendedLengthInfo: extendedLengthInfoOf(file),
        historical,
        readerMaxData: await negotiation.readerMaxApduData().catch(() => null),
      })
    negotiation.apply(limits)
    return new LengthPlan(negotiation, plain, memory, cardKey)
  }

  get limits(): LengthLimits {
    return (
      this.plain.limits ??
      (this.plain.extendedLength ? extendedLimits('caller') : shortLimits('caller'))
    )
  }

  /** Data bytes per READ BINARY, in plain or under a cipher of `smBlockSize` (see readBlockSize). */
  readBlock(smBlockSize?: number): number {
    return readBlockSize(this.limits, smBlockSize)
  }

  /** Whether `error` of a READ BINARY calls for the short-length fallback (and now uses it). */
  fallBackOn(error: unknown): boolean {
    if (!this.negotiation || this.confirmed || !this.limits.extended) return false
    if (!isLengthRefusal(error)) return false
    const short = shortLimits('fallback', this.limits.readerLimited)
    this.negotiation.apply(short)
    this.memory?.set(this.cardKey, short)
    return true
  }

  /** A READ BINARY answered at the current length: no more fallback for this card. */
  confirm(): void {
    if (this.limits.extended) this.confirmed = true
  }
}
