import type { AuditLog } from './audit'
import type { ChipRead } from './card'
import {
  createEnrollmentHandlers,
  createEnrollmentService,
  contractRules,
  type EnrollmentHandlers,
  type EnrollmentRules,
  type EnrollmentService,
  type FingerTake,
  type PortraitTake,
} from './enrollment'
import type { OfficerService } from './officers'
import { portraitParts, type AcceptedPortrait } from './portrait'
import type { QueueServices, SubmitInput, SubmitResult } from './queue'
import { submitWithApprovals } from './core-officers'
import type { PortraitState } from './core-portrait'
import type { DraftRepository } from './store'
import { APP_VERSION } from './app-version'

export interface EnrollmentWiring {
  readonly service: EnrollmentService
  readonly handlers: EnrollmentHandlers
  /** card.read's hook: the window's last chip read, until its enrollment takes it. */
  rememberChipRead(connectionId: string, read: ChipRead): void
  /** A window or socket closed: its chip read goes with it. */
  forget(connectionId: string): void
}

export interface EnrollmentSources {
  drafts: DraftRepository
  audit: AuditLog
  rules: EnrollmentRules
  officers: OfficerService
  now(): Date
  randomId(): string
  acceptedPortrait(connectionId: string): AcceptedPortrait | null
  fingers(connectionId: string): FingerTake | null
  submit(input: SubmitInput): SubmitResult
  simulated(): boolean
  /** Drops the window's chip photo, portrait and fingers (the portrait and fingerprint state). */
  forgetDevices(connectionId: string): void
}

/** The portrait step's result as the file (its parts) and the review (token, match) take it. */
export function portraitTake(accepted: AcceptedPortrait): PortraitTake {
  return {
    parts: portraitParts(accepted),
    view: {
      tokenDataUrl: `data:image/jpeg;base64,${Buffer.from(accepted.tokenJpeg).toString('base64')}`,
      capture: accepted.capture,
      match: accepted.match,
    },
  }
}

/** The enrollment state machine over this window's device results, drafts and the submit path. */
export function startEnrollment(sources: EnrollmentSources): EnrollmentWiring {
  const chipReads = new Map<string, ChipRead>()
  const forget = (connectionId: string) => {
    chipReads.delete(connectionId)
    sources.forgetDevices(connectionId)
  }
  const service = createEnrollmentService({
    drafts: sources.drafts,
    audit: sources.audit,
    rules: sources.rules,
    appVersion: APP_VERSION,
    now: sources.now,
    randomId: sources.randomId,
    chipRead: (connectionId) => chipReads.get(connectionId) ?? null,
    portrait: (connectionId) => {
      const accepted = sources.acceptedPortrait(connectionId)
      return accepted ? portraitTake(accepted) : null
    },
    fingers: sources.fingers,
    approved: (officerId) =>
      new Set(sources.officers.pendingApprovals(officerId).map((a) => a.exception)),
    submit: sources.submit,
    simulated: sources.simulated,
    forgetCitizen: forget,
  })
  return {
    service,
    handlers: createEnrollmentHandlers(service),
    rememberChipRead: (connectionId, read) => chipReads.set(connectionId, read),
    forget,
  }
}

/** The enrollment of a station: drafts in its database, files through its queue, its rules. */
export function startStationEnrollment(parts: {
  station: { audit: AuditLog }
  queue: QueueServices
  officers: OfficerService
  portrait: PortraitState
  card: { kind: string }
  env: { now(): Date; randomId(): string }
}): EnrollmentWiring {
  const { queue, officers, portrait } = parts
  return startEnrollment({
    drafts: queue.drafts,
    audit: parts.station.audit,
    rules: contractRules,
    officers,
    now: parts.env.now,
    randomId: parts.env.randomId,
    acceptedPortrait: (connectionId) => portrait.accepted.get(connectionId) ?? null,
    fingers: () => null,
    submit: (input) => submitWithApprovals(queue, officers, input),
    simulated: () => parts.card.kind === 'simulated',
    forgetDevices: (connectionId) => portrait.forget(connectionId),
  })
}
