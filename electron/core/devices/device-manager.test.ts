import { describe, expect, it } from 'vitest'
import type { DeviceInfo, DeviceKind } from '../../contract'
import { createDeviceManager, mergeDevices } from './device-manager'
import type { DeviceProvider, ProbeResult } from './providers/provider'

const now = () => new Date('2026-11-26T08:00:00Z')

function device(
  kind: DeviceKind,
  source: 'real' | 'simulated',
  id = `${source}:${kind}`,
): DeviceInfo {
  return {
    id,
    kind,
    name: id,
    source,
    connection: 'x',
    health: { status: 'ready', checkedAt: now().toISOString() },
  }
}

const simulated: ProbeResult = {
  devices: [
    device('card-reader', 'simulated'),
    device('fingerprint', 'simulated'),
    device('camera', 'simulated'),
  ],
  problems: [],
}
const realReaderOnly: ProbeResult = {
  devices: [device('card-reader', 'real')],
  problems: [{ kind: 'fingerprint', reason: 'hid-error', detail: 'hidraw missing' }],
}

function provider(name: string, results: ProbeResult[]): DeviceProvider & { calls: number } {
  let calls = 0
  return {
    name,
    get calls() {
      return calls
    },
    async probe() {
      const result = results[Math.min(calls, results.length - 1)]!
      calls += 1
      return result
    },
  }
}

describe('mergeDevices', () => {
  it('simulated mode lists only the simulators', () => {
    expect(mergeDevices('simulated', realReaderOnly, simulated, now).map((d) => d.id)).toEqual([
      'simulated:card-reader',
      'simulated:fingerprint',
      'simulated:camera',
    ])
  })

  it('real mode marks each missing kind absent with the probe reason', () => {
    const merged = mergeDevices('real', realReaderOnly, null, now)
    expect(merged.map((d) => [d.id, d.health.status, d.health.reason])).toEqual([
      ['real:card-reader', 'ready', undefined],
      ['absent:fingerprint', 'absent', 'hid-error'],
      ['absent:camera', 'absent', 'not-found'],
    ])
    expect(merged[1]!.health.detail).toBe('hidraw missing')
  })

  it('auto mode fills each missing kind with its simulator', () => {
    expect(mergeDevices('auto', realReaderOnly, simulated, now).map((d) => d.id)).toEqual([
      'real:card-reader',
      'simulated:fingerprint',
      'simulated:camera',
    ])
  })

  it('auto mode marks a kind absent when no simulator stands in for it', () => {
    const noSimulatedReader: ProbeResult = {
      devices: simulated.devices.filter((d) => d.kind !== 'card-reader'),
      problems: [],
    }
    const nothingReal: ProbeResult = { devices: [], problems: [] }
    const merged = mergeDevices('auto', nothingReal, noSimulatedReader, now)
    expect(merged.map((d) => [d.id, d.health.status])).toEqual([
      ['absent:card-reader', 'absent'],
      ['simulated:fingerprint', 'ready'],
      ['simulated:camera', 'ready'],
    ])
  })
})

describe('device manager', () => {
  it('probes only what the mode needs', async () => {
    const real = provider('real', [realReaderOnly])
    const sim = provider('simulated', [simulated])
    const manager = createDeviceManager({ mode: 'simulated', now, real, simulated: sim })
    await manager.refresh()
    expect([real.calls, sim.calls]).toEqual([0, 1])
    manager.close()
  })

  it('tells listeners when the list changes, not when a probe finds the same devices', async () => {
    const withScanner: ProbeResult = {
      devices: [...realReaderOnly.devices, device('fingerprint', 'real')],
      problems: [],
    }
    const real = provider('real', [realReaderOnly, realReaderOnly, withScanner])
    const ticks: (() => void)[] = []
    const manager = createDeviceManager({
      mode: 'real',
      now,
      real,
      simulated: provider('simulated', [simulated]),
      setInterval: (fn) => {
        ticks.push(fn)
        return {}
      },
      clearInterval: () => undefined,
    })
    const changes: string[][] = []
    manager.onChange((list) => changes.push(list.map((d) => d.id)))
    await manager.refresh()
    await manager.refresh()
    expect(changes).toHaveLength(1)
    // Hot-plug: the poll finds the fingerprint scanner; its change is the event awaited.
    const hotPlugged = new Promise<void>((resolve) => {
      const stop = manager.onChange(() => {
        stop()
        resolve()
      })
    })
    ticks[0]!()
    await hotPlugged
    expect(changes).toHaveLength(2)
    expect(changes[1]).toEqual(['real:card-reader', 'real:fingerprint', 'absent:camera'])
    expect(manager.list().map((d) => d.id)).toEqual(changes[1])
    manager.close()
  })

  it('shares one probe between concurrent refreshes', async () => {
    const real = provider('real', [realReaderOnly])
    const manager = createDeviceManager({
      mode: 'real',
      now,
      real,
      simulated: provider('simulated', [simulated]),
      setInterval: () => ({}),
      clearInterval: () => undefined,
    })
    const [a, b] = await Promise.all([manager.refresh(), manager.refresh()])
    expect(a).toBe(b)
    expect(real.calls).toBe(1)
    manager.close()
  })

  it('stops polling and probing when closed', async () => {
    let cleared = false
    const real = provider('real', [realReaderOnly])
    const manager = createDeviceManager({
      mode: 'auto',
      now,
      real,
      simulated: provider('simulated', [simulated]),
      setInterval: () => ({ unref: () => undefined }),
      clearInterval: () => {
        cleared = true
      },
    })
    await manager.refresh()
    manager.close()
    expect(await manager.refresh()).toEqual(manager.list())
    expect(cleared).toBe(true)
    expect(real.calls).toBe(1)
  })

  it('reports a provider that throws as a problem for every kind instead of failing', async () => {
    const broken: DeviceProvider = {
      name: 'real',
      probe: () => Promise.reject(new Error('SCardEstablishContext exploded')),
    }
    const manager = createDeviceManager({
      mode: 'real',
      now,
      real: broken,
      simulated: provider('simulated', [simulated]),
      setInterval: () => ({}),
      clearInterval: () => undefined,
    })
    const list = await manager.refresh()
    expect(list.map((d) => [d.kind, d.health.status, d.health.reason])).toEqual([
      ['card-reader', 'absent', 'probe-failed'],
      ['fingerprint', 'absent', 'probe-failed'],
      ['camera', 'absent', 'probe-failed'],
    ])
    expect(list[0]!.health.detail).toContain('SCardEstablishContext exploded')
    manager.close()
  })
})
