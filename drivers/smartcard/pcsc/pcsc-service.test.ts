import { describe, expect, it } from 'vitest'
import { tlv } from '../../../lib/asn1/tlv'
import { bytesEqual, fromHex, hex } from '../../../lib/bytes'
import { ApduChannel } from '../iso7816/apdu-channel'
import type { ScheduleTimeout } from '../iso7816/deadline'
import { type CardError, CardRemovedError, TimeoutError } from '../iso7816/errors'
import { readFile } from '../iso7816/read-file'
import { CardFileSystem } from '../sim/file-system'
import { IsoCard } from '../sim/iso-card'
import type { PcscBinding } from './binding'
import { PcscUnavailableError } from './pcsc-errors'
import { openPcscService, type PcscEvents, type PcscService } from './pcsc-service'
import { FakeContext, FakeReader, manualTimeouts } from './test-support'

const FILE = tlv(
  0x75,
  Uint8Array.from({ length: 3000 }, (_, i) => (i * 13) & 0xff),
)

function newCard(): IsoCard {
  return new IsoCard({
    files: new CardFileSystem({ masterFiles: [{ fid: 0x0102, data: FILE }] }),
  })
}

async function setUp(schedule?: ScheduleTimeout): Promise<{
  context: FakeContext
  reader: FakeReader
  service: PcscService
  events: string[]
}> {
  const context = new FakeContext()
  const binding: PcscBinding = () => context
  const service = await openPcscService({
    loadBinding: async () => binding,
    platform: 'test' as NodeJS.Platform,
    ...(schedule ? { schedule } : {}),
  })
  const events: string[] = []
  const names: (keyof PcscEvents)[] = [
    'reader-added',
    'reader-removed',
    'card-inserted',
    'card-removed',
  ]
  for (const name of names) {
    service.on(name, (payload) => {
      const atr = 'atr' in payload ? ` ${hex(payload.atr)}` : ''
      events.push(`${name} ${payload.reader}${atr}`)
    })
  }
  const reader = new FakeReader('Reader A')
  context.plug(reader)
  return { context, reader, service, events }
}

describe('openPcscService', () => {
  it('fails fast when pcscd has no socket, without loading the binding', async () => {
    let loaded = false
    const error = await openPcscService({
      platform: 'linux',
      socketPath: '/nonexistent/pcscd.comm',
      loadBinding: async () => {
        loaded = true
        return () => new FakeContext()
      },
    }).catch((e) => e)
    expect(error).toBeInstanceOf(PcscUnavailableError)
    expect((error as PcscUnavailableError).reason).toBe('pcscd-down')
    expect((error as CardError).code).toBe('PCSC_UNAVAILABLE')
    expect(loaded).toBe(false)
  })

  it('reports a missing binding and a failing context', async () => {
    const missing = await openPcscService({
      platform: 'darwin',
      loadBinding: () => Promise.reject(new Error("Cannot find module '@pokusew/pcsclite'")),
    }).catch((e) => e)
    expect((missing as PcscUnavailableError).reason).toBe('binding-missing')
    const broken = await openPcscService({
      platform: 'darwin',
      loadBinding: async () => () => {
        throw new Error('SCardEstablishContext error')
      },
    }).catch((e) => e)
    expect((broken as PcscUnavailableError).reason).toBe('pcsc-error')
  })
})

