import type { DeviceInfo } from '../../../contract'
import { probeEf01, type Ef01PortFinding } from '../probes/ef01'
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
}

export const defaultRealProbes: RealProbes = {
  pcsc: () => probePcsc(),
  hid: probeHid,
  video: () => probeVideo(),
  ef01: probeEf01,
}

/**
 * Real hardware: PC/SC readers, EF01 modules on USB-serial ports, known fingerprint bridges on HID,
 * and video capture nodes.
 */
export function createRealProvider(
  now: () => Date,
  probes: RealProbes = defaultRealProbes,
): DeviceProvider {
  return {
    name: 'real',
    async probe(): Promise<ProbeResult> {
      const [pcsc, hid, video, ef01] = await Promise.all([
        probes.pcsc(),
        probes.hid(),
        probes.video(),
        probes.ef01(),
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

      for (const d of hid.devices) {
        const usbId = formatUsbId(d.vendorId, d.productId)
        const bridge = FINGERPRINT_HID_IDS.get(usbId)
        if (!bridge) continue
        devices.push({
          id: `hid:${usbId}:${d.path ?? ''}`,
          kind: 'fingerprint',
          name: d.product ?? bridge,
          source: 'real',
          connection: `hid:${usbId}`,
          health: { status: 'ready', checkedAt },
        })
      }
      for (const finding of ef01) {
        if (!finding.found) continue
        devices.push({
          id: `serial:${finding.path}`,
          kind: 'fingerprint',
          name: `EF01 (${finding.baudRate} Bd)`,
          source: 'real',
          connection: `serial:${finding.path}`,
          health: { status: 'ready', checkedAt },
        })
      }
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

      return { devices, problems }
    },
  }
}
