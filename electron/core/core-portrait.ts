import type { KioskConfig } from './config'
import type { CoreOptions } from './core-options'
import type { Logger } from './log'
import type { OfficerService } from './officers'
import {
  createChipFaces,
  createPortraitHandlers,
  portraitSettingsOf,
  type AcceptedPortrait,
  type ChipFaces,
  type PortraitHandlers,
} from './portrait'

export interface PortraitState {
  readonly chipFaces: ChipFaces
  readonly handlers: PortraitHandlers
  /** The accepted portrait of each window or socket, until the enrollment file takes it. */
  readonly accepted: Map<string, AcceptedPortrait>
  /** A window or socket closed: its chip photo and portrait go with it. */
  forget(connectionId: string): void
}

export function startPortrait(
  config: KioskConfig,
  options: CoreOptions,
  officers: OfficerService,
  env: { now: () => Date; log: Logger },
): PortraitState {
  const chipFaces = createChipFaces()
  const accepted = new Map<string, AcceptedPortrait>()
  const handlers = createPortraitHandlers({
    settings: portraitSettingsOf(config.portrait),
    chipFaces,
    officers,
    now: env.now,
    log: env.log,
    accepted,
    ...(options.faceEngine ? { engine: options.faceEngine } : {}),
  })
  return {
    chipFaces,
    handlers,
    accepted,
    forget(connectionId) {
      chipFaces.forget(connectionId)
      accepted.delete(connectionId)
    },
  }
}
