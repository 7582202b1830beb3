import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { DeviceInfo } from '../../contract'
import {
  probeEf01,
  probeHid,
  probePcsc,
  probeSerial,
  probeVideo,
  type Ef01PortFinding,
  type HidProbe,
  type PcscProbe,
  type SerialProbe,
  type VideoProbe,
} from '../../core/devices'
import type { Core, LoadedConfig } from '../../core'
import type { KeyProtectionStatus } from '../../core/keys'
import { schemaVersion, sqliteVersion } from '../../core/store'
import { readAuditEvidence, verifyAuditEvidence, type AuditFault } from '../../core/audit'

/** The same judgement as `kiosk audit verify`: the chain, the signed checkpoints, the ack. */
function auditLine(core: Core): Pick<DoctorReport['database'], 'auditChainIntact' | 'auditFault'> {
  const verdict = verifyAuditEvidence(readAuditEvidence(core.db))
  return { auditChainIntact: verdict.intact, auditFault: verdict.fault }
}

export interface DoctorReport {
  node: string
  electron: { version: string | null; binaryInstalled: boolean }
  sqlite: string
  dataDir: string
  configFile: string
  config: LoadedConfig['config']
  sources: LoadedConfig['sources']
  /** `auditFault`: the first fault `kiosk audit verify` finds, or null. */
  database: { schemaVersion: number; auditChainIntact: boolean; auditFault: AuditFault | null }
  stationId: string
  /** The protector sealing the station keys, and why stronger ones were passed over. */
  keyProtection: KeyProtectionStatus
  pcsc: PcscProbe
  serial: SerialProbe
  hid: HidProbe
  video: VideoProbe
  /** Each USB-serial port probed for an EF01 module: found at a rate, or why not. */
  ef01: Ef01PortFinding[]
  devices: DeviceInfo[]
}

export interface DoctorProbes {
  pcsc: () => Promise<PcscProbe>
  serial: () => Promise<SerialProbe>
  hid: () => Promise<HidProbe>
  video: () => Promise<VideoProbe>
  ef01: () => Promise<Ef01PortFinding[]>
}

export const systemProbes: DoctorProbes = {
  pcsc: () => probePcsc(),
  serial: probeSerial,
  hid: probeHid,
  video: () => probeVideo(),
  ef01: probeEf01,
}

/** The pinned Electron package, and whether its binary is here (it cannot be downloaded on CI). */
export function electronPackage(): DoctorReport['electron'] {
  try {
    const manifest = createRequire(import.meta.url).resolve('electron/package.json')
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }
    const root = dirname(manifest)
    return {
      version,
      binaryInstalled: existsSync(join(root, 'path.txt')) && existsSync(join(root, 'dist')),
    }
  } catch {
    return { version: null, binaryInstalled: false }
  }
}

export async function buildDoctorReport(
  core: Core,
  loaded: LoadedConfig,
  probes: DoctorProbes = systemProbes,
): Promise<DoctorReport> {
  const [pcsc, serial, hid, video] = await Promise.all([
    probes.pcsc(),
    probes.serial(),
    probes.hid(),
    probes.video(),
  ])
  // After the others: the device manager may still hold a port it probed; a second probe at the
  // same time would find it busy.
  const ef01 = loaded.config.devices === 'simulated' ? [] : await probes.ef01()
  return {
    node: process.version,
    electron: electronPackage(),
    sqlite: sqliteVersion(core.db),
    dataDir: loaded.config.dataDir,
    configFile: loaded.configFile,
    config: loaded.config,
    sources: loaded.sources,
    database: {
      schemaVersion: schemaVersion(core.db),
      ...auditLine(core),
    },
    stationId: core.stationId,
    keyProtection: core.keyProtection,
    pcsc,
    serial,
    hid,
    video,
    ef01,
    devices: core.devices.list(),
  }
}
