import { randomBytes as nodeRandomBytes } from 'node:crypto'
import type { RandomBytes } from '../icao9303/crypto/random'
import type { CardLink } from '../iso7816/apdu'
import type {
  ConnectOptions,
  PcscEventName,
  PcscEvents,
  PcscReaderInfo,
} from '../pcsc/pcsc-service'
import type { TrustStore } from '../pki/trust-store'
import type {
  CardReadOutcome,
  CardReaderInfo,
  CardReaderService,
  CardReadRequest,
  CardServiceEvents,
} from './card-reader-service'
import { CardReaderError, toCardReaderError } from './card-reader-errors'
import { EventHub } from './event-hub'
import { createLengthMemory } from '../reader/length-memory'
import { readOverLink } from './read-over-link'

/** The part of PcscService this service uses (a fake in tests). */
export interface PcscServiceLike {
  on<K extends PcscEventName>(event: K, listener: (payload: PcscEvents[K]) => void): () => void
  readers(): PcscReaderInfo[]
  connect(
    reader: string,
    options?: ConnectOptions,
  ): Promise<CardLink & { disconnect(): Promise<void> }>
  close(): Promise<void>
}

export interface PcscCardServiceOptions {
  /** The kiosk's CSCAs; default none. */
  trust?: TrustStore
  /** Default: openPcscService(). Throws PcscUnavailableError when pcscd or the binding is missing. */
  open?: () => Promise<PcscServiceLike>
  randomBytes?: RandomBytes
  now?: () => Date
  /** Milliseconds for `elapsedMs`; default performance.now. */
  clock?: () => number
  /**
   * After opening PC/SC, wait this long for pcscd to announce its readers and their cards (they
   * arrive as events), so the first device list is not empty; default 400 ms.
   */
  settleMs?: number
}

export interface PcscCardService extends CardReaderService {
  readonly kind: 'pcsc'
  /**
   * Opens PC/SC unless it is open; reopens after pcscd went away. Throws CardReaderError
   * `pcsc-unavailable` (its `cause` is the PcscUnavailableError).
   */
  ensureOpen(): Promise<void>
}

const FORWARDED = ['reader-added', 'reader-removed', 'card-inserted', 'card-removed'] as const

/**
 * The PC/SC context behind the service: opened on first use and again after pcscd went away,
 * its reader and card events forwarded to `hub`.
 */
class LazyPcscContext {
  private pcsc: PcscServiceLike | null = null
  private detach: (() => void)[] = []
  private opening: Promise<PcscServiceLike> | null = null
  private closed = false

  constructor(
    private readonly open: () => Promise<PcscServiceLike>,
    private readonly hub: EventHub<CardServiceEvents>,
    private readonly settleMs: number,
  ) {}

  readers(): PcscReaderInfo[] {
    return this.pcsc?.readers() ?? []
  }

  async ensure(): Promise<PcscServiceLike> {
    if (this.closed) throw new CardReaderError('pcsc-unavailable', 'the card service is closed')
    if (this.pcsc) return this.pcsc
    this.opening ??= this.openOnce().finally(() => {
      this.opening = null
    })
    try {
      return await this.opening
    } catch (error) {
      throw toCardReaderError(error)
    }
  }

  async close(): Promise<void> {
    this.closed = true
    await this.opening?.catch(() => undefined)
    const service = this.pcsc
    this.pcsc = null
    for (const off of this.detach) off()
    this.detach = []
    this.hub.clear()
    await service?.close()
  }

  private async openOnce(): Promise<PcscServiceLike> {
    const service = await this.open()
    if (this.closed) {
      await service.close()
      throw new CardReaderError('pcsc-unavailable', 'the card service is closed')
    }
    this.pcsc = service
    this.attach(service)
    if (this.settleMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settleMs))
    return service
  }

  private attach(service: PcscServiceLike): void {
    this.detach = FORWARDED.map((event) =>
      service.on(event, (payload) => this.hub.emit(event, payload as never)),
    )
    this.detach.push(
      service.on('error', ({ error }) => {
        if (error.code === 'PCSC_UNAVAILABLE' && this.pcsc === service) void this.drop(service)
      }),
    )
  }

  /** pcscd went away: forget this context (its readers are gone with it) and reopen on demand. */
  private async drop(service: PcscServiceLike): Promise<void> {
    const readers = service.readers()
    for (const off of this.detach) off()
    this.detach = []
    this.pcsc = null
    for (const r of readers) {
      if (r.cardPresent) this.hub.emit('card-removed', { reader: r.name })
      this.hub.emit('reader-removed', { reader: r.name })
    }
    await service.close().catch(() => undefined)
  }
}

/**
 * Real readers over PC/SC. PC/SC is opened lazily and again after a failure, so a kiosk started
 * before pcscd (or while it restarts) recovers without a restart of its own.
 */
export function createPcscCardService(options: PcscCardServiceOptions): PcscCardService {
  const open =
    options.open ?? (async () => (await import('../pcsc/pcsc-service')).openPcscService())
  const randomBytes = options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)))
  const now = options.now ?? (() => new Date())
  const clock = options.clock ?? (() => performance.now())
  // Cards that refused extended length once start short on their next read.
  const lengthMemory = createLengthMemory()
  const hub = new EventHub<CardServiceEvents>()
  const context = new LazyPcscContext(open, hub, options.settleMs ?? 400)

  const readers = (): CardReaderInfo[] =>
    context.readers().map((r) => ({
      name: r.name,
      cardPresent: r.cardPresent,
      ...(r.atr ? { atr: r.atr } : {}),
      simulated: false,
    }))

  return {
    kind: 'pcsc',
    readers,
    on: (event, listener) => hub.on(event, listener),
    async ensureOpen() {
      await context.ensure()
    },
    async read(request: CardReadRequest): Promise<CardReadOutcome> {
      const service = await context.ensure()
      const reader = pickReader(readers(), request.reader)
      let link: CardLink & { disconnect(): Promise<void> }
      try {
        link = await service.connect(reader, { share: 'exclusive' })
      } catch (error) {
        throw toCardReaderError(error)
      }
      try {
        return await readOverLink(link, {
          ...request,
          reader,
          lengthMemory,
          trust: options.trust,
          randomBytes,
          now,
          clock,
        })
      } catch (error) {
        throw toCardReaderError(error)
      } finally {
        await link.disconnect().catch(() => undefined)
      }
    },
    close: () => context.close(),
  }
}

/** The named reader (exactly), or else the first one holding a card. */
export function pickReader(readers: readonly CardReaderInfo[], name: string | undefined): string {
  if (name !== undefined) {
    const found = readers.find((r) => r.name === name)
    if (!found) throw new CardReaderError('no-reader', readerList(name, readers))
    if (!found.cardPresent) throw new CardReaderError('no-card', name)
    return name
  }
  const withCard = readers.find((r) => r.cardPresent)
  if (withCard) return withCard.name
  if (readers.length === 0) throw new CardReaderError('no-reader', 'no PC/SC reader')
  throw new CardReaderError('no-card', readers.map((r) => r.name).join(', '))
}

function readerList(name: string, readers: readonly CardReaderInfo[]): string {
  return `${name} (readers: ${readers.map((r) => r.name).join(', ') || 'none'})`
}
