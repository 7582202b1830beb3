import { concat } from '../../../lib/bytes'
import {
  decodeResponse,
  encodeCommand,
  type CardChannel,
  type CardLink,
  type CommandApdu,
  type LengthNegotiation,
  type ResponseApdu,
} from './apdu'
import { CardError } from './errors'
import { extendedLimits, shortLimits, type LengthLimits } from './length-limits'

export interface ApduChannelOptions {
  /**
   * Fixes the length: true extended, false short. Default: short until the reader negotiates from
   * what the card and reader report (`negotiation`, see reader/length-plan.ts).
   */
  extendedLength?: boolean
  /** Most GET RESPONSE rounds for one command; a card that keeps answering 61xx is broken. */
  maxGetResponses?: number
}

const DEFAULT_MAX_GET_RESPONSES = 256

/**
 * The plain APDU channel over a byte link. It hides the T=0 transport quirks the layers above must
 * not see: 61xx (fetch the rest with GET RESPONSE) and 6Cxx (resend with the Le the card wants).
 * Every other status word is returned as is; `expectSuccess` turns it into a StatusWordError.
 */
export class ApduChannel implements CardChannel {
  readonly negotiation: LengthNegotiation | undefined
  private current: LengthLimits
  private readonly maxGetResponses: number

  constructor(
    private readonly link: CardLink,
    options: ApduChannelOptions = {},
  ) {
    const fixed = options.extendedLength
    this.current =
      fixed === undefined
        ? shortLimits('short-default')
        : fixed
          ? extendedLimits('caller')
          : shortLimits('caller')
    this.maxGetResponses = options.maxGetResponses ?? DEFAULT_MAX_GET_RESPONSES
    this.negotiation =
      fixed === undefined
        ? {
            get atr() {
              return link.atr
            },
            readerMaxApduData: () => link.readerMaxApduData?.() ?? Promise.resolve(null),
            apply: (limits) => {
              this.current = limits
            },
          }
        : undefined
  }

  get extendedLength(): boolean {
    return this.current.extended
  }

  get limits(): LengthLimits {
    return this.current
  }

  async transmit(command: CommandApdu): Promise<ResponseApdu> {
    const dataLength = command.data?.length ?? 0
    const { maxCommandData, maxResponseData } = this.current
    if (dataLength > maxCommandData || (command.le ?? 0) > maxResponseData) {
      throw new RangeError(
        `APDU (Lc ${dataLength}, Le ${command.le}) over this channel's ${maxCommandData}/${maxResponseData}`,
      )
    }
    let response = await this.exchange(encodeCommand(command))
    if (response.sw >> 8 === 0x6c) {
      response = await this.exchange(encodeCommand({ ...command, le: response.sw & 0xff || 256 }))
    }
    const parts = [response.data]
    for (let round = 0; response.sw >> 8 === 0x61; round++) {
      if (round >= this.maxGetResponses) {
        throw CardError.of('MALFORMED_RESPONSE', `still 61xx after ${round} GET RESPONSE commands`)
      }
      const getResponse: CommandApdu = {
        cla: command.cla & 0x03, // keep the logical channel, drop SM and chaining bits
        ins: 0xc0,
        p1: 0,
        p2: 0,
        le: response.sw & 0xff || 256,
      }
      response = await this.exchange(encodeCommand(getResponse))
      parts.push(response.data)
    }
    return { data: parts.length === 1 ? response.data : concat(...parts), sw: response.sw }
  }

  private async exchange(bytes: Uint8Array): Promise<ResponseApdu> {
    const raw = await this.link.transmit(bytes)
    if (raw.length < 2) {
      throw CardError.of('MALFORMED_RESPONSE', `response of ${raw.length} bytes, no status word`)
    }
    return decodeResponse(raw)
  }
}
