import { describe, expect, it } from 'vitest'
import { PcscUnavailableError } from '../../../drivers/smartcard/pcsc/pcsc-errors'
import { createPcscCardService } from '../../../drivers/smartcard/service/pcsc-card-service'
import { createSimulatedCardService } from '../../../drivers/smartcard/service/simulated-card-service'
import { pcscProbeFrom, simulatedReaderFrom } from './device-sources'

describe('device sources from the card service', () => {
  it('answers the PC/SC probe with the service’s readers and ATRs', async () => {
    const service = createPcscCardService({
      open: async () => ({
        on: () => () => undefined,
        readers: () => [
          { name: 'R0', cardPresent: true, atr: Uint8Array.of(0x3b, 0x8a), connected: true },
          { name: 'R1', cardPresent: false, connected: false },
        ],
        connect: () => Promise.reject(new Error('not used')),
        close: async () => undefined,
      }),
    })
    expect(await pcscProbeFrom(service)()).toEqual({
      available: true,
      readers: [
        { name: 'R0', cardPresent: true, atr: '3B8A' },
        { name: 'R1', cardPresent: false },
      ],
    })
    await service.close()
  })

  it.each([
    ['pcscd-down', 'pcscd-down'],
    ['binding-missing', 'pcsc-binding-missing'],
    ['pcsc-error', 'pcsc-error'],
  ] as const)('reports PC/SC %s as %s', async (reason, probeReason) => {
    const service = createPcscCardService({
      open: () => Promise.reject(new PcscUnavailableError(reason, 'because')),
    })
    const probe = await pcscProbeFrom(service)()
    expect(probe).toMatchObject({ available: false, readers: [], reason: probeReason })
    expect(!probe.available && probe.detail).toContain('because')
    await service.close()
  })

  it('gives the virtual reader’s presence, and nothing over PC/SC', async () => {
    const simulated = createSimulatedCardService()
    const state = simulatedReaderFrom(simulated)
    expect(state?.()).toEqual({ name: simulated.readerName, cardPresent: false })
    expect(simulatedReaderFrom(createPcscCardService({}))).toBeNull()
  })
})
