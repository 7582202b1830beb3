import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  allowEveryCaller,
  fromTestCaller,
  unusedOfficerHandlers,
  unusedFingerprintHandlers,
  unusedPortraitHandlers,
  unusedEnrollmentHandlers,
  unusedBarcodeHandlers,
} from '../test-support'
import { createSimPki } from '../../../drivers/smartcard/pki/sim-pki'
import { SCENARIO_NAMES } from '../../../drivers/smartcard/sim/cccd/scenarios'
import { createPcscCardService } from '../../../drivers/smartcard/service/pcsc-card-service'
import {
  createSimulatedCardService,
  SIMULATED_READER_NAME,
} from '../../../drivers/smartcard/service/simulated-card-service'
import {
  CardReadResultSchema,
  events,
  simulatedCardScenarios,
  type EventName,
  type EventPayload,
} from '../../contract'
import { createDispatcher, type Handlers } from '../dispatch'
import { silentLogger } from '../log'
import { wireCardService, type CardHandlers } from './card-handlers'
import type { CardService } from './card-service-for-mode'
import { parse, safeParse } from '../../../lib/schema'
import { createAuditLog } from '../audit'
import { databaseAtVersion } from '../store/test-helpers'

const now = () => new Date('2026-11-26T10:00:00Z')
const pki = createSimPki({ now: now() })
const SEED = 'dispatch-test'

const otherHandlers: Omit<Handlers, keyof CardHandlers> = {
  'app.info': () => {
    throw new Error('not used')
  },
  'devices.list': () => [],
  'devices.refresh': () => [],
  'settings.setLanguage': ({ language }) => ({ language }),
  'queue.status': unused,
  'queue.list': unused,
  'queue.retry': unused,
  'sync.now': unused,
  'terminal.register': unused,
  ...unusedOfficerHandlers,
  ...unusedPortraitHandlers,
  ...unusedEnrollmentHandlers,
  ...unusedFingerprintHandlers,
  ...unusedBarcodeHandlers,
}

function unused(): never {
  throw new Error('not used')
}

function setup(service: CardService = simulatedService()) {
  const emitted: { event: EventName; payload: unknown }[] = []
  let deviceChanges = 0
  const audit = createAuditLog(databaseAtVersion(), now)
  const { handlers, stop } = wireCardService({
    service,
    audit,
    log: silentLogger,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      // Every event must match its contract schema, as the renderer's client checks it.
      expect(safeParse(events[event], payload).success, event).toBe(true)
      emitted.push({ event, payload })
    },
    onDevicesChanged: () => deviceChanges++,
  })
  const dispatch = fromTestCaller(
    createDispatcher(
      { ...otherHandlers, ...handlers },
      silentLogger,
      () => false,
      allowEveryCaller,
    ),
  )
  const named = (event: EventName) => emitted.filter((e) => e.event === event).map((e) => e.payload)
  return { dispatch, emitted, named, stop, service, audit, changes: () => deviceChanges }
}

function simulatedService() {
  return createSimulatedCardService({
    pki,
    now,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
  })
}

type Insert = { accessKeys: { can: string }; atr: string; reader: string }

async function insert(
  dispatch: ReturnType<typeof setup>['dispatch'],
  input: Record<string, unknown> = { citizenSeed: SEED },
): Promise<Insert> {
  const reply = await dispatch('card.simulateInsert', input)
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value as Insert
}

describe('card read audit', () => {
  it('records who read a card, on which reader, with the verdicts and no citizen data', async () => {
    const { dispatch, audit } = setup()
    const card = await insert(dispatch)
    const reply = await dispatch('card.read', { access: { kind: 'CAN', can: card.accessKeys.can } })
    if (!reply.ok) throw new Error(reply.error.message)
    const result = parse(CardReadResultSchema, reply.value)
    const [entry] = audit.recent(1)
    expect(entry).toMatchObject({
      actor: 'test-supervisor',
      action: 'card.read',
      subject: SIMULATED_READER_NAME,
      details: {
        outcome: 'read',
        access: result.access,
        passiveAuth: 'valid',
        chipAuth: 'passed',
        activeAuth: result.activeAuth.verdict,
      },
    })
    const logged = JSON.stringify(audit.recent(10))
    for (const secret of [
      card.accessKeys.can,
      result.cccd?.idNumber,
      result.mrz?.documentNumber,
      result.dg13?.fullName,
    ])
      if (secret) expect(logged).not.toContain(secret)
  })

  it('records a refused read with its reply code', async () => {
    const { dispatch, audit } = setup()
    const card = await insert(dispatch)
    const wrong = card.accessKeys.can === '123456' ? '654321' : '123456'
    await dispatch('card.read', { access: { kind: 'CAN', can: wrong } })
    expect(audit.recent(1)[0]).toMatchObject({
      actor: 'test-supervisor',
      action: 'card.readFailed',
      details: { access: 'CAN', outcome: 'E_ACCESS_DENIED' },
    })
    expect(JSON.stringify(audit.recent(10))).not.toContain(wrong)
  })
})

