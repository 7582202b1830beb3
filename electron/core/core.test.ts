import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PcscUnavailableError } from '../../drivers/smartcard/pcsc/pcsc-errors'
import type { PcscServiceLike } from '../../drivers/smartcard/service/pcsc-card-service'
import type { DeviceInfo } from '../contract'
import { createCore, DATABASE_FILE_NAME, type Core, type CoreOptions } from './core'
import { schemaVersion } from './store'
import { migrations } from './store/migrations'
import { dispatchSignedIn, TEST_PASSWORD_COST, tempKioskConfig } from './test-support'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startCore(
  overrides = {},
  ids = ['station-A', 'station-B'],
  options: Partial<CoreOptions> = {},
): Promise<{ core: Core; dataDir: string }> {
  const { config, cleanup } = tempKioskConfig(overrides)
  cleanups.push(cleanup)
  const core = await createCore(config, {
    shell: 'host',
    randomId: () => ids.shift() ?? 'x',
    passwordCost: TEST_PASSWORD_COST,
    ...options,
  })
  cleanups.push(() => core.close())
  return { core, dataDir: config.dataDir }
}

describe('createCore', () => {
  it('creates the data directory and a migrated WAL database', async () => {
    const { core, dataDir } = await startCore()
    expect(existsSync(join(dataDir, DATABASE_FILE_NAME))).toBe(true)
    expect(statSync(dataDir).mode & 0o077).toBe(0)
    expect(schemaVersion(core.db)).toBe(migrations.length)
    expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(core.db.pragma('synchronous', { simple: true })).toBe(2)
  })

  it('keeps the station id across restarts', async () => {
    const { config, cleanup } = tempKioskConfig()
    cleanups.push(cleanup)
    const first = await createCore(config, { shell: 'cli', randomId: () => 'station-1' })
    await first.close()
    const second = await createCore(config, { shell: 'cli', randomId: () => 'station-2' })
    cleanups.push(() => second.close())
    expect(second.stationId).toBe('station-1')
    expect(second.audit.verify()).toBeNull()
    expect(second.audit.recent(10).map((e) => e.action)).toEqual([
      'core.started',
      'core.started',
      'station.created',
    ])
  })

  it('answers app.info and lists the simulated devices', async () => {
    const { core } = await startCore()
    expect(await dispatchSignedIn(core, 'app.info', {})).toEqual({
      ok: true,
      value: {
        appVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
        shell: 'host',
        language: 'vi',
        devicesMode: 'simulated',
        stationId: 'station-A',
        upstream: { url: null, training: true },
        keyProtection: { kind: 'plain-training', notes: [] },
      },
    })
    const devices = await dispatchSignedIn(core, 'devices.list', {})
    expect(devices.ok && (devices.value as { kind: string }[]).map((d) => d.kind)).toEqual([
      'card-reader',
      'fingerprint',
      'camera',
      'barcode',
    ])
  })

  it('switches the language, tells listeners and records it in the audit log', async () => {
    const { core } = await startCore()
    const events: unknown[] = []
    core.onEvent((name, payload) => events.push([name, payload]))
    expect(await dispatchSignedIn(core, 'settings.setLanguage', { language: 'en' })).toEqual({
      ok: true,
      value: { language: 'en' },
    })
    expect(await dispatchSignedIn(core, 'settings.setLanguage', { language: 'en' })).toEqual({
      ok: true,
      value: { language: 'en' },
    })
    expect(events).toEqual([['app.languageChanged', { language: 'en' }]])
    expect(core.language()).toBe('en')
    expect(core.audit.recent(1)[0]).toMatchObject({
      action: 'ui.language',
      details: { language: 'en' },
    })
  })

  it('answers E_CLOSED after close', async () => {
    const { core } = await startCore()
    const caller = core.connect('cli')
    await core.close()
    const reply = await core.dispatch('app.info', {}, caller)
    expect(!reply.ok && reply.error.code).toBe('E_CLOSED')
  })

  it('refuses to open a database from a newer kiosk and leaves it untouched', async () => {
    const { config, cleanup } = tempKioskConfig()
    cleanups.push(cleanup)
    const core = await createCore(config, { shell: 'cli' })
    core.db.pragma('user_version = 99')
    await core.close()
    await expect(createCore(config, { shell: 'cli' })).rejects.toThrow(/newer than this kiosk/)
  })

  it('reports the virtual card reader and the card put on it', async () => {
    const { core } = await startCore()
    const reader = () => core.devices.list().find((d) => d.kind === 'card-reader')
    expect(reader()).toMatchObject({
      name: 'Virtual CCCD reader (simulated)',
      source: 'simulated',
      health: { status: 'ready' },
    })
    expect(reader()?.health.reason).toBeUndefined()
    const changed = nextEvent(core, 'devices.changed')
    const events: string[] = []
    core.onEvent((name) => events.push(name))
    const inserted = await dispatchSignedIn(core, 'card.simulateInsert', {
      citizenSeed: 'core-test',
    })
    expect(inserted.ok).toBe(true)
    const list = (await changed) as DeviceInfo[]
    expect(list.find((d) => d.kind === 'card-reader')?.health.reason).toBe('card-present')
    expect(events).toContain('card.inserted')
    await core.close()
    expect(core.card.readers()).toEqual([])
  })

  it('lists the card reader absent with the reason while pcscd is down (real mode)', async () => {
    const { core } = await startCore({ devices: 'real' }, undefined, {
      card: {
        openPcsc: () => Promise.reject(new PcscUnavailableError('pcscd-down', 'no socket')),
      },
    })
    expect(core.card.kind).toBe('pcsc')
    expect(core.devices.list().find((d) => d.kind === 'card-reader')?.health).toMatchObject({
      status: 'absent',
      reason: 'pcscd-down',
    })
    const insert = await dispatchSignedIn(core, 'card.simulateInsert', {})
    expect(!insert.ok && insert.error.code).toBe('E_NOT_SIMULATED')
    const read = await dispatchSignedIn(core, 'card.read', {
      access: { kind: 'CAN', can: '123456' },
    })
    expect(!read.ok && read.error.code).toBe('E_DEVICE')
  })

  it('reads over PC/SC in auto mode when pcscd answers, with presence from the same context', async () => {
    const { core } = await startCore({ devices: 'auto' }, undefined, {
      card: { openPcsc: async () => fakePcsc(['ACS ACR1252 00 00', true]) },
    })
    expect(core.card.kind).toBe('pcsc')
    const readers = core.devices.list().filter((d) => d.kind === 'card-reader')
    expect(readers.map((d) => [d.id, d.source, d.health.reason])).toEqual([
      ['pcsc:ACS ACR1252 00 00', 'real', 'card-present'],
    ])
  })
})

function nextEvent(core: Core, name: string): Promise<unknown> {
  return new Promise((resolve) => {
    const stop = core.onEvent((event, payload) => {
      if (event !== name) return
      stop()
      resolve(payload)
    })
  })
}

function fakePcsc(...readers: [string, boolean][]): PcscServiceLike {
  return {
    on: () => () => undefined,
    readers: () =>
      readers.map(([name, cardPresent]) => ({
        name,
        cardPresent,
        ...(cardPresent ? { atr: Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01) } : {}),
        connected: false,
      })),
    connect: () => Promise.reject(new Error('not used')),
    close: async () => undefined,
  }
}
