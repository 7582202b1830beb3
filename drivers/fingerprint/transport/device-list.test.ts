import { describe, expect, it } from 'vitest'
import { VirtualClock } from './clock'
import { listFingerprintDevices, type FingerprintDeviceEntry } from './device-list'
import { watchFingerprintDevices, type DeviceChange } from './hotplug'

describe('fingerprint device listing', () => {
  it('lists the simulator, USB serial bridges, CP2110 bridges and SBI services', async () => {
    const { devices, problems } = await listFingerprintDevices({
      includeSimulator: true,
      serialPorts: async () => [
        { path: '/dev/ttyS0' },
        { path: '/dev/ttyUSB0', vendorId: '1A86', productId: '7523' },
      ],
      hidDevices: async () => [
        { vendorId: 0x046d, productId: 0xc52b, product: 'Unifying receiver' },
        { vendorId: 0x10c4, productId: 0xea80, product: 'CP2110 HID USB-to-UART Bridge' },
      ],
      sbiServices: async () => [
        { port: 4501, deviceId: 'SIM-1', model: 'MOCK01', status: 'Ready' },
      ],
    })
    expect(problems).toEqual([])
    expect(devices.map((d) => [d.device, d.name])).toEqual([
      ['sim', 'EF01 module (simulated)'],
      ['serial:/dev/ttyUSB0', 'WCH CH340 USB-UART'],
      ['hid:10c4:ea80', 'CP2110 HID USB-to-UART Bridge'],
      ['sbi:4501', 'MOCK01'],
    ])
  })

  it('turns a failing source into a problem and keeps the others', async () => {
    const { devices, problems } = await listFingerprintDevices({
      serialPorts: async () => {
        throw new Error('spawn udevadm ENOENT')
      },
      hidDevices: async () => [{ vendorId: 0x10c4, productId: 0xea80 }],
    })
    expect(problems).toEqual([{ source: 'serial', detail: 'spawn udevadm ENOENT' }])
    expect(devices.map((d) => d.device)).toEqual(['hid:10c4:ea80'])
  })
})

describe('hot-plug polling', () => {
  const entry = (device: string): FingerprintDeviceEntry => ({
    device,
    kind: 'hid',
    name: device,
    detail: '',
  })

  it('reports arrivals and removals between listings, and stops', async () => {
    const clock = new VirtualClock()
    const listings = [['hid:a'], ['hid:a'], ['hid:a', 'hid:b'], ['hid:b'], ['hid:c']]
    let call = 0
    const changes: DeviceChange[] = []
    const watch = watchFingerprintDevices(
      async () => (listings[Math.min(call++, listings.length - 1)] ?? []).map(entry),
      (c) => changes.push(c),
      { clock, intervalMs: 1000 },
    )
    await clock.advance(3500)
    watch.stop()
    await clock.advance(5000)
    expect(
      changes.map((c) => [c.added.map((d) => d.device), c.removed.map((d) => d.device)]),
    ).toEqual([
      [['hid:a'], []],
      [['hid:b'], []],
      [[], ['hid:a']],
    ])
    expect(call).toBe(4)
  })

  it('keeps the last known state when a listing fails', async () => {
    const clock = new VirtualClock()
    let call = 0
    const changes: DeviceChange[] = []
    const watch = watchFingerprintDevices(
      async () => {
        call++
        if (call === 2) throw new Error('busy')
        return [entry('hid:a')]
      },
      (c) => changes.push(c),
      { clock, intervalMs: 1000 },
    )
    await clock.advance(2500)
    watch.stop()
    expect(changes).toHaveLength(1)
    expect(call).toBe(3)
  })
})