describe('card channels', () => {
  it.each([
    ['a five-digit CAN', { access: { kind: 'CAN', can: '12345' } }],
    ['a CAN with letters', { access: { kind: 'CAN', can: '12a456' } }],
    ['an unknown access kind', { access: { kind: 'PIN', pin: '1234' } }],
    [
      'an impossible MRZ date',
      {
        access: {
          kind: 'MRZ',
          documentNumber: '012345678',
          dateOfBirth: '901332',
          dateOfExpiry: '300101',
        },
      },
    ],
    ['an unknown key', { access: { kind: 'CAN', can: '123456' }, extra: true }],
  ])('refuses %s with E_SCHEMA before touching the reader', async (_label, input) => {
    const { dispatch, emitted } = setup()
    await insert(dispatch)
    emitted.length = 0
    const reply = await dispatch('card.read', input)
    expect(!reply.ok && reply.error.code).toBe('E_SCHEMA')
    expect(emitted).toEqual([])
  })

  it('inserts a card, reads it with events for every step, and takes it off', async () => {
    const { dispatch, named, changes } = setup()
    const card = await insert(dispatch)
    expect(card.reader).toBe(SIMULATED_READER_NAME)
    expect(card.accessKeys.can).toMatch(/^\d{6}$/)
    expect(named('card.inserted')).toEqual([{ reader: SIMULATED_READER_NAME, atr: card.atr }])
    expect(changes()).toBe(1)
    expect(await dispatch('card.readers', {})).toEqual({
      ok: true,
      value: {
        source: 'simulated',
        readers: [
          { name: SIMULATED_READER_NAME, cardPresent: true, atr: card.atr, simulated: true },
        ],
      },
    })

    const reply = await dispatch('card.read', { access: { kind: 'CAN', can: card.accessKeys.can } })
    if (!reply.ok) throw new Error(reply.error.message)
    const result = parse(CardReadResultSchema, reply.value)
    expect(result.reader).toBe(SIMULATED_READER_NAME)
    expect(result.passiveAuth.verdict).toBe('valid')
    expect(result.passiveAuth.documentSigner?.notAfter).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(result.chipAuth.verdict).toBe('passed')
    expect(result.dg13?.idNumber).toBe(result.cccd?.idNumber)
    expect(result.mrz?.documentNumber).toBe(result.cccd?.idNumber?.slice(3))
    const portrait = result.faceDataUrl?.replace('data:image/jpeg;base64,', '') ?? ''
    expect(Buffer.from(portrait, 'base64').length).toBe(result.face?.bytes)

    expect(named('card.readResult')).toEqual([reply.value])
    const steps = named('card.readStep') as { step: string }[]
    expect(steps[0]).toEqual({ reader: SIMULATED_READER_NAME, step: 'card-access' })
    expect(steps.map((s) => s.step)).toContain('read:DG2')
    const dg2 = (named('card.readProgress') as { file: string; bytesRead: number; total: number }[])
      .filter((p) => p.file === 'DG2')
      .at(-1)
    expect(dg2?.bytesRead).toBe(dg2?.total)
    // What the host bridge sends is JSON: the result must survive it unchanged.
    expect(parse(CardReadResultSchema, JSON.parse(JSON.stringify(result)))).toEqual(result)

    expect(await dispatch('card.simulateRemove', {})).toEqual({
      ok: true,
      value: { removed: true },
    })
    expect(await dispatch('card.simulateRemove', {})).toEqual({
      ok: true,
      value: { removed: false },
    })
    expect(named('card.removed')).toEqual([{ reader: SIMULATED_READER_NAME }])
    expect(changes()).toBe(2)
  })

  it('streams the whole document’s bytes, exact once every file is sized', async () => {
    const { dispatch, named } = setup()
    const card = await insert(dispatch)
    const reply = await dispatch('card.read', { access: { kind: 'CAN', can: card.accessKeys.can } })
    if (!reply.ok) throw new Error(reply.error.message)
    const result = parse(CardReadResultSchema, reply.value)
    const blocks = named('card.readProgress') as EventPayload<'card.readProgress'>[]
    // Counted from the first block, never backwards (no fallback restart on this card).
    for (const [i, block] of blocks.entries()) {
      const before = blocks[i - 1]
      if (!before) continue
      expect(block.documentBytesRead).toBeGreaterThanOrEqual(before.documentBytesRead)
      expect(block.documentTotal).toBeGreaterThanOrEqual(before.documentTotal)
    }
    expect(blocks[0]).toMatchObject({ file: 'EF.COM', filesUnsized: 2 })
    const lds = result.files.filter(
      (f) => f.name === 'EF.COM' || f.name.startsWith('DG') || f.name === 'EF.SOD',
    )
    const bytes = lds.reduce((sum, f) => sum + f.bytes, 0)
    expect(blocks.at(-1)).toMatchObject({
      documentBytesRead: bytes,
      documentTotal: bytes,
      filesUnsized: 0,
    })
    // The total was a lower bound until the last file's first block, and exact from then on.
    const exact = blocks.filter((b) => b.filesUnsized === 0)
    expect(exact.length).toBeGreaterThan(0)
    expect(exact.every((b) => b.documentTotal === bytes)).toBe(true)
    expect(blocks.filter((b) => b.filesUnsized > 0).every((b) => b.documentTotal < bytes)).toBe(
      true,
    )
  })

  it('answers E_NO_CARD, E_NO_READER and E_ACCESS_DENIED', async () => {
    const { dispatch, named } = setup()
    const access = { kind: 'CAN', can: '123456' }
    const noCard = await dispatch('card.read', { access })
    expect(!noCard.ok && noCard.error).toEqual({
      code: 'E_NO_CARD',
      message: `Chưa có thẻ trên đầu đọc / No card on the reader: ${SIMULATED_READER_NAME}`,
      messageKey: 'messages.card.NO_CARD',
      params: {},
    })
    const card = await insert(dispatch)
    const noReader = await dispatch('card.read', { access, reader: 'ACS ACR1252 00 00' })
    expect(!noReader.ok && noReader.error.code).toBe('E_NO_READER')
    const wrong = card.accessKeys.can === '123456' ? '654321' : '123456'
    const denied = await dispatch('card.read', { access: { kind: 'CAN', can: wrong } })
    expect(!denied.ok && denied.error.code).toBe('E_ACCESS_DENIED')
    expect(!denied.ok && denied.error.message).toContain('The chip refused the access key')
    // The exact sentence reaches the renderer by key, not only the generic text of the code.
    // The virtual CCCD answers 63Cx like a real one: the officer is told the tries left.
    expect(!denied.ok && denied.error.messageKey).toBe('messages.icao.accessDeniedTriesLeft')
    expect(!denied.ok && denied.error.params).toEqual({ triesLeft: expect.any(Number) })
    expect(!denied.ok && denied.error.message).toMatch(/more tries/)
    expect(named('card.readResult')).toEqual([])
  })

  it('answers E_CARD_REMOVED when the card leaves mid-read, and says it left', async () => {
    const { dispatch, named } = setup()
    const card = await insert(dispatch, { scenario: 'pull-mid-dg2', citizenSeed: SEED })
    const reply = await dispatch('card.read', { access: { kind: 'CAN', can: card.accessKeys.can } })
    expect(!reply.ok && reply.error.code).toBe('E_CARD_REMOVED')
    expect(named('card.removed')).toEqual([{ reader: SIMULATED_READER_NAME }])
  })

  it('refuses the training requests with E_NOT_SIMULATED over PC/SC', async () => {
    const pcsc = createPcscCardService({
      open: async () => ({
        on: () => () => undefined,
        readers: () => [{ name: 'ACS ACR1252 00 00', cardPresent: false, connected: false }],
        connect: () => Promise.reject(new Error('not used')),
        close: async () => undefined,
      }),
    })
    const { dispatch } = setup(pcsc)
    for (const channel of ['card.simulateInsert', 'card.simulateRemove']) {
      const reply = await dispatch(channel, {})
      expect(!reply.ok && reply.error.code).toBe('E_NOT_SIMULATED')
      expect(!reply.ok && reply.error.messageKey).toBe('messages.card.notSimulated')
    }
    expect(await dispatch('card.readers', {})).toEqual({
      ok: true,
      value: {
        source: 'real',
        readers: [{ name: 'ACS ACR1252 00 00', cardPresent: false, simulated: false }],
      },
    })
    await pcsc.close()
  })

  it('stops forwarding events once stopped', async () => {
    const { dispatch, emitted, stop, service } = setup()
    stop()
    await insert(dispatch)
    expect(emitted).toEqual([])
    await service.close()
  })

  it('offers exactly the simulator’s scenarios', () => {
    expect([...simulatedCardScenarios].sort()).toEqual([...SCENARIO_NAMES].sort())
  })
})
