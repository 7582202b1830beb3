import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { CardLink } from '../iso7816/apdu'
import { CardError } from '../iso7816/errors'
import { PcscUnavailableError } from '../pcsc/pcsc-errors'
import type { ConnectOptions, PcscEvents, PcscReaderInfo } from '../pcsc/pcsc-service'
import { createSimPki } from '../pki/sim-pki'
import { createTrustStore, withAnchors } from '../pki/trust-store'
import { createSimulatedCccd, type SimulatedCccd } from '../sim/cccd/scenarios'
import { SimulatedLink } from '../sim/simulated-link'
import { CardReaderError } from './card-reader-errors'
import type { CardServiceEvents } from './card-reader-service'
import { EventHub } from './event-hub'
import { createPcscCardService, pickReader, type PcscServiceLike } from './pcsc-card-service'

const now = () => new Date('2026-11-26T10:00:00Z')
const random = (n: number) => new Uint8Array(randomBytes(n))
const pki = createSimPki({ now: now() })
const trust = withAnchors(createTrustStore([]), [pki.csca.certificateDer], 'test CSCA')

/** PcscService as the card service sees it: readers holding virtual CCCDs, links over SimulatedLink. */
class FakePcsc implements PcscServiceLike {
  readonly hub = new EventHub<PcscEvents>()
  readonly cards = new Map<string, SimulatedCccd | null>()
  readonly connects: { reader: string; options?: ConnectOptions }[] = []
  readonly commandLengths: number[] = []
  disconnects = 0
  closed = false
  connectError: Error | null = null

  on<K extends keyof PcscEvents>(event: K, listener: (payload: PcscEvents[K]) => void) {
    return this.hub.on(event, listener)
  }

  readers(): PcscReaderInfo[] {
    return [...this.cards].map(([name, card]) => ({
      name,
      cardPresent: card !== null,
      ...(card ? { atr: card.card.atr } : {}),
      connected: false,
    }))
  }

  plug(name: string, card: SimulatedCccd | null = null): void {
    this.cards.set(name, card)
    this.hub.emit('reader-added', { reader: name })
    if (card) this.hub.emit('card-inserted', { reader: name, atr: card.card.atr })
  }

  pull(name: string): void {
    this.cards.set(name, null)
    this.hub.emit('card-removed', { reader: name })
  }

  async connect(reader: string, options?: ConnectOptions) {
    this.connects.push({ reader, ...(options ? { options } : {}) })
    if (this.connectError) throw this.connectError
    const card = this.cards.get(reader)
    if (!card) throw CardError.of('NO_CARD', reader)
    const link = new SimulatedLink(card.card)
    const lengths = this.commandLengths
    const counted: CardLink & { disconnect(): Promise<void> } = {
      transmit: (command) => {
        lengths.push(command.length)
        return link.transmit(command)
      },
      disconnect: async () => {
        this.disconnects++
        await link.disconnect()
      },
    }
    return counted
  }

  private markClosed = (): void => {}
  /** Settles when the service under test closes this context. */
  readonly whenClosed = new Promise<void>((resolve) => (this.markClosed = resolve))

  async close(): Promise<void> {
    this.closed = true
    this.markClosed()
  }
}

let chip: SimulatedCccd | null = null
/** One virtual CCCD for the file (building its portrait takes a while). */
function cccd(): SimulatedCccd {
  chip ??= createSimulatedCccd({ citizen: 'pcsc-service-test', pki, now, randomBytes: random })
  return chip
}

function setup(fake = new FakePcsc(), clock?: () => number) {
  const service = createPcscCardService({
    trust,
    open: async () => fake,
    now,
    randomBytes: random,
    ...(clock ? { clock } : {}),
  })
  const events: string[] = []
  const record = <K extends keyof CardServiceEvents>(event: K) =>
    service.on(event, (p) => events.push(`${event} ${p.reader}`))
  record('reader-added')
  record('reader-removed')
  record('card-inserted')
  record('card-removed')
  return { fake, service, events }
}

async function failure(promise: Promise<unknown>): Promise<CardReaderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CardReaderError)
  return error as CardReaderError
}

