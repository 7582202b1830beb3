import { describe, expect, it } from 'vitest'
import { createSimulatedProvider } from './simulated'

const now = () => new Date('2026-11-26T08:00:00Z')

describe('simulated device provider', () => {
  it('shows whether a card is on the virtual reader', async () => {
    let cardPresent = false
    const provider = createSimulatedProvider(now, {
      cardReader: () => ({ name: 'Virtual CCCD reader (simulated)', cardPresent }),
    })
    const reader = async () =>
      (await provider.probe()).devices.find((d) => d.kind === 'card-reader')
    expect(await reader()).toMatchObject({
      name: 'Virtual CCCD reader (simulated)',
      health: { status: 'ready' },
    })
    expect((await reader())?.health.reason).toBeUndefined()
    cardPresent = true
    expect((await reader())?.health).toMatchObject({ status: 'ready', reason: 'card-present' })
  })

  it('lists no card reader when cards are read over PC/SC', async () => {
    const { devices } = await createSimulatedProvider(now, { cardReader: null }).probe()
    expect(devices.map((d) => d.kind)).toEqual(['fingerprint', 'camera'])
  })

  it('lists an empty virtual reader by default', async () => {
    const { devices } = await createSimulatedProvider(now).probe()
    expect(devices.map((d) => [d.kind, d.name])).toEqual([
      ['card-reader', 'Virtual CCCD reader (simulated)'],
      ['fingerprint', 'EF01 fingerprint module (EF01 R50x (system ID 9))'],
      ['camera', 'Fake capture device'],
    ])
  })
})

describe('simulated provider: fingerprint', () => {
  it('lists the EF01 simulator after opening it over its own protocol', async () => {
    const { devices, problems } = await createSimulatedProvider(now).probe()
    expect(problems).toEqual([])
    expect(devices.find((d) => d.kind === 'fingerprint')).toMatchObject({
      id: 'sim:fingerprint',
      name: 'EF01 fingerprint module (EF01 R50x (system ID 9))',
      source: 'simulated',
      connection: 'in-process',
      health: { status: 'ready', detail: '256×288 at 500 ppi, 4-bit upload' },
    })
  })

  it('shows the simulator as failing when it does not answer', async () => {
    const provider = createSimulatedProvider(now, {
      fingerprint: async () => ({ ok: false, detail: 'no answer' }),
    })
    const { devices } = await provider.probe()
    expect(devices.find((d) => d.kind === 'fingerprint')?.health).toMatchObject({
      status: 'error',
      reason: 'simulator-failed',
      detail: 'no answer',
    })
  })
})

describe('simulated provider: barcode', () => {
  it('lists the training QR scanner when one is given, and its failure', async () => {
    const scanner = (state: 'ready' | 'error') => async () => ({
      id: 'sim:barcode',
      name: 'QR scanner (simulated)',
      connection: 'in-process',
      source: 'simulated' as const,
      state,
      ...(state === 'error' ? { detail: 'did not start' } : {}),
    })
    const ready = await createSimulatedProvider(now, { barcode: scanner('ready') }).probe()
    expect(ready.devices.find((d) => d.kind === 'barcode')).toMatchObject({
      id: 'sim:barcode',
      source: 'simulated',
      health: { status: 'ready' },
    })
    const failed = await createSimulatedProvider(now, { barcode: scanner('error') }).probe()
    expect(failed.devices.find((d) => d.kind === 'barcode')?.health).toMatchObject({
      status: 'error',
      reason: 'simulator-failed',
      detail: 'did not start',
    })
  })
})
