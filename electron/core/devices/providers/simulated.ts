import type { DeviceInfo } from '../../../contract'
import {
  probeSimulatedFingerprint,
  type SimulatedFingerprintProbe,
} from '../probes/fingerprint-sim'
import type { ScannerFinding } from '../probes/barcode'
import type { DeviceProvider } from './provider'
import { barcodeDevice } from './real'

/** The in-process card reader as the device list shows it. */
export interface SimulatedCardReaderState {
  name: string
  cardPresent: boolean
}

export interface SimulatedProviderOptions {
  /**
   * The virtual card reader's state (from the simulated card service); `null` when cards are read
   * over PC/SC, so no simulated reader is listed. Default: an empty virtual reader.
   */
  cardReader?: (() => SimulatedCardReaderState) | null
  /** The simulated fingerprint scanner's probe; default: the in-process EF01 module. */
  fingerprint?: () => Promise<SimulatedFingerprintProbe>
  /** The training QR scanner (core/barcode starts it); not listed without one. */
  barcode?: () => Promise<ScannerFinding>
}

const EMPTY_READER: SimulatedCardReaderState = {
  name: 'Virtual CCCD reader (simulated)',
  cardPresent: false,
}

/**
 * The simulated devices of training and test runs. They live in-process; the drivers' simulators
 * (virtual CCCD chip, EF01 module, fake camera) sit behind these entries.
 */
export function createSimulatedProvider(
  now: () => Date,
  options: SimulatedProviderOptions = {},
): DeviceProvider {
  const cardReader = options.cardReader === undefined ? () => EMPTY_READER : options.cardReader
  const fingerprint = options.fingerprint ?? probeSimulatedFingerprint
  return {
    name: 'simulated',
    async probe() {
      const [fp, barcode] = await Promise.all([fingerprint(), options.barcode?.() ?? null])
      const checkedAt = now().toISOString()
      const ready = { status: 'ready' as const, checkedAt }
      const devices: DeviceInfo[] = []
      if (cardReader) {
        const reader = cardReader()
        devices.push({
          id: 'sim:card-reader',
          kind: 'card-reader',
          name: reader.name,
          source: 'simulated',
          connection: 'in-process',
          health: reader.cardPresent ? { ...ready, reason: 'card-present' } : ready,
        })
      }
      devices.push(
        {
          id: 'sim:fingerprint',
          kind: 'fingerprint',
          name: fp.ok ? `EF01 fingerprint module (${fp.model})` : 'EF01 fingerprint module',
          source: 'simulated',
          connection: 'in-process',
          health: fp.ok
            ? { ...ready, detail: fp.detail }
            : {
                status: 'error',
                reason: 'simulator-failed',
                detail: fp.detail.slice(0, 500),
                checkedAt,
              },
        },
        {
          id: 'sim:camera',
          kind: 'camera',
          name: 'Fake capture device',
          source: 'simulated',
          connection: 'chromium-fake-device',
          health: ready,
        },
      )
      if (barcode) devices.push(barcodeDevice(barcode, checkedAt))
      return { devices, problems: [] }
    },
  }
}
