import { describe, expect, it } from 'vitest'
import { createSimulatedProvider } from './simulated'

const now = () => new Date('2025-03-01T08:00:00Z')

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
    const provider = createSimulatedProvider(now, async () => ({ ok: false, detail: 'no answer' }))
    const { devices } = await provider.probe()
    expect(devices.find((d) => d.kind === 'fingerprint')?.health).toMatchObject({
      status: 'error',
      reason: 'simulator-failed',
      detail: 'no answer',
    })
  })
})
