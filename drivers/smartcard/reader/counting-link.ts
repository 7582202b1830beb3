import type { CardLink } from '../iso7816/apdu'

export interface LinkCounts {
  apdus: number
  bytesSent: number
  bytesReceived: number
}

/** Counts what crosses any CardLink (PC/SC or in-process), for `card read --json` and the bench. */
export class CountingLink implements CardLink {
  readonly counts: LinkCounts = { apdus: 0, bytesSent: 0, bytesReceived: 0 }
  /** READ BINARY commands (INS B0 or B1, plain or protected: SM keeps the INS byte). */
  readBinaries = 0
  /** The longest response APDU, status word included. */
  largestResponse = 0

  constructor(private readonly inner: CardLink) {}

  /** What the reader says about the card and itself passes through, so lengths can be chosen. */
  get atr(): Uint8Array | undefined {
    return this.inner.atr
  }

  readerMaxApduData(): Promise<number | null> {
    return this.inner.readerMaxApduData?.() ?? Promise.resolve(null)
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.counts.apdus++
    this.counts.bytesSent += command.length
    const ins = command[1]
    if (ins === 0xb0 || ins === 0xb1) this.readBinaries++
    const response = await this.inner.transmit(command)
    this.counts.bytesReceived += response.length
    this.largestResponse = Math.max(this.largestResponse, response.length)
    return response
  }
}