describe('PC/SC card service', () => {
  it('lists readers with card presence and ATR, and forwards hot-plug events', async () => {
    const { fake, service, events } = setup()
    expect(service.readers()).toEqual([]) // not opened yet
    await service.ensureOpen()
    fake.plug('ACS ACR1252 00 00')
    fake.plug('Virtual PCD 00 00', cccd())
    expect(service.readers()).toEqual([
      { name: 'ACS ACR1252 00 00', cardPresent: false, simulated: false },
      { name: 'Virtual PCD 00 00', cardPresent: true, atr: cccd().card.atr, simulated: false },
    ])
    fake.pull('Virtual PCD 00 00')
    expect(events).toEqual([
      'reader-added ACS ACR1252 00 00',
      'reader-added Virtual PCD 00 00',
      'card-inserted Virtual PCD 00 00',
      'card-removed Virtual PCD 00 00',
    ])
    await service.close()
    expect(fake.closed).toBe(true)
  })

  it('reads the first card exclusively, with short APDUs only, and lets go of it', async () => {
    let tick = 1000
    const { fake, service } = setup(new FakePcsc(), () => (tick += 40.25))
    await service.ensureOpen()
    fake.plug('ACS ACR1252 00 00')
    fake.plug('Virtual PCD 00 00', cccd())
    const files: string[] = []
    const outcome = await service.read({
      key: cccd().content.accessKeys.can,
      onStep: (s) => files.push(s),
    })
    expect(fake.connects).toEqual([
      { reader: 'Virtual PCD 00 00', options: { share: 'exclusive' } },
    ])
    expect(fake.disconnects).toBe(1)
    expect(outcome.reader).toBe('Virtual PCD 00 00')
    expect(outcome.summary.passiveAuth.verdict).toBe('valid')
    expect(outcome.elapsedMs).toBe(40.25)
    expect(outcome.counts.apdus).toBe(fake.commandLengths.length)
    // Short APDUs: header, Lc and at most 255 data bytes, Le (extended ones are longer).
    expect(Math.max(...fake.commandLengths)).toBeLessThanOrEqual(261)
    expect(files).toContain('read:DG13')
    await service.close()
  })

  it('lets go of the card when the chip refuses the key', async () => {
    const { fake, service } = setup()
    await service.ensureOpen()
    fake.plug('Virtual PCD 00 00', cccd())
    const error = await failure(
      service.read({ key: { kind: 'CAN', can: '000000' }, reader: 'Virtual PCD 00 00' }),
    )
    expect(error.code).toBe('access-denied')
    expect(fake.disconnects).toBe(1)
    await service.close()
  })

  it('maps a busy reader and a failed connection to their codes', async () => {
    const { fake, service } = setup()
    await service.ensureOpen()
    fake.plug('Virtual PCD 00 00', cccd())
    fake.connectError = CardError.of('READER_BUSY', 'Virtual PCD 00 00')
    const key = cccd().content.accessKeys.can
    expect((await failure(service.read({ key }))).code).toBe('reader-busy')
    fake.connectError = CardError.of('TRANSPORT', 'SCardConnect: comm error')
    const failed = await failure(service.read({ key }))
    expect(failed.code).toBe('read-failed')
    expect(failed.message).toContain('SCardConnect: comm error')
    await service.close()
  })

  it('says pcsc-unavailable while pcscd is down and opens once it is back', async () => {
    const fake = new FakePcsc()
    let up = false
    let opens = 0
    const service = createPcscCardService({
      trust,
      now,
      randomBytes: random,
      open: async () => {
        opens++
        if (!up) throw new PcscUnavailableError('pcscd-down', 'no socket at /run/pcscd/pcscd.comm')
        return fake
      },
    })
    const error = await failure(service.read({ key: { kind: 'CAN', can: '123456' } }))
    expect(error.code).toBe('pcsc-unavailable')
    expect(error.message).toContain('pcscd chưa chạy / The smart-card service pcscd is not running')
    expect(error.cause).toBeInstanceOf(PcscUnavailableError)
    up = true
    await service.ensureOpen()
    await service.ensureOpen()
    expect(opens).toBe(2)
    await service.close()
  })

  it('forgets a context whose pcscd went away, and opens a new one on demand', async () => {
    const first = new FakePcsc()
    const second = new FakePcsc()
    const contexts = [first, second]
    const service = createPcscCardService({
      trust,
      now,
      randomBytes: random,
      open: async () => contexts.shift() ?? second,
    })
    const events: string[] = []
    service.on('card-removed', ({ reader }) => events.push(`card-removed ${reader}`))
    service.on('reader-removed', ({ reader }) => events.push(`reader-removed ${reader}`))
    await service.ensureOpen()
    first.plug('Virtual PCD 00 00', cccd())
    first.hub.emit('error', { error: new PcscUnavailableError('pcscd-down', 'service stopped') })
    await first.whenClosed
    expect(first.closed).toBe(true)
    expect(events).toEqual(['card-removed Virtual PCD 00 00', 'reader-removed Virtual PCD 00 00'])
    expect(service.readers()).toEqual([])
    await service.ensureOpen()
    second.plug('Virtual PCD 00 01')
    expect(service.readers().map((r) => r.name)).toEqual(['Virtual PCD 00 01'])
    await service.close()
  })
})

describe('pickReader', () => {
  const readers = [
    { name: 'A', cardPresent: false, simulated: false },
    { name: 'B', cardPresent: true, simulated: false },
  ]
  const code = (fn: () => unknown) => {
    try {
      fn()
    } catch (error) {
      return (error as CardReaderError).code
    }
    return 'picked'
  }

  it('takes the named reader, else the first with a card', () => {
    expect(pickReader(readers, 'B')).toBe('B')
    expect(pickReader(readers, undefined)).toBe('B')
  })

  it('says which of no-reader and no-card applies', () => {
    expect(code(() => pickReader([], undefined))).toBe('no-reader')
    expect(code(() => pickReader(readers, 'C'))).toBe('no-reader')
    expect(code(() => pickReader(readers, 'A'))).toBe('no-card')
    expect(code(() => pickReader(readers.slice(0, 1), undefined))).toBe('no-card')
  })
})
