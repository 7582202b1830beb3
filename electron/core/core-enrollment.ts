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
import type { FingerprintService } from './fingerprint'
import type { OfficerService } from './officers'
import { portraitParts, type AcceptedPortrait } from './portrait'
import type { QueueServices, SubmitInput, SubmitResult } from './queue'
import { submitWithApprovals } from './core-officers'
import type { PortraitState } from './core-portrait'
import type { DraftRepository } from './store'
import { APP_VERSION } from './app-version'
import type { ScenarioSummary } from '../contract'
import { loadScenarios, scenarioSummary } from './training/scenario-files'

/** Each window's last chip read (card.read's hook), until its enrollment takes it. */
export interface ChipReads {
  remember(connectionId: string, read: ChipRead): void
  get(connectionId: string): ChipRead | null
  forget(connectionId: string): void
}

export function createChipReads(): ChipReads {
  const reads = new Map<string, ChipRead>()
  return {
    remember: (connectionId, read) => void reads.set(connectionId, read),
    get: (connectionId) => reads.get(connectionId) ?? null,
    forget: (connectionId) => void reads.delete(connectionId),
  }
}

export interface EnrollmentWiring {
  readonly service: EnrollmentService
  readonly handlers: EnrollmentHandlers
  /** A window or socket closed: its chip read, portrait and fingers go with it. */
  forget(connectionId: string): void
}

export interface EnrollmentSources {
  drafts: DraftRepository
  audit: AuditLog
  rules: EnrollmentRules
  officers: OfficerService
  now(): Date
  randomId(): string
  chipReads: ChipReads
  acceptedPortrait(connectionId: string): AcceptedPortrait | null
  fingers(connectionId: string): Promise<FingerTake | null>
  submit(input: SubmitInput): SubmitResult
  simulated(): boolean
  /** Drops the window's chip photo, portrait and fingers (the portrait and fingerprint state). */
  forgetDevices(connectionId: string): void
  scenarios(): ScenarioSummary[]
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

/** The fingerprint step's result: null until every finger is captured or excused. */
export async function fingerTake(
  fingerprints: FingerprintService,
  connectionId: string,
): Promise<FingerTake | null> {
  const summary = fingerprints.summary(connectionId)
  if (!summary.complete) return null
  return {
    parts: await fingerprints.fingerParts(connectionId),
    missing: summary.missing.map(({ finger, reason }) => ({ finger, reason })),
  }
}

/** The enrollment state machine over this window's device results, drafts and the submit path. */
export function startEnrollment(sources: EnrollmentSources): EnrollmentWiring {
  const forget = (connectionId: string) => {
    sources.chipReads.forget(connectionId)
    sources.forgetDevices(connectionId)
  }
  const service = createEnrollmentService({
    drafts: sources.drafts,
    audit: sources.audit,
    rules: sources.rules,
    appVersion: APP_VERSION,
    now: sources.now,
    randomId: sources.randomId,
    chipRead: sources.chipReads.get,
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
  return { service, handlers: createEnrollmentHandlers(service, sources.scenarios), forget }
}

/** The enrollment of a station: drafts in its database, files through its queue, its rules. */
export function startStationEnrollment(parts: {
  station: { audit: AuditLog }
  queue: QueueServices
  officers: OfficerService
  portrait: PortraitState
  fingerprints: FingerprintService
  chipReads: ChipReads
  card: { kind: string }
  env: { now(): Date; randomId(): string }
}): EnrollmentWiring {
  const { queue, officers, portrait, fingerprints } = parts
  return startEnrollment({
    drafts: queue.drafts,
    audit: parts.station.audit,
    rules: contractRules,
    officers,
    now: parts.env.now,
    randomId: parts.env.randomId,
    chipReads: parts.chipReads,
    acceptedPortrait: (connectionId) => portrait.accepted.get(connectionId) ?? null,
    fingers: (connectionId) => fingerTake(fingerprints, connectionId),
    submit: (input) => submitWithApprovals(queue, officers, input),
    simulated: () => parts.card.kind === 'simulated',
    // Scenarios put virtual cards on the reader: nothing to offer with real devices.
    scenarios: () => (parts.card.kind === 'simulated' ? loadScenarios().map(scenarioSummary) : []),
    forgetDevices: (connectionId) => {
      portrait.forget(connectionId)
      fingerprints.forget(connectionId)
    },
  })
}
