import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceInfo, EventName } from '../../contract'
import { createCore, type Core } from '../core'
import { signedInCaller, TEST_PASSWORD_COST, tempKioskConfig } from '../test-support'

// The QR code through the whole core in training mode: the simulated serial scanner in the device
// list, `barcode.scanned` only to listening windows that may see citizen data, the parser channel.
const QR = '001099012345|123456789|Nguyễn Văn A|15031999|Nam|Hà Nội|01012021'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startCore(): Promise<{ core: Core; scans: { to: string | undefined }[] }> {
  const { config, cleanup } = tempKioskConfig()
  cleanups.push(cleanup)
  const core = await createCore(config, { shell: 'host', passwordCost: TEST_PASSWORD_COST })
  cleanups.push(() => core.close())
  const scans: { to: string | undefined }[] = []
  core.onEvent((event: EventName, payload, to) => {
    if (event === 'barcode.scanned') {
      expect(payload).toEqual({ payload: QR })
      scans.push({ to })
    }
  })
  return { core, scans }
}

describe('core: the QR scanner', () => {
  it('lists the simulated scanner in simulated mode', async () => {
    const { core } = await startCore()
    const scanner = core.devices.list().find((d: DeviceInfo) => d.kind === 'barcode')
    expect(scanner).toMatchObject({
      id: 'sim:barcode',
      source: 'simulated',
      connection: 'in-process',
      health: { status: 'ready' },
    })
  })

  it('sends a scan only to the signed-in windows that listen, until they stop', async () => {
    const { core, scans } = await startCore()
    const listening = await signedInCaller(core, 'officer', 'listening-officer')
    const other = await signedInCaller(core, 'officer', 'other-officer')
    expect(await core.dispatch('barcode.listen', {}, listening)).toEqual({
      ok: true,
      value: { listening: true, scannerReady: true },
    })
    expect(await core.dispatch('barcode.simulateScan', { payload: QR }, other)).toEqual({
      ok: true,
      value: { sent: true },
    })
    expect(scans).toEqual([{ to: listening.connectionId }])
    await core.dispatch('barcode.unlisten', {}, listening)
    await core.dispatch('barcode.simulateScan', { payload: QR }, other)
    expect(scans).toHaveLength(1)
  })

  it('sends nothing to a listening window once its officer signed out or it closed', async () => {
    const { core, scans } = await startCore()
    const a = await signedInCaller(core, 'officer', 'officer-a')
    const b = await signedInCaller(core, 'officer', 'officer-b')
    await core.dispatch('barcode.listen', {}, a)
    await core.dispatch('barcode.listen', {}, b)
    await core.dispatch('session.signOut', {}, a)
    core.disconnect(b)
    const sender = await signedInCaller(core, 'officer', 'officer-c')
    await core.dispatch('barcode.simulateScan', { payload: QR }, sender)
    expect(scans).toEqual([])
  })

  it('refuses listening without a signed-in officer', async () => {
    const { core } = await startCore()
    const reply = await core.dispatch('barcode.listen', {}, core.connect('cli'))
    expect(!reply.ok && reply.error.code).toBe('E_NOT_SIGNED_IN')
  })

  it('parses a payload, and refuses one that is not a CCCD QR with a sentence', async () => {
    const { core } = await startCore()
    const caller = await signedInCaller(core)
    const parsed = await core.dispatch('barcode.parseCccdQr', { payload: QR }, caller)
    expect(parsed).toMatchObject({
      ok: true,
      value: { person: { idNumber: '001099012345', dateOfBirth: '1999-03-15' } },
    })
    const refused = await core.dispatch('barcode.parseCccdQr', { payload: 'WIFI:S:x;;' }, caller)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'E_QR_INVALID', messageKey: 'errors.E_QR_INVALID' },
    })
  })
})

describe('core: the QR scanner with real devices', () => {
  it('refuses a simulated scan', async () => {
    const { config, cleanup } = tempKioskConfig({ devices: 'real' })
    cleanups.push(cleanup)
    const core = await createCore(config, {
      shell: 'host',
      passwordCost: TEST_PASSWORD_COST,
      providers: {
        real: { name: 'real', probe: async () => ({ devices: [], problems: [] }) },
        simulated: { name: 'simulated', probe: async () => ({ devices: [], problems: [] }) },
      },
    })
    cleanups.push(() => core.close())
    const caller = await signedInCaller(core)
    const reply = await core.dispatch('barcode.simulateScan', { payload: QR }, caller)
    expect(!reply.ok && reply.error.code).toBe('E_NOT_SIMULATED')
  })
})
