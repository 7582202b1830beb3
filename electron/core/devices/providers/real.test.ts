import { describe, expect, it } from 'vitest'
import { createRealProvider, type RealProbes } from './real'

const now = () => new Date('2026-11-26T08:00:00Z')

const probes = (overrides: Partial<RealProbes>): RealProbes => ({
  pcsc: async () => ({ available: true, readers: [] }),
  hid: async () => ({ devices: [] }),
  video: async () => ({ devices: [] }),
  ef01: async () => [],
  sbi: async () => [],
  ...overrides,
})

describe('real device provider', () => {
  it('lists PC/SC readers and says which hold a card', async () => {
    const provider = createRealProvider(
      now,
      probes({
        pcsc: async () => ({
          available: true,
          readers: [
            { name: 'ACS ACR39U 00 00', cardPresent: true, atr: '3B88' },
            { name: 'Virtual PCD 00 01', cardPresent: false },
          ],
        }),
      }),
    )
    const { devices } = await provider.probe()
    expect(devices.map((d) => [d.id, d.kind, d.health.reason])).toEqual([
      ['pcsc:ACS ACR39U 00 00', 'card-reader', 'card-present'],
      ['pcsc:Virtual PCD 00 01', 'card-reader', undefined],
    ])
  })

  it('reports why no reader could be looked for', async () => {
    const provider = createRealProvider(
      now,
      probes({
        pcsc: async () => ({
          available: false,
          readers: [],
          reason: 'pcscd-down',
          detail: 'no socket',
        }),
      }),
    )
    expect(await provider.probe()).toEqual({
      devices: [],
      problems: [{ kind: 'card-reader', reason: 'pcscd-down', detail: 'no socket' }],
    })
  })

  it('takes a CP2110 bridge for a fingerprint scanner and ignores other HID devices', async () => {
    const provider = createRealProvider(
      now,
      probes({
        hid: async () => ({
          devices: [
            {
              vendorId: 0x10c4,
              productId: 0xea80,
              product: 'CP2110 HID USB-to-UART Bridge',
              path: '/dev/hidraw3',
            },
            { vendorId: 0x046d, productId: 0xc31c, product: 'Keyboard' },
          ],
        }),
        video: async () => ({ devices: ['/dev/video0'] }),
      }),
    )
    const { devices } = await provider.probe()
    expect(devices.map((d) => [d.kind, d.connection])).toEqual([
      ['fingerprint', 'hid:10c4:ea80'],
      ['camera', '/dev/video0'],
    ])
  })

  it('takes an EF01 module that answered on a serial port, and not a port that did not', async () => {
    const provider = createRealProvider(
      now,
      probes({
        ef01: async () => [
          { path: '/dev/ttyUSB0', found: true, baudRate: 57600, librarySize: 1000 },
          { path: '/dev/ttyUSB1', found: false, reason: 'no-answer', detail: 'no EF01 answer' },
        ],
      }),
    )
    const { devices } = await provider.probe()
    expect(devices.map((d) => [d.id, d.kind, d.connection, d.name])).toEqual([
      ['serial:/dev/ttyUSB0', 'fingerprint', 'serial:/dev/ttyUSB0', 'EF01 (57600 Bd)'],
    ])
  })
})

describe('real device provider: SBI services', () => {
  it('takes each fingerprint device an SBI service on the loopback range offers', async () => {
    const provider = createRealProvider(
      now,
      probes({
        sbi: async () => [
          {
            port: 4501,
            verb: 'MOSIPDISC',
            devices: [
              {
                deviceId: 'FP-1',
                deviceStatus: 'Ready',
                digitalId: Buffer.from(JSON.stringify({ make: 'Acme', model: 'Slap 4' })).toString(
                  'base64url',
                ),
              } as never,
            ],
          },
        ],
      }),
    )
    const { devices } = await provider.probe()
    expect(devices.map((d) => [d.id, d.kind, d.connection, d.name])).toEqual([
      ['sbi:4501:FP-1', 'fingerprint', 'sbi:4501', 'Acme Slap 4'],
    ])
  })
})

describe('real device provider: barcode scanners', () => {
  it('lists the scanners core/barcode holds open, and one whose port would not open', async () => {
    const provider = createRealProvider(
      now,
      probes({
        barcode: async () => [
          {
            id: 'serial:/dev/ttyACM0',
            name: 'Honeywell (Metrologic) 0c2e:0b6a',
            connection: 'serial:/dev/ttyACM0',
            source: 'real',
            state: 'ready',
          },
          {
            id: 'serial:/dev/ttyACM1',
            name: 'Datalogic 05f9:4204',
            connection: 'serial:/dev/ttyACM1',
            source: 'real',
            state: 'error',
            detail: '/dev/ttyACM1: Resource temporarily unavailable',
          },
        ],
      }),
    )
    const { devices } = await provider.probe()
    expect(devices.map((d) => [d.id, d.kind, d.health.status, d.health.reason])).toEqual([
      ['serial:/dev/ttyACM0', 'barcode', 'ready', undefined],
      ['serial:/dev/ttyACM1', 'barcode', 'error', 'port-unavailable'],
    ])
  })
})
