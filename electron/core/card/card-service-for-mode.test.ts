import { describe, expect, it } from 'vitest'
import { PcscUnavailableError } from '../../../drivers/smartcard/pcsc/pcsc-errors'
import type { PcscServiceLike } from '../../../drivers/smartcard/service/pcsc-card-service'
import { silentLogger } from '../log'
import { createCardServiceForMode } from './card-service-for-mode'

const now = () => new Date('2026-11-26T10:00:00Z')

function pcsc(): PcscServiceLike & { closed: boolean } {
  return {
    closed: false,
    on: () => () => undefined,
    readers: () => [],
    connect: () => Promise.reject(new Error('not used')),
    async close() {
      this.closed = true
    },
  }
}

function opener(result: 'up' | 'down') {
  const calls: ReturnType<typeof pcsc>[] = []
  return {
    calls,
    open: async () => {
      if (result === 'down') throw new PcscUnavailableError('pcscd-down', 'no socket')
      const service = pcsc()
      calls.push(service)
      return service
    },
  }
}

describe('createCardServiceForMode', () => {
  it('simulated: the virtual reader, without touching PC/SC', async () => {
    const { open, calls } = opener('up')
    const service = await createCardServiceForMode({
      mode: 'simulated',
      now,
      log: silentLogger,
      openPcsc: open,
    })
    expect(service.kind).toBe('simulated')
    expect(calls).toHaveLength(0)
    await service.close()
  })

  it('auto: PC/SC when pcscd answers, the virtual reader when it does not', async () => {
    const up = opener('up')
    const real = await createCardServiceForMode({
      mode: 'auto',
      now,
      log: silentLogger,
      openPcsc: up.open,
    })
    expect(real.kind).toBe('pcsc')
    await real.close()
    expect(up.calls[0]?.closed).toBe(true)
    const down = await createCardServiceForMode({
      mode: 'auto',
      now,
      log: silentLogger,
      openPcsc: opener('down').open,
    })
    expect(down.kind).toBe('simulated')
    await down.close()
  })

  it('real: PC/SC even while pcscd is down, so reads say pcsc-unavailable', async () => {
    const service = await createCardServiceForMode({
      mode: 'real',
      now,
      log: silentLogger,
      openPcsc: opener('down').open,
    })
    expect(service.kind).toBe('pcsc')
    await expect(service.read({ key: { kind: 'CAN', can: '123456' } })).rejects.toMatchObject({
      code: 'pcsc-unavailable',
    })
    await service.close()
  })
})
