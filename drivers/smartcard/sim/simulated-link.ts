import type { CardLink } from '../iso7816/apdu'
import {
  realSleep,
  realTimeout,
  withDeadline,
  type ScheduleTimeout,
  type Sleep,
} from '../iso7816/deadline'
import { CardError } from '../iso7816/errors'
import type { VirtualCard } from './virtual-card'

/** ISO 14443 bit rates (fc/128, fc/64, fc/32, fc/16 with fc = 13.56 MHz), in bit/s. */
export const NFC_BIT_RATE = {
  106: 105_937.5,
  212: 211_875,
  424: 423_750,
  848: 847_500,
} as const

export interface LinkPacing {
  /** Bits per second on the air. */
  bitRate: number
  /** Bits each byte costs; default 9 (8 data bits and the ISO 14443-A parity bit). */
  bitsPerByte?: number
  /** Fixed cost per exchange (frame guard times, card processing); default 0. */
  perApduMs?: number
}

export interface LinkStats {
  apdus: number
  /** Command bytes sent to the card. */
  bytesSent: number
  /** Response bytes received from it, status words included. */
  bytesReceived: number
  /** Time the pacing model charged, in ms. */
  pacedMs: number
}

export interface SimulatedLinkOptions {
  pacing?: LinkPacing
  /** Deadline of one transmit; default 5000 ms. */
  timeoutMs?: number
  schedule?: ScheduleTimeout
  sleep?: Sleep
  /** Play a reader that reports this dwMaxAPDUDataSize (0: short APDUs only); default none. */
  readerMaxApduData?: number
}

/** Air time of one exchange under `pacing`, in ms. */
export function exchangeMs(
  pacing: LinkPacing,
  commandBytes: number,
  responseBytes: number,
): number {
  const bits = (commandBytes + responseBytes) * (pacing.bitsPerByte ?? 9)
  return (bits * 1000) / pacing.bitRate + (pacing.perApduMs ?? 0)
}

/**
 * A CardLink to a VirtualCard in the same process, as if through a contactless reader: powers the
 * card on, serialises transmits, charges air time, counts APDUs and bytes, and enforces a deadline.
 * After a timeout the link is broken until `reset()`, like a real reader after a mute card.
 */
export class SimulatedLink implements CardLink {
  readonly stats: LinkStats = { apdus: 0, bytesSent: 0, bytesReceived: 0, pacedMs: 0 }
  private state: 'open' | 'broken' | 'closed' = 'open'
  private queue: Promise<unknown> = Promise.resolve()
  private readonly timeoutMs: number
  private readonly schedule: ScheduleTimeout
  private readonly sleep: Sleep

  constructor(
    readonly card: VirtualCard,
    private readonly options: SimulatedLinkOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000
    this.schedule = options.schedule ?? realTimeout
    this.sleep = options.sleep ?? realSleep
    card.powerOn()
  }

  /** The card's ATR, as a contactless reader reports it (historical bytes from the ATS). */
  get atr(): Uint8Array {
    return this.card.atr
  }

  /** No limit of its own (null) unless the options play a reader that reports one. */
  readerMaxApduData(): Promise<number | null> {
    return Promise.resolve(this.options.readerMaxApduData ?? null)
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    const run = (): Promise<Uint8Array> => {
      if (this.state === 'closed') return Promise.reject(CardError.of('LINK_CLOSED'))
      if (this.state === 'broken') {
        return Promise.reject(CardError.of('LINK_BROKEN', 'the card timed out; reset first'))
      }
      return withDeadline(this.exchange(command), this.timeoutMs, this.schedule, () => {
        this.state = 'broken'
      })
    }
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** Warm reset of the card; also repairs a link broken by a timeout. */
  async reset(): Promise<void> {
    await this.queue
    if (this.state === 'closed') throw CardError.of('LINK_CLOSED')
    this.card.reset()
    this.state = 'open'
  }

  async disconnect(): Promise<void> {
    if (this.state === 'closed') return
    this.state = 'closed'
    this.card.powerOff()
  }

  private async exchange(command: Uint8Array): Promise<Uint8Array> {
    const response = await this.card.process(command.slice())
    this.stats.apdus++
    this.stats.bytesSent += command.length
    this.stats.bytesReceived += response.length
    const pacing = this.options.pacing
    if (pacing) {
      const ms = exchangeMs(pacing, command.length, response.length)
      this.stats.pacedMs += ms
      await this.sleep(ms)
    }
    return response
  }
}
