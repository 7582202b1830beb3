import { describe, expect, it } from 'vitest'
import type { DeviceInfo, HealthStatus } from './domain'
import type { QueueStatus } from './queue'
import { stationReadiness, type ReadinessFacts } from './readiness'

function device(
  kind: DeviceInfo['kind'],
  status: HealthStatus = 'ready',
  id: string = kind,
): DeviceInfo {
  return {
    id: `real:${id}`,
    kind,
    name: kind,
    source: 'real',
    connection: 'in-process',
    health: { status, checkedAt: '2026-12-02T07:00:00.000Z' },
  }
}

const allReady = [device('card-reader'), device('fingerprint'), device('camera')]
const frozen = (code: NonNullable<QueueStatus['freeze']>['code']): QueueStatus['freeze'] => ({
  code,
  message: `vi / en: ${code}`,
})

const facts = (overrides: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  registered: true,
  trainingUpstream: false,
  freeze: null,
  devices: allReady,
  ...overrides,
})

const codes = (f: ReadinessFacts) => stationReadiness(f).failing.map((x) => x.code)
const replace = (kind: DeviceInfo['kind'], status: HealthStatus) =>
  allReady.map((d) => (d.kind === kind ? device(kind, status) : d))

describe('stationReadiness', () => {
  it('is ready when registered, not frozen, and every required device is ready', () => {
    expect(stationReadiness(facts())).toEqual({ ready: true, failing: [] })
  })

  it.each<[string, Partial<ReadinessFacts>, string[]]>([
    ['an unregistered station', { registered: false }, ['not-registered']],
    ['an unknown queue status', { registered: null }, ['status-unknown']],
    ['a full disk', { freeze: frozen('disk-low') }, ['frozen-disk-low']],
    [
      'too many unsent files',
      { freeze: frozen('too-many-unsynced') },
      ['frozen-too-many-unsynced'],
    ],
    ['an overdue sync', { freeze: frozen('sync-overdue') }, ['frozen-sync-overdue']],
    ['no devices at all', { devices: [] }, ['card-reader-missing', 'fingerprint-missing']],
    [
      'an absent card reader',
      { devices: replace('card-reader', 'absent') },
      ['card-reader-missing'],
    ],
    ['a failing card reader', { devices: replace('card-reader', 'error') }, ['card-reader-faulty']],
    ['an absent scanner', { devices: replace('fingerprint', 'absent') }, ['fingerprint-missing']],
    ['a failing scanner', { devices: replace('fingerprint', 'error') }, ['fingerprint-faulty']],
    ['a degraded scanner', { devices: replace('fingerprint', 'degraded') }, ['fingerprint-faulty']],
    ['a scanner in use', { devices: replace('fingerprint', 'busy') }, ['device-busy']],
    ['an absent camera', { devices: replace('camera', 'absent') }, ['camera-missing']],
    ['a failing camera', { devices: replace('camera', 'error') }, ['camera-faulty']],
  ])('is not ready with %s', (_, overrides, expected) => {
    const readiness = stationReadiness(facts(overrides))
    expect(readiness.ready).toBe(false)
    expect(readiness.failing.map((f) => f.code)).toEqual(expected)
  })

  it('lists every failing condition at once, registration first and devices in order', () => {
    expect(
      codes(
        facts({
          registered: false,
          freeze: frozen('disk-low'),
          devices: [device('camera', 'error'), device('fingerprint', 'absent')],
        }),
      ),
    ).toEqual([
      'not-registered',
      'frozen-disk-low',
      'card-reader-missing',
      'fingerprint-missing',
      'camera-faulty',
    ])
  })

  it('takes the training upstream for a registration', () => {
    expect(stationReadiness(facts({ registered: false, trainingUpstream: true })).ready).toBe(true)
  })

  it('does not list the core’s not-registered freeze a second time', () => {
    expect(codes(facts({ registered: false, freeze: frozen('not-registered') }))).toEqual([
      'not-registered',
    ])
    // On the training upstream, that freeze alone does not stop the station.
    expect(
      codes(facts({ registered: false, trainingUpstream: true, freeze: frozen('not-registered') })),
    ).toEqual([])
  })

  it('requires the camera only when the device list knows cameras', () => {
    const noCamera = allReady.filter((d) => d.kind !== 'camera')
    expect(stationReadiness(facts({ devices: noCamera })).ready).toBe(true)
  })

  it('is ready when one device of a kind is ready among failing ones', () => {
    const two = [...allReady, device('fingerprint', 'error', 'fp-2')]
    expect(stationReadiness(facts({ devices: two })).ready).toBe(true)
  })

  it('names the device kind and carries the freeze line as parameters', () => {
    expect(
      stationReadiness(facts({ freeze: frozen('disk-low'), devices: replace('camera', 'busy') }))
        .failing,
    ).toEqual([
      { code: 'frozen-disk-low', params: { detail: 'vi / en: disk-low' } },
      { code: 'device-busy', params: { kind: 'camera' } },
    ])
  })

  it('ignores the optional barcode scanner', () => {
    const withBrokenBarcode = [...allReady, device('barcode', 'error')]
    expect(stationReadiness(facts({ devices: withBrokenBarcode })).ready).toBe(true)
  })
})
