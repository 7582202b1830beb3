import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { SbiError } from '../sbi/errors'
import { discoverSbiServices } from '../sbi/discovery'
import { SbiHashChain } from '../sbi/hash-chain'
import type { SbiTrust } from '../sbi/jws'
import { SbiServiceSimulator } from '../sim/sbi-service'
import {
  SimulatedFingerprintDevice,
  type SimulatedFingerprintOptions,
} from '../sim/simulated-scanner'
import type { Clock } from '../transport/clock'
import { openCp2110Transport } from '../transport/cp2110-transport'
import { TransportError } from '../transport/errors'
import { openNodeHid } from '../transport/hid-device'
import { openSerialTransport } from '../transport/serial-transport'
import { Ef01Scanner } from './ef01-scanner'
import { CaptureError } from './errors'
import { SbiScanner } from './sbi-scanner'
import type { FingerprintScanner } from './scanner'

/** Where to capture from, as `--device` spells it. */
export type DeviceSpec =
  | { kind: 'sim'; transport: 'serial' | 'hid' | 'sbi' }
  | { kind: 'serial'; path: string }
  | { kind: 'hid'; vendorId: number; productId: number }
  | { kind: 'sbi'; port: number | null }

/** `sim`, `sim:hid`, `sim:sbi`, `serial:PATH`, `hid:VID:PID` (hex), `sbi` or `sbi:PORT`. */
export function parseDeviceSpec(text: string): DeviceSpec {
  if (text === 'sim' || text === 'sim:serial') return { kind: 'sim', transport: 'serial' }
  if (text === 'sim:hid') return { kind: 'sim', transport: 'hid' }
  if (text === 'sim:sbi') return { kind: 'sim', transport: 'sbi' }
  if (text.startsWith('serial:') && text.length > 'serial:'.length) {
    return { kind: 'serial', path: text.slice('serial:'.length) }
  }
  const hid = /^hid:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(text)
  if (hid)
    return {
      kind: 'hid',
      vendorId: parseInt(hid[1] ?? '', 16),
      productId: parseInt(hid[2] ?? '', 16),
    }
  if (text === 'sbi') return { kind: 'sbi', port: null }
  const sbi = /^sbi:(\d{1,5})$/.exec(text)
  if (sbi && Number(sbi[1]) > 0 && Number(sbi[1]) < 65536)
    return { kind: 'sbi', port: Number(sbi[1]) }
  throw new CaptureError(
    'bad-device',
    `${text} (expected sim, sim:hid, sim:sbi, serial:PATH, hid:VID:PID, sbi or sbi:PORT)`,
  )
}

export interface OpenDeviceOptions {
  /** UART rate of serial and HID links (the module's; EF01 default 57600). */
  baudRate?: number
  clock?: Clock
  /** SBI: trusted provider CAs or device certificates. */
  trust?: SbiTrust
  /** SBI: the enrolment's transaction id (4–50 characters of [A-Za-z0-9-]). */
  transactionId?: string
  simulator?: SimulatedFingerprintOptions
}

/** An open-able scanner: `open` is what the capture service calls (again after a removal). */
export interface ScannerSource {
  open(): Promise<FingerprintScanner>
  /** Stops what the source started (an in-process SBI simulator). */
  dispose(): Promise<void>
}

/** Reads PEM certificates (one file may hold several) for the SBI trust store. */
export function readTrustFile(path: string): SbiTrust {
  const pem = readFileSync(path, 'utf8')
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
  if (blocks.length === 0) throw new CaptureError('bad-device', `${path}: no PEM certificate`)
  return { certificates: blocks.map((b) => new X509Certificate(b)) }
}

export async function scannerSource(
  spec: DeviceSpec,
  options: OpenDeviceOptions = {},
): Promise<ScannerSource> {
  const baudRate = options.baudRate ?? 57600
  const clock = options.clock ? { clock: options.clock } : {}
  const transactionId = options.transactionId ?? 'kiosk-capture'
  switch (spec.kind) {
    case 'sim': {
      if (spec.transport === 'sbi') {
        const simulator = SbiServiceSimulator.create({ portRange: { from: 4501, to: 4600 } })
        const port = await simulator.start()
        const chain = new SbiHashChain()
        return {
          open: () => SbiScanner.open({ port, trust: simulator.trust, transactionId, chain }),
          dispose: () => simulator.stop(),
        }
      }
      const device = new SimulatedFingerprintDevice({
        ...options.simulator,
        ...clock,
        transport: spec.transport,
        baudRate: options.simulator?.baudRate ?? options.baudRate ?? 115200,
      })
      return { open: () => device.openScanner(), dispose: async () => undefined }
    }
    case 'serial':
      return {
        open: async () =>
          Ef01Scanner.open(await openSerialTransport({ path: spec.path, baudRate }), clock),
        dispose: async () => undefined,
      }
    case 'hid':
      return {
        open: async () => {
          const label = `hid:${hex4(spec.vendorId)}:${hex4(spec.productId)}`
          const device = await openNodeHid(spec).catch((error: unknown) => {
            throw new TransportError('not-found', `${label}: ${(error as Error).message}`)
          })
          return Ef01Scanner.open(await openCp2110Transport(device, { baudRate, label }), clock)
        },
        dispose: async () => undefined,
      }
    case 'sbi': {
      if (!options.trust) {
        throw new CaptureError(
          'bad-device',
          'an SBI device needs --trust FILE (the provider CA, PEM)',
        )
      }
      const trust = options.trust
      const chain = new SbiHashChain()
      let port = spec.port
      return {
        async open() {
          if (port === null) {
            const services = await discoverSbiServices()
            const found = services.find((s) => s.devices.some((d) => d.purpose === 'Registration'))
            if (!found) throw new SbiError('no-device', 'nothing answered on 127.0.0.1:4501–4600')
            port = found.port
          }
          return SbiScanner.open({ port, trust, transactionId, chain })
        },
        dispose: async () => undefined,
      }
    }
  }
}

/** True when an error means "no device answered" (the CLI's exit code 3), not a failure of one. */
export function isNoDeviceError(error: unknown): boolean {
  if (error instanceof TransportError) {
    return error.transportCode === 'not-found' || error.transportCode === 'open-failed'
  }
  if (error instanceof SbiError) return error.kind === 'unreachable' || error.kind === 'no-device'
  if (error instanceof CaptureError) return error.captureCode === 'no-device'
  return error instanceof Error && 'code' in error && error.code === 'ef01-no-answer'
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0')
}
