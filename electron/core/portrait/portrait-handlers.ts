import { createNodeFaceEngine, type FaceEngine } from '../../../drivers/camera'
import { KioskError, type PortraitSettings } from '../../contract'
import type { Handlers } from '../dispatch'
import type { Logger } from '../log'
import type { OfficerService } from '../officers'
import type { ChipFaces } from './chip-faces'
import { checkPortrait, type AcceptedPortrait } from './portrait-check'

export type PortraitChannel = 'portrait.settings' | 'portrait.check'
export type PortraitHandlers = Pick<Handlers, PortraitChannel>

export interface PortraitWiring {
  readonly settings: PortraitSettings
  readonly chipFaces: ChipFaces
  readonly officers: Pick<OfficerService, 'pendingApprovals'>
  readonly now: () => Date
  readonly log: Logger
  /** Where the accepted portrait of each window or socket waits for the enrollment file. */
  readonly accepted: Map<string, AcceptedPortrait>
  /** Injected in tests; by default human on WASM, loaded on the first check. */
  readonly engine?: () => Promise<FaceEngine>
}

export function createPortraitHandlers(wiring: PortraitWiring): PortraitHandlers {
  const engine = wiring.engine ?? once(() => createNodeFaceEngine())
  return {
    'portrait.settings': () => wiring.settings,
    'portrait.check': async (input, { caller, session }) => {
      if (!session) throw new KioskError('E_NOT_SIGNED_IN', 'portrait check without a session')
      const manualApproved = wiring.officers
        .pendingApprovals(session.officerId)
        .some((approval) => approval.exception === 'manual-portrait')
      const started = performance.now()
      const { result, accepted } = await checkPortrait(
        { engine, settings: wiring.settings, now: wiring.now },
        { input, chipFace: wiring.chipFaces.get(caller.connectionId), manualApproved },
      )
      if (accepted) wiring.accepted.set(caller.connectionId, accepted)
      // Verdicts and figures only: the log never holds the face.
      wiring.log.info('portrait checked', {
        capture: input.capture,
        accepted: result.accepted,
        failing: result.assessment.failing.join(','),
        match: result.match.verdict,
        ms: Math.round(performance.now() - started),
      })
      return result
    },
  }
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null
  return () => {
    made ??= make().catch((error: unknown) => {
      made = null
      throw error
    })
    return made
  }
}
