import { existsSync } from 'node:fs'
import { bytesEqual } from '../../../lib/bytes'
import { realTimeout, withDeadline, type ScheduleTimeout } from '../iso7816/deadline'
import { CardError } from '../iso7816/errors'
import {
  loadPcscBinding,
  type PcscBinding,
  type PcscContextHandle,
  type PcscReaderHandle,
  type PcscReaderStatus,
} from './binding'
import { PcscCardLink, type PcscLinkOptions, type ShareMode } from './pcsc-card-link'
import { PcscUnavailableError, mapPcscError } from './pcsc-errors'
import { pcscdListening, pcscdSocketPath } from './pcscd-socket'

export interface PcscEvents {
  'reader-added': { reader: string }
  'reader-removed': { reader: string }
  'card-inserted': { reader: string; atr: Uint8Array }
  'card-removed': { reader: string }
  /** The binding reported a failure that belongs to no call (pcscd went away, a reader failed). */
  error: { reader?: string; error: CardError }
}

export type PcscEventName = keyof PcscEvents

export interface PcscReaderInfo {
  name: string
  cardPresent: boolean
  atr?: Uint8Array
  /** A link of this service holds the card. */
  connected: boolean
}

export interface PcscServiceOptions {
  /** Default: @pokusew/pcsclite through electron/core/native-modules. */
  loadBinding?: () => Promise<PcscBinding>
  /** pcscd's socket, checked first on Linux (the binding would block forever without it). */
  socketPath?: string
  platform?: NodeJS.Platform
  /** Deadline of every transmit; default 10 s. */
  transmitTimeoutMs?: number
  /** Deadline of connect and disconnect; default 10 s. */
  connectTimeoutMs?: number
  /** See PcscLinkOptions.removalGraceMs; default 1500 ms (pcscd polls readers every 400 ms). */
  removalGraceMs?: number
  schedule?: ScheduleTimeout
}

export interface ConnectOptions {
  /** Default exclusive: nothing else may talk to the card while we read it. */
  share?: ShareMode
  transmitTimeoutMs?: number
}

interface ReaderEntry {
  handle: PcscReaderHandle
  present: boolean
  atr: Uint8Array | undefined
  link: PcscCardLink | null
  connecting: boolean
}

type Listener<K extends PcscEventName> = (payload: PcscEvents[K]) => void

/**
 * PC/SC readers and cards: hot-plug events, exclusive connections, clean shutdown. Open it with
 * `openPcscService`, which fails fast with PcscUnavailableError when pcscd or the binding is
 * missing. Call `close()` when done: the binding's watcher threads keep the process alive.
 */
export class PcscService {
  private readonly entries = new Map<string, ReaderEntry>()
  private readonly listeners = new Map<PcscEventName, Set<(payload: never) => void>>()
  private readonly changeWaiters = new Set<() => void>()
  private closing = false
  private readonly linkDefaults: Omit<PcscLinkOptions, 'share'>

  constructor(
    private readonly context: PcscContextHandle,
    options: PcscServiceOptions = {},
  ) {
    this.linkDefaults = {
      transmitTimeoutMs: options.transmitTimeoutMs ?? 10_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      removalGraceMs: options.removalGraceMs ?? 1500,
      schedule: options.schedule ?? realTimeout,
    }
    context.on('reader', (handle) => this.addReader(handle))
    context.on('error', (error) => {
      if (!this.closing) this.emit('error', { error: mapPcscError(error, 'PC/SC') })
    })
  }

  on<K extends PcscEventName>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  readers(): PcscReaderInfo[] {
    return [...this.entries.entries()].map(([name, entry]) => ({
      name,
      cardPresent: entry.present,
      ...(entry.atr ? { atr: entry.atr } : {}),
      connected: entry.link !== null,
    }))
  }

  waitForReader(name: string, timeoutMs = 5000): Promise<void> {
    return this.waitUntil(
      () => (this.entries.has(name) ? true : undefined),
      timeoutMs,
      `waiting for reader ${name}`,
    ).then(() => undefined)
  }

  /** The ATR once a card is in `reader` (at once if it already is). */
  waitForCard(reader: string, timeoutMs = 5000): Promise<Uint8Array> {
    return this.waitUntil(
      () => {
        const entry = this.entries.get(reader)
        return entry?.present ? entry.atr : undefined
      },
      timeoutMs,
      `waiting for a card in ${reader}`,
    )
  }

  /** Resolves once `reader` has no card (at once if it has none, or is gone). */
  waitForRemoval(reader: string, timeoutMs = 5000): Promise<void> {
    return this.waitUntil(
      () => (this.entries.get(reader)?.present ? undefined : true),
      timeoutMs,
      `waiting for the card to leave ${reader}`,
    ).then(() => undefined)
  }

