import type { CoreOptions } from './core-options'
import type { DeviceManager } from './devices'
import type { EventListener } from './event-bus'
import {
  createFingerprintHandlers,
  createFingerprintService,
  openListedScanner,
  type FingerprintHandlers,
  type FingerprintService,
} from './fingerprint'
import type { FingerprintConfig } from './fingerprint/fingerprint-config'
import type { OfficerService } from './officers'

export interface FingerprintState {
  readonly service: FingerprintService
  readonly handlers: FingerprintHandlers
}

/** Each window's ten fingers, over the scanner the device manager lists (or the one injected). */
export function startFingerprints(
  options: CoreOptions,
  officers: OfficerService,
  env: { now: () => Date; emit: EventListener; devices: DeviceManager },
  config: FingerprintConfig = {},
): FingerprintState {
  // The shell's option (tests, CLI) wins over the config file; neither means PNG.
  const recordEncoding = options.fingerprint?.recordEncoding ?? config.recordEncoding
  const service = createFingerprintService({
    openSource: options.fingerprint?.openSource ?? (() => openListedScanner(env.devices.list())),
    now: env.now,
    emit: env.emit,
    ...(options.fingerprint?.fingerTimeoutMs
      ? { fingerTimeoutMs: options.fingerprint.fingerTimeoutMs }
      : {}),
    ...(recordEncoding ? { recordEncoding } : {}),
  })
  return { service, handlers: createFingerprintHandlers(service, officers) }
}
