import { EventEmitter } from 'node:events'
import type { ScheduleTimeout } from '../iso7816/deadline'
import type { VirtualCard } from '../sim/virtual-card'
import type { PcscReaderHandle, PcscReaderStatus } from './binding'

export const PRESENT = 0x20
export const EMPTY = 0x10

export type TransmitMode = 'normal' | 'hang' | 'empty' | { error: string }

/** A reader of the fake binding, holding a VirtualCard; same constants and callbacks as pcsclite. */
export class FakeReader extends EventEmitter implements PcscReaderHandle {
  readonly SCARD_SHARE_SHARED = 2
  readonly SCARD_SHARE_EXCLUSIVE = 1
  readonly SCARD_PROTOCOL_T0 = 1
  readonly SCARD_PROTOCOL_T1 = 2
  readonly SCARD_STATE_PRESENT = PRESENT
  readonly SCARD_STATE_MUTE = 0x200
  readonly SCARD_LEAVE_CARD = 0
  readonly SCARD_RESET_CARD = 1
  readonly SCARD_UNPOWER_CARD = 2
  connected = false
  closed = false
  mode: TransmitMode = 'normal'
  shareModes: number[] = []
  dispositions: number[] = []
  private card: VirtualCard | null = null
  private hung: (() => void) | null = null

  constructor(readonly name: string) {
    super()
  }

  insert(card: VirtualCard): void {
    this.card = card
    this.status({ state: PRESENT, atr: Buffer.from(card.atr) })
  }

  pull(): void {
    this.card = null
    this.status({ state: EMPTY, atr: Buffer.alloc(0) })
  }

  status(status: PcscReaderStatus): void {
    this.emit('status', status)
  }

  /** Lets a hung transmit finish (with "transaction failed"). */
  release(): void {
    this.hung?.()
    this.hung = null
  }

  connect(
    options: { share_mode: number; protocol: number },
    callback: (error: unknown, protocol: number) => void,
  ): void {
    this.shareModes.push(options.share_mode)
    setImmediate(() => {
      if (!this.card) {
        callback(new Error('SCardConnect error: No smart card inserted.(0x8010000c)'), 0)
        return
      }
      this.card.powerOn()
      this.connected = true
      callback(null, this.SCARD_PROTOCOL_T1)
    })
  }

  disconnect(disposition: number, callback: (error: unknown) => void): void {
    this.dispositions.push(disposition)
    if (disposition === this.SCARD_RESET_CARD) this.card?.reset()
    this.connected = false
    setImmediate(() => callback(null))
  }

  transmit(
    data: Buffer,
    _max: number,
    _protocol: number,
    callback: (error: unknown, response: Buffer) => void,
  ): void {
    const mode = this.mode
    if (mode === 'hang') {
      this.hung = () =>
        callback(new Error('SCardTransmit error: Transaction failed.(0x80100016)'), Buffer.alloc(0))
      return
    }
    setImmediate(async () => {
      if (mode === 'empty') return callback(null, Buffer.alloc(0))
      if (typeof mode === 'object') return callback(new Error(mode.error), Buffer.alloc(0))
      if (!this.card) return callback(new Error('x (0x80100069)'), Buffer.alloc(0))
      callback(null, Buffer.from(await this.card.process(new Uint8Array(data))))
    })
  }

  /** SCardControl: the answer for each control code; a code not listed fails as pcsc-lite does. */
  controlAnswers: Map<number, Uint8Array> | null = null
  readonly controlCalls: number[] = []

  get control(): PcscReaderHandle['control'] {
    const answers = this.controlAnswers
    if (!answers) return undefined
    return (_data, code, _max, callback) => {
      this.controlCalls.push(code)
      const answer = answers.get(code)
      setImmediate(() =>
        answer
          ? callback(null, Buffer.from(answer))
          : callback(
              new Error('SCardControl error: Transaction failed.(0x80100016)'),
              Buffer.alloc(0),
            ),
      )
    }
  }

  close(): void {
    this.closed = true
  }
}

export class FakeContext extends EventEmitter {
  closed = false
  plug(reader: FakeReader): void {
    this.emit('reader', reader)
  }
  unplug(reader: FakeReader): void {
    reader.emit('end')
  }
  close(): void {
    this.closed = true
  }
}

/**
 * A timeout scheduler the test fires by hand. `armed(n)` resolves once `n` deadlines have been
 * armed in all: the event that says a transmit (or a grace wait) is under way, where a real sleep
 * would only guess.
 */
export function manualTimeouts(): {
  schedule: ScheduleTimeout
  fireAll(): void
  pending(): number
  count(): number
  armed(count: number): Promise<void>
} {
  const pending = new Set<() => void>()
  let armedSoFar = 0
  const waiters: { count: number; resolve: () => void }[] = []
  return {
    schedule: (_ms, fire) => {
      const once = (): void => {
        pending.delete(once)
        fire()
      }
      pending.add(once)
      armedSoFar += 1
      for (const waiter of waiters.filter((w) => w.count <= armedSoFar)) waiter.resolve()
      return () => pending.delete(once)
    },
    fireAll: () => {
      for (const fire of [...pending]) fire()
    },
    pending: () => pending.size,
    count: () => armedSoFar,
    armed: (count) =>
      count <= armedSoFar
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
  }
}
