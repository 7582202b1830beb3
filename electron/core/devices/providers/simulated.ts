import type { DeviceInfo } from '../../../contract'
import {
  probeSimulatedFingerprint,
  type SimulatedFingerprintProbe,
} from '../probes/fingerprint-sim'
import type { DeviceProvider } from './provider'

/**
 * The simulated devices of training and test runs. They live in-process; the drivers' simulators
 * (virtual CCCD chip, EF01 module, fake camera) sit behind these entries.
 */
export function createSimulatedProvider(
  now: () => Date,
  fingerprint: () => Promise<SimulatedFingerprintProbe> = probeSimulatedFingerprint,
): DeviceProvider {
  return {
    name: 'simulated',
    async probe() {
      const fp = await fingerprint()
      const checkedAt = now().toISOString()
      const ready = { status: 'ready' as const, checkedAt }
      const devices: DeviceInfo[] = [
        {
          id: 'sim:card-reader',
          kind: 'card-reader',
          name: 'Virtual CCCD reader',
          source: 'simulated',
          connection: 'in-process',
          health: ready,
        },
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
      ]
      return { devices, problems: [] }
    },
  }
}