  /** Connects to the card in `reader`, T=0 or T=1 as the card offers. */
  async connect(reader: string, options: ConnectOptions = {}): Promise<PcscCardLink> {
    if (this.closing) throw CardError.of('LINK_CLOSED', 'the PC/SC service is closed')
    const entry = this.entries.get(reader)
    if (!entry) throw CardError.of('READER_NOT_FOUND', reader)
    if (!entry.present) throw CardError.of('NO_CARD', reader)
    if (entry.link || entry.connecting) {
      throw CardError.of('READER_BUSY', `${reader} is already connected`)
    }
    const watch = {
      get cardPresent() {
        return entry.present
      },
      get atr() {
        return entry.atr
      },
      waitForRemoval: (ms: number) =>
        this.waitUntil(() => (entry.present ? undefined : true), ms, 'removal').then(
          () => true,
          () => false,
        ),
    }
    entry.connecting = true
    let link: PcscCardLink
    try {
      link = await PcscCardLink.open(
        entry.handle,
        watch,
        {
          ...this.linkDefaults,
          share: options.share ?? 'exclusive',
          ...(options.transmitTimeoutMs ? { transmitTimeoutMs: options.transmitTimeoutMs } : {}),
        },
        (closed) => {
          if (entry.link === closed) entry.link = null
        },
      )
    } finally {
      entry.connecting = false
    }
    entry.link = link
    if (!entry.present) link.cardRemoved()
    return link
  }

  /**
   * Disconnects every link and closes the binding's handles so the process can exit. A reader
   * whose native call still hangs is left open (closing it would block the event loop).
   */
  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    for (const wake of [...this.changeWaiters]) wake()
    const entries = [...this.entries.values()].map((entry) => ({ ...entry }))
    await Promise.all(entries.map((entry) => entry.link?.disconnect()))
    for (const entry of entries) {
      if (entry.link?.busy) {
        const error = CardError.of('LINK_BROKEN', `${entry.handle.name}: a native call still runs`)
        this.emit('error', { reader: entry.handle.name, error })
        continue
      }
      entry.handle.close()
    }
    this.entries.clear()
    this.context.close()
  }

  private addReader(handle: PcscReaderHandle): void {
    if (this.closing) {
      handle.close()
      return
    }
    const entry: ReaderEntry = {
      handle,
      present: false,
      atr: undefined,
      link: null,
      connecting: false,
    }
    this.entries.set(handle.name, entry)
    handle.on('status', (status) => this.onStatus(entry, status))
    handle.on('error', (error) => {
      if (!this.closing) {
        this.emit('error', { reader: handle.name, error: mapPcscError(error, handle.name) })
      }
    })
    handle.on('end', () => {
      if (this.closing || this.entries.get(handle.name) !== entry) return
      this.cardGone(entry)
      this.entries.delete(handle.name)
      this.emit('reader-removed', { reader: handle.name })
    })
    this.emit('reader-added', { reader: handle.name })
  }

  private onStatus(entry: ReaderEntry, status: PcscReaderStatus): void {
    if (this.closing) return
    const atr = status.atr && status.atr.length > 0 ? new Uint8Array(status.atr) : undefined
    const present =
      (status.state & entry.handle.SCARD_STATE_PRESENT) !== 0 &&
      (status.state & entry.handle.SCARD_STATE_MUTE) === 0 &&
      atr !== undefined
    if (entry.present && (!present || (atr && entry.atr && !bytesEqual(atr, entry.atr)))) {
      this.cardGone(entry)
    }
    if (present && !entry.present && atr) {
      entry.present = true
      entry.atr = atr
      this.emit('card-inserted', { reader: entry.handle.name, atr })
    }
  }

  private cardGone(entry: ReaderEntry): void {
    if (!entry.present) return
    entry.present = false
    entry.atr = undefined
    entry.link?.cardRemoved()
    this.emit('card-removed', { reader: entry.handle.name })
  }

  private emit<K extends PcscEventName>(event: K, payload: PcscEvents[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      ;(listener as Listener<K>)(payload)
    }
    for (const wake of [...this.changeWaiters]) wake()
  }

  /** Resolves with `check()` once it is defined, re-checking after every event. */
  private waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const now = check()
    if (now !== undefined) return Promise.resolve(now)
    let wake: () => void = () => {}
    const work = new Promise<T>((resolve, reject) => {
      wake = () => {
        if (this.closing) {
          this.changeWaiters.delete(wake)
          reject(CardError.of('LINK_CLOSED', 'the PC/SC service closed'))
          return
        }
        const value = check()
        if (value === undefined) return
        this.changeWaiters.delete(wake)
        resolve(value)
      }
      this.changeWaiters.add(wake)
    })
    return withDeadline(
      work,
      timeoutMs,
      this.linkDefaults.schedule,
      () => this.changeWaiters.delete(wake),
      what,
    )
  }
}

/**
 * Opens PC/SC without ever blocking: on Linux pcscd must accept a connection on its socket first
 * (without the daemon, SCardEstablishContext in the binding blocks the whole thread). Throws
 * PcscUnavailableError.
 */
export async function openPcscService(options: PcscServiceOptions = {}): Promise<PcscService> {
  const platform = options.platform ?? process.platform
  const socket = options.socketPath ?? pcscdSocketPath()
  if (platform === 'linux') {
    if (!existsSync(socket)) throw new PcscUnavailableError('pcscd-down', `no socket at ${socket}`)
    if (!(await pcscdListening(socket))) {
      throw new PcscUnavailableError('pcscd-down', `nothing listens on ${socket}`)
    }
  }
  let binding: PcscBinding
  try {
    binding = await (options.loadBinding ?? loadPcscBinding)()
  } catch (error) {
    throw new PcscUnavailableError('binding-missing', (error as Error).message, { cause: error })
  }
  let context: PcscContextHandle
  try {
    context = binding()
  } catch (error) {
    throw new PcscUnavailableError('pcsc-error', (error as Error).message, { cause: error })
  }
  return new PcscService(context, options)
}
