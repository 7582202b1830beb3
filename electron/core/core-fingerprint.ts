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
): FingerprintState {
  const service = createFingerprintService({
    openSource: options.fingerprint?.openSource ?? (() => openListedScanner(env.devices.list())),
    now: env.now,
    emit: env.emit,
    ...(options.fingerprint?.fingerTimeoutMs
      ? { fingerTimeoutMs: options.fingerprint.fingerTimeoutMs }
      : {}),
    ...(options.fingerprint?.recordEncoding
      ? { recordEncoding: options.fingerprint.recordEncoding }
      : {}),
  })
  return { service, handlers: createFingerprintHandlers(service, officers) }
}
