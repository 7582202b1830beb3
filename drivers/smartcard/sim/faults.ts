import { CardRemovedError } from '../iso7816/errors'
import { realSleep, type Sleep } from '../iso7816/deadline'
import type { FileReadListener } from './iso-card'
import type { VirtualCard } from './virtual-card'

/** Which APDUs a fault hits: from the n-th one after arming (1-based), those `match` accepts. */
export interface FaultTrigger {
  fromApdu?: number
  match?: (command: Uint8Array) => boolean
  /** How many APDUs it hits; default 1 (silence: every matching APDU). */
  times?: number
}

export interface FaultPlan {
  /** A slow card or reader: wait this long before every answer. */
  delayPerApduMs?: number
  /** The card leaves the field once READ BINARY has answered `bytes` bytes of file `fid`. */
  removeAfterFileBytes?: { fid: number; bytes: number }
  /** Answer only the first `keep` bytes of the data, with (default) or without the status word. */
  truncateResponse?: FaultTrigger & { keep: number; keepStatus?: boolean }
  /** Flip bits of the answer byte at `index` (negative counts from the end). */
  corruptResponse?: FaultTrigger & { index: number; xor?: number }
  /** Never answer (tests the transmit timeout). The call settles only if the card is removed. */
  silence?: FaultTrigger
}

interface Observable {
  onFileRead(listener: FileReadListener): () => void
}

function observable(card: VirtualCard): card is VirtualCard & Observable {
  return typeof (card as Partial<Observable>).onFileRead === 'function'
}

/**
 * Wraps a card with injectable failures. Response faults act on the bytes as they leave the card,
 * after secure messaging, as radio errors would; file-level removal needs a card that reports its
 * reads (IsoCard).
 */
export class FaultyCard implements VirtualCard {
  private plan: FaultPlan = {}
  private apdus = 0
  private readonly hits = new Map<keyof FaultPlan, number>()
  private fileBytes = 0
  private removed = false
  private readonly mute = new Set<(error: Error) => void>()
  private readonly sleep: Sleep

  constructor(
    readonly inner: VirtualCard,
    plan: FaultPlan = {},
    options: { sleep?: Sleep } = {},
  ) {
    this.sleep = options.sleep ?? realSleep
    this.arm(plan)
    if (observable(inner))
      inner.onFileRead((file, _offset, length) => this.onRead(file.fid, length))
  }

  get atr(): Uint8Array {
    return this.inner.atr
  }

  get isRemoved(): boolean {
    return this.removed
  }

  /** Replaces the plan; APDU and byte counts restart. */
  arm(plan: FaultPlan): void {
    this.plan = plan
    this.apdus = 0
    this.fileBytes = 0
    this.hits.clear()
  }

  /** Pulls the card out: every call from now on, and every mute one, fails with CardRemovedError. */
  remove(): void {
    this.removed = true
    for (const reject of this.mute) reject(new CardRemovedError('removed while the card was mute'))
    this.mute.clear()
  }

  reinsert(): void {
    this.removed = false
  }

  powerOn(): void {
    this.inner.powerOn()
  }

  powerOff(): void {
    this.inner.powerOff()
  }

  reset(): void {
    this.inner.reset()
  }

  async process(command: Uint8Array): Promise<Uint8Array> {
    if (this.removed) throw new CardRemovedError()
    const index = ++this.apdus
    const plan = this.plan
    if (plan.delayPerApduMs) await this.sleep(plan.delayPerApduMs)
    if (this.fires('silence', plan.silence, command, index, Infinity)) {
      return new Promise<Uint8Array>((_resolve, reject) => this.mute.add(reject))
    }
    let response = await this.inner.process(command)
    if (this.removed) throw new CardRemovedError()
    const truncate = plan.truncateResponse
    if (truncate && this.fires('truncateResponse', truncate, command, index, 1)) {
      const body = response.subarray(0, Math.max(0, response.length - 2))
      const kept = body.slice(0, truncate.keep)
      response =
        truncate.keepStatus === false
          ? kept
          : Uint8Array.from([...kept, ...response.subarray(response.length - 2)])
    }
    const corrupt = plan.corruptResponse
    if (corrupt && this.fires('corruptResponse', corrupt, command, index, 1)) {
      response = response.slice()
      const at = corrupt.index < 0 ? response.length + corrupt.index : corrupt.index
      if (at >= 0 && at < response.length)
        response[at] = (response[at] ?? 0) ^ (corrupt.xor ?? 0xff)
    }
    return response
  }

  private fires(
    name: keyof FaultPlan,
    trigger: FaultTrigger | undefined,
    command: Uint8Array,
    index: number,
    defaultTimes: number,
  ): boolean {
    if (!trigger) return false
    if (index < (trigger.fromApdu ?? 1)) return false
    if (trigger.match && !trigger.match(command)) return false
    const used = this.hits.get(name) ?? 0
    if (used >= (trigger.times ?? defaultTimes)) return false
    this.hits.set(name, used + 1)
    return true
  }

  private onRead(fid: number, length: number): void {
    const rule = this.plan.removeAfterFileBytes
    if (!rule || rule.fid !== fid || this.removed) return
    if (this.fileBytes + length > rule.bytes) {
      this.remove()
      throw new CardRemovedError(`removed after ${this.fileBytes} bytes of EF ${fid.toString(16)}`)
    }
    this.fileBytes += length
  }
}
