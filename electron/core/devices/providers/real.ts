import type { DeviceInfo } from '../../../contract'
import {
  discoverSbiServices,
  sbiDeviceModel,
  type SbiService,
} from '../../../../drivers/fingerprint'
import type { BarcodeProbe, ScannerFinding } from '../probes/barcode'
import { createEf01Probe, type Ef01PortFinding } from '../probes/ef01'
import { formatUsbId, probeHid, type HidProbe } from '../probes/hid'
import { probePcsc, type PcscProbe } from '../probes/pcsc'
import { probeVideo, type VideoProbe } from '../probes/video'
import type { DeviceProvider, ProbeProblem, ProbeResult } from './provider'

/** USB ids of HID bridges that front a fingerprint module (fingerprint.md: CP2110, AN434). */
export const FINGERPRINT_HID_IDS: ReadonlyMap<string, string> = new Map([
  ['10c4:ea80', 'CP2110 HID-to-UART bridge'],
])

export interface RealProbes {
  pcsc: () => Promise<PcscProbe>
  hid: () => Promise<HidProbe>
  video: () => Promise<VideoProbe>
  /** EF01 modules found by a handshake on USB-serial ports. */
  ef01: () => Promise<Ef01PortFinding[]>
  /** MOSIP SBI services on 127.0.0.1:4501–4600. */
  sbi: () => Promise<SbiService[]>
  /** Serial barcode scanners (core/barcode opens them); none when absent. */
  barcode?: BarcodeProbe
}

/** The probes of this machine; each call gives a fresh EF01 memory of the ports it found. */
export function defaultRealProbes(): RealProbes {
  return {
    pcsc: () => probePcsc(),
    hid: probeHid,
    video: () => probeVideo(),
    ef01: createEf01Probe(),
    sbi: () => discoverSbiServices(),
  }
}

/**
 * Real hardware: PC/SC readers, EF01 modules on USB-serial ports, known fingerprint bridges on HID,
 * and video capture nodes.
 */
export function createRealProvider(
  now: () => Date,
  probes: RealProbes = defaultRealProbes(),
): DeviceProvider {
  return {
    name: 'real',
    async probe(): Promise<ProbeResult> {
      const [pcsc, hid, video, ef01, sbi, barcode] = await Promise.all([
        probes.pcsc(),
        probes.hid(),
        probes.video(),
        probes.ef01(),
        probes.sbi(),
        probes.barcode?.() ?? Promise.resolve([]),
      ])
      const checkedAt = now().toISOString()
      const devices: DeviceInfo[] = []
      const problems: ProbeProblem[] = []

      if (pcsc.available) {
        for (const reader of pcsc.readers) {
          devices.push({
            id: `pcsc:${reader.name}`,
            kind: 'card-reader',
            name: reader.name,
            source: 'real',
            connection: 'pcsc',
            health: {
              status: 'ready',
              checkedAt,
              ...(reader.cardPresent ? { reason: 'card-present' } : {}),
            },
          })
        }
      } else {
        problems.push({ kind: 'card-reader', reason: pcsc.reason, detail: pcsc.detail })
      }

      devices.push(...fingerprintDevices(hid, ef01, sbi, checkedAt))
      if (hid.error) problems.push({ kind: 'fingerprint', reason: 'hid-error', detail: hid.error })

      for (const path of video.devices) {
        devices.push({
          id: `video:${path}`,
          kind: 'camera',
          name: path,
          source: 'real',
          connection: path,
          health: { status: 'ready', checkedAt },
        })
      }
      if (video.error) problems.push({ kind: 'camera', reason: 'video-error', detail: video.error })
      devices.push(...barcode.map((scanner) => barcodeDevice(scanner, checkedAt)))

      return { devices, problems }
    },
  }
}

/** Scanners: CP2110 bridges on HID, EF01 modules that answered on serial ports, SBI services. */
function fingerprintDevices(
  hid: HidProbe,
  ef01: Ef01PortFinding[],
  sbi: SbiService[],
  checkedAt: string,
): DeviceInfo[] {
  const scanner = (id: string, name: string, connection: string): DeviceInfo => ({
    id,
    kind: 'fingerprint',
    name,
    source: 'real',
    connection,
    health: { status: 'ready', checkedAt },
  })
  const devices: DeviceInfo[] = []
  for (const d of hid.devices) {
    const usbId = formatUsbId(d.vendorId, d.productId)
    const bridge = FINGERPRINT_HID_IDS.get(usbId)
    if (bridge)
      devices.push(scanner(`hid:${usbId}:${d.path ?? ''}`, d.product ?? bridge, `hid:${usbId}`))
  }
  for (const finding of ef01) {
    if (!finding.found) continue
    const connection = `serial:${finding.path}`
    devices.push(scanner(connection, `EF01 (${finding.baudRate} Bd)`, connection))
  }
  for (const service of sbi) {
    for (const device of service.devices) {
      const id = `sbi:${service.port}:${device.deviceId}`
      devices.push(scanner(id, sbiDeviceModel(device), `sbi:${service.port}`))
    }
  }
  return devices
}

/** A barcode scanner's entry: ready once its port is open, error (with why) when it would not open. */
export function barcodeDevice(scanner: ScannerFinding, checkedAt: string): DeviceInfo {
  return {
    id: scanner.id,
    kind: 'barcode',
    name: scanner.name,
    source: scanner.source,
    connection: scanner.connection,
    health:
      scanner.state === 'ready'
        ? { status: 'ready', checkedAt }
        : {
            status: 'error',
            reason: scanner.source === 'simulated' ? 'simulator-failed' : 'port-unavailable',
            ...(scanner.detail ? { detail: scanner.detail } : {}),
            checkedAt,
          },
  }
}
