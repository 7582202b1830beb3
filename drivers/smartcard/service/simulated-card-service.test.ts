import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hex } from '../../../lib/bytes'
import { createSimPki } from '../pki/sim-pki'
import type { CardServiceEvents } from './card-reader-service'
import { CardReaderError } from './card-reader-errors'
import {
  createSimulatedCardService,
  SIMULATED_READER_NAME,
  type SimulatedCardServiceOptions,
} from './simulated-card-service'

const now = () => new Date('2026-11-26T10:00:00Z')
const random = (n: number) => new Uint8Array(randomBytes(n))
// One PKI for the file: generating keys is the slow part of inserting a card.
const pki = createSimPki({ now: now() })
const SEED = 'service-test'

function setup(options: SimulatedCardServiceOptions = {}) {
  const service = createSimulatedCardService({ pki, now, randomBytes: random, ...options })
  const events: [keyof CardServiceEvents, string][] = []
  service.on('card-inserted', ({ reader, atr }) =>
    events.push(['card-inserted', `${reader} ${hex(atr)}`]),
  )
  service.on('card-removed', ({ reader }) => events.push(['card-removed', reader]))
  return { service, events }
}

async function failure(promise: Promise<unknown>): Promise<CardReaderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CardReaderError)
  return error as CardReaderError
}

describe('simulated card service', () => {
  it('puts a card on the reader, reads and verifies it, and takes it off', async () => {
    let tick = 0
    const { service, events } = setup({ clock: () => (tick += 125) })
    expect(service.readers()).toEqual([
      { name: SIMULATED_READER_NAME, cardPresent: false, simulated: true },
    ])

    const card = await service.insert({ citizenSeed: SEED })
    const atr = hex(card.atr)
    expect(events).toEqual([['card-inserted', `${SIMULATED_READER_NAME} ${atr}`]])
    expect(service.readers()[0]).toMatchObject({ cardPresent: true, atr: card.atr })

    const steps: string[] = []
    const progress = new Map<string, { bytesRead: number; total: number }>()
    const callbackReaders = new Set<string>()
    const outcome = await service.read({
      key: card.simulated.content.accessKeys.can,
      onStep: (s, reader) => {
        steps.push(s)
        callbackReaders.add(reader)
      },
      onProgress: (p, reader) => {
        progress.set(p.file, p)
        callbackReaders.add(reader)
      },
    })
    expect([...callbackReaders]).toEqual([SIMULATED_READER_NAME])
    expect(outcome.reader).toBe(SIMULATED_READER_NAME)
    expect(outcome.document.dg13?.idNumber).toBe(card.simulated.citizen.idNumber)
    expect(outcome.summary.passiveAuth.verdict).toBe('valid')
    expect(outcome.summary.chipAuth.verdict).toBe('passed')
    expect(outcome.summary.activeAuth.verdict).toBe('passed')
    // The clock was read exactly twice, around the read.
    expect(outcome.elapsedMs).toBe(125)
    expect(outcome.summary.apdus).toBe(outcome.counts.apdus)
    expect(outcome.counts.apdus).toBeGreaterThan(20)
    expect(steps).toContain('read:DG2')
    expect(steps.at(-1)).toBe('passive-authentication')
    const dg2 = progress.get('DG2')
    expect(dg2?.bytesRead).toBe(card.simulated.content.dataGroups.get(2)?.length)
    expect(dg2?.total).toBe(dg2?.bytesRead)

    expect(service.remove()).toBe(true)
    expect(service.remove()).toBe(false)
    expect(events.at(-1)).toEqual(['card-removed', SIMULATED_READER_NAME])
    expect(service.readers()[0]?.cardPresent).toBe(false)
    await service.close()
  })

  it('gives the same citizen for the same seed', async () => {
    const { service } = setup()
    const a = await service.insert({ citizenSeed: SEED })
    const b = await service.insert({ citizenSeed: SEED })
    expect(b.simulated.citizen.idNumber).toBe(a.simulated.citizen.idNumber)
    expect(b.simulated.content.accessKeys.can).toEqual(a.simulated.content.accessKeys.can)
    await service.close()
  })

  it('says no-card on an empty reader and no-reader for another reader name', async () => {
    const { service } = setup()
    const key = { kind: 'CAN' as const, can: '123456' }
    expect((await failure(service.read({ key }))).code).toBe('no-card')
    await service.insert({ citizenSeed: SEED })
    const other = await failure(service.read({ key, reader: 'ACS ACR1252 00 00' }))
    expect(other.code).toBe('no-reader')
    expect(other.message).toContain('ACS ACR1252 00 00')
    await service.close()
  })

  it('says access-denied for a wrong CAN, in Vietnamese and English', async () => {
    const { service } = setup()
    await service.insert({ citizenSeed: SEED })
    const error = await failure(service.read({ key: { kind: 'CAN', can: '000000' } }))
    expect(error.code).toBe('access-denied')
    expect(error.message).toMatch(/^Thẻ từ chối .* \/ The chip refused/)
    await service.close()
  })

  it('reads with the MRZ key (BAC) on a chip without PACE', async () => {
    const { service } = setup()
    const card = await service.insert({ scenario: 'bac-only', citizenSeed: SEED })
    const outcome = await service.read({ key: card.simulated.content.accessKeys.mrz })
    expect(outcome.summary.access).toBe('BAC')
    expect(outcome.summary.passiveAuth.verdict).toBe('valid')
    await service.close()
  })

  it('says untrusted for a card signed under a CSCA it was not given', async () => {
    const { service } = setup()
    const card = await service.insert({ scenario: 'unknown-csca', citizenSeed: SEED })
    const outcome = await service.read({ key: card.simulated.content.accessKeys.can })
    expect(outcome.summary.passiveAuth.verdict).toBe('untrusted')
    await service.close()
  })

  it('fails with card-removed when the card is taken off mid-read, and refuses a second read meanwhile', async () => {
    const { service, events } = setup()
    const card = await service.insert({ citizenSeed: SEED })
    let second: Promise<unknown> | null = null
    const read = service.read({
      key: card.simulated.content.accessKeys.can,
      onProgress: (p) => {
        if (p.file !== 'DG2' || second) return
        second = service.read({ key: card.simulated.content.accessKeys.can })
        service.remove()
      },
    })
    expect((await failure(read)).code).toBe('card-removed')
    expect((await failure(second ?? Promise.resolve())).code).toBe('reader-busy')
    expect(events.map((e) => e[0])).toEqual(['card-inserted', 'card-removed'])
    await service.close()
  })

  it('empties the reader when the chip itself leaves the field (pull-mid-dg2)', async () => {
    const { service, events } = setup()
    const card = await service.insert({ scenario: 'pull-mid-dg2', citizenSeed: SEED })
    const error = await failure(service.read({ key: card.simulated.content.accessKeys.can }))
    expect(error.code).toBe('card-removed')
    expect(events.map((e) => e[0])).toEqual(['card-inserted', 'card-removed'])
    expect(service.inserted()).toBeNull()
    await service.close()
  })

  it('lists no reader and inserts nothing once closed', async () => {
    const { service } = setup()
    await service.close()
    expect(service.readers()).toEqual([])
    expect((await failure(service.insert())).code).toBe('no-reader')
  })
})