describe('PcscService', () => {
  it('reports readers and cards coming and going', async () => {
    const { context, reader, service, events } = await setUp()
    const card = newCard()
    reader.insert(card)
    expect(service.readers()).toEqual([
      { name: 'Reader A', cardPresent: true, atr: card.atr, connected: false },
    ])
    reader.pull()
    reader.insert(card)
    context.unplug(reader)
    expect(events).toEqual([
      'reader-added Reader A',
      `card-inserted Reader A ${hex(card.atr)}`,
      'card-removed Reader A',
      `card-inserted Reader A ${hex(card.atr)}`,
      'card-removed Reader A',
      'reader-removed Reader A',
    ])
    expect(service.readers()).toEqual([])
    await service.close()
  })

  it('waits for a card, connects exclusively, and reads a file through the reader', async () => {
    const { reader, service } = await setUp()
    const waiting = service.waitForCard('Reader A', 1000)
    const card = newCard()
    reader.insert(card)
    expect(await waiting).toEqual(card.atr)
    const link = await service.connect('Reader A')
    expect(reader.shareModes).toEqual([reader.SCARD_SHARE_EXCLUSIVE])
    expect(link.protocol).toBe('T1')
    expect(link.atr).toEqual(card.atr)
    expect(bytesEqual(await readFile(new ApduChannel(link), 0x0102), FILE)).toBe(true)
    expect(service.readers()[0]?.connected).toBe(true)
    await link.disconnect()
    expect(service.readers()[0]?.connected).toBe(false)
    await service.close()
  })

  it('refuses unknown readers, empty readers and a second connection', async () => {
    const { reader, service } = await setUp()
    const code = async (promise: Promise<unknown>): Promise<string> =>
      ((await promise.catch((e) => e)) as CardError).code
    expect(await code(service.connect('Reader B'))).toBe('READER_NOT_FOUND')
    expect(await code(service.connect('Reader A'))).toBe('NO_CARD')
    reader.insert(newCard())
    const first = service.connect('Reader A')
    expect(await code(service.connect('Reader A'))).toBe('READER_BUSY') // while connecting
    await first
    expect(await code(service.connect('Reader A'))).toBe('READER_BUSY')
    expect(reader.shareModes).toHaveLength(1)
    await service.close()
  })

  it('times out a silent transmit, then needs a reconnect', async () => {
    const timeouts = manualTimeouts()
    const { reader, service } = await setUp(timeouts.schedule)
    reader.insert(newCard())
    const link = await service.connect('Reader A')
    reader.mode = 'hang'
    const armedBefore = timeouts.count()
    const sending = link.transmit(fromHex('00A4000C'))
    await timeouts.armed(armedBefore + 1) // the transmit's deadline
    timeouts.fireAll()
    expect(await sending.catch((e) => e)).toBeInstanceOf(TimeoutError)
    expect(link.status).toBe('broken')
    expect(((await link.transmit(fromHex('00A4000C')).catch((e) => e)) as CardError).code).toBe(
      'LINK_BROKEN',
    )

    reader.mode = 'normal'
    reader.release()
    await link.reconnect()
    expect(reader.dispositions).toEqual([reader.SCARD_RESET_CARD])
    expect(hex(await link.transmit(fromHex('00A4000C')))).toBe('9000')
    await service.close()
  })

  it('fails a pending transmit at once when the reader reports the card gone', async () => {
    const timeouts = manualTimeouts()
    const { reader, service } = await setUp(timeouts.schedule)
    reader.insert(newCard())
    const link = await service.connect('Reader A')
    reader.mode = 'hang'
    const armedBefore = timeouts.count()
    const sending = link.transmit(fromHex('00A4000C'))
    await timeouts.armed(armedBefore + 1) // the transmit's deadline
    expect(timeouts.pending()).toBe(1)
    reader.pull()
    expect(await sending.catch((e) => e)).toBeInstanceOf(CardRemovedError)
    expect(await link.transmit(fromHex('00A4000C')).catch((e) => e)).toBeInstanceOf(
      CardRemovedError,
    )
    reader.release()
    await service.close()
  })

  it('calls an empty answer a removal only if the reader confirms it', async () => {
    const timeouts = manualTimeouts()
    const { reader, service } = await setUp(timeouts.schedule)
    reader.insert(newCard())
    const link = await service.connect('Reader A')
    reader.mode = 'empty'

    let armedBefore = timeouts.count()
    const confirmed = link.transmit(fromHex('00A4000C'))
    // The transmit's deadline, then, after the empty answer, the grace wait for a removal.
    await timeouts.armed(armedBefore + 2)
    reader.pull()
    expect(await confirmed.catch((e) => e)).toBeInstanceOf(CardRemovedError)

    reader.insert(newCard())
    await link.reconnect()
    armedBefore = timeouts.count()
    const unconfirmed = link.transmit(fromHex('00A4000C'))
    await timeouts.armed(armedBefore + 2)
    timeouts.fireAll() // the grace period ends with the card still there
    expect(((await unconfirmed.catch((e) => e)) as CardError).code).toBe('TRANSPORT')
    await service.close()
  })

  it('maps binding errors of transmit to typed errors', async () => {
    const { reader, service } = await setUp()
    reader.insert(newCard())
    const link = await service.connect('Reader A')
    reader.mode = { error: 'SCardTransmit error: Sharing violation.(0x8010000b)' }
    expect(((await link.transmit(fromHex('00A4000C')).catch((e) => e)) as CardError).code).toBe(
      'READER_BUSY',
    )
    await service.close()
  })

  it('closes every reader and the context, but not a reader stuck in a native call', async () => {
    const timeouts = manualTimeouts()
    const { context, reader, service } = await setUp(timeouts.schedule)
    const other = new FakeReader('Reader B')
    context.plug(other)
    reader.insert(newCard())
    const link = await service.connect('Reader A')
    reader.mode = 'hang'
    const armedBefore = timeouts.count()
    void link.transmit(fromHex('00A4000C')).catch(() => {})
    const errors: string[] = []
    service.on('error', ({ reader: name, error }) => errors.push(`${name} ${error.code}`))
    await timeouts.armed(armedBefore + 1) // the transmit's deadline
    const closing = service.close()
    await timeouts.armed(armedBefore + 2) // close waits, bounded, for the hung call to end
    timeouts.fireAll()
    await closing
    expect(other.closed).toBe(true)
    expect(reader.closed).toBe(false)
    expect(context.closed).toBe(true)
    expect(errors).toEqual(['Reader A LINK_BROKEN'])
    expect(((await service.connect('Reader B').catch((e) => e)) as CardError).code).toBe(
      'LINK_CLOSED',
    )
    reader.release()
  })
})
