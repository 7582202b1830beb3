import { expect } from 'vitest'
import { fromHex, hex } from '../../../../lib/bytes'
import {
  decodeCommand,
  decodeResponse,
  encodeCommand,
  encodeResponse,
  type CardChannel,
  type CommandApdu,
  type ResponseApdu,
} from '../../iso7816/apdu'
import type { BacCardResponder } from '../bac/bac-card'
import type { CaCardResponder } from '../ca/ca-card'
import type { PaceCardResponder } from '../pace/pace-card'
import type { CardStepResult } from './session-keys'
import { SmCardSession } from './sm-card-session'

/** Test helper: a channel that checks each command against a transcript and plays its response. */
export class ScriptedChannel implements CardChannel {
  private step = 0

  constructor(
    private readonly transcript: readonly (readonly [command: string, response: string])[],
    readonly extendedLength = false,
  ) {}

  async transmit(command: CommandApdu): Promise<ResponseApdu> {
    const entry = this.transcript[this.step++]
    if (!entry) throw new Error(`unexpected command ${hex(encodeCommand(command))}`)
    expect(hex(encodeCommand(command))).toBe(entry[0].toUpperCase())
    return decodeResponse(fromHex(entry[1]))
  }

  get done(): boolean {
    return this.step === this.transcript.length
  }
}

/** Test helper: randomBytes that replays given values (each call must ask for its value's size). */
export function replayRandom(...values: readonly string[]): (n: number) => Uint8Array {
  const queue = values.map(fromHex)
  return (n) => {
    const next = queue.shift()
    if (!next || next.length !== n) throw new Error(`randomBytes(${n}) not scripted`)
    return next
  }
}

/** Deterministic bytes for round trips (not cryptographically random, which tests do not need). */
export function seededRandom(seed: number): (n: number) => Uint8Array {
  let state = seed >>> 0 || 1
  return (n) =>
    Uint8Array.from({ length: n }, () => {
      state ^= state << 13
      state ^= state >>> 17
      state ^= state << 5
      return (state >>> 0) & 0xff
    })
}

/**
 * Test helper: a minimal chip built from the card-side responders and SmCardSession, talking bytes
 * (commands and responses go through the ISO 7816 encoders). Files are read by SFI under SM only.
 */
export class LoopbackChip implements CardChannel {
  readonly log: CommandApdu[] = []
  session: SmCardSession | null = null
  /** Lets a test corrupt what the chip sends back. */
  tamper: ((response: ResponseApdu) => ResponseApdu) | null = null

  constructor(
    readonly responders: {
      bac?: BacCardResponder
      pace?: PaceCardResponder
      ca?: CaCardResponder
    },
    readonly files: ReadonlyMap<number, Uint8Array> = new Map(),
    readonly extendedLength = false,
  ) {}

  async transmit(command: CommandApdu): Promise<ResponseApdu> {
    const received = decodeCommand(encodeCommand(command))
    this.log.push(received)
    let response: ResponseApdu
    const session = this.session
    if (session?.active) {
      const unwrapped = session.unwrapCommand(received)
      if (unwrapped.kind === 'error') response = unwrapped.response
      else if (unwrapped.kind === 'plain') response = this.process(unwrapped.command, false)
      else {
        const result = this.dispatch(unwrapped.command, true)
        response = session.wrapResponse(result.response)
        if (result.established) this.session = new SmCardSession(result.established)
      }
    } else {
      response = this.process(received, false)
    }
    const sent = this.tamper ? this.tamper(response) : response
    return decodeResponse(encodeResponse(sent))
  }

  private process(command: CommandApdu, secure: boolean): ResponseApdu {
    const result = this.dispatch(command, secure)
    if (result.established) this.session = new SmCardSession(result.established)
    return result.response
  }

  private dispatch(command: CommandApdu, secure: boolean): CardStepResult {
    const { bac, pace, ca } = this.responders
    const handled =
      (secure ? ca?.handle(command) : undefined) ?? pace?.handle(command) ?? bac?.handle(command)
    if (handled) return handled
    if (command.ins === 0xb0 && command.p1 & 0x80) {
      if (!secure) return { response: { data: new Uint8Array(0), sw: 0x6982 } }
      const file = this.files.get(command.p1 & 0x1f)
      if (!file) return { response: { data: new Uint8Array(0), sw: 0x6a82 } }
      const data = file.slice(command.p2, command.p2 + (command.le ?? 256))
      return { response: { data, sw: 0x9000 } }
    }
    return { response: { data: new Uint8Array(0), sw: 0x6d00 } }
  }
}
