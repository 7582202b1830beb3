import type { DeviceInfo } from './domain'
import type { QueueStatus } from './queue'

/**
 * Why the station cannot take an enrollment now; each code's sentence (what fails and what to do)
 * is `home.readiness.<code>` in the locale files.
 */
export const readinessCodes = [
  /** The queue status has not arrived (or could not be read): nothing can be said yet. */
  'status-unknown',
  'not-registered',
  'frozen-disk-low',
  'frozen-too-many-unsynced',
  'frozen-sync-overdue',
  'card-reader-missing',
  'card-reader-faulty',
  'fingerprint-missing',
  'fingerprint-faulty',
  'camera-missing',
  'camera-faulty',
  'device-busy',
] as const
export type ReadinessCode = (typeof readinessCodes)[number]

export interface ReadinessFailure {
  code: ReadinessCode
  /** Interpolated into the sentence: `kind` for a device, `detail` (the core's line) for a freeze. */
  params: Record<string, string>
}

export interface StationReadiness {
  ready: boolean
  failing: ReadinessFailure[]
}

export interface ReadinessFacts {
  /** Whether the terminal is registered with an upstream; null while the queue status is unknown. */
  registered: boolean | null
  /** The in-process training upstream registers the station itself: no operator step needed. */
  trainingUpstream: boolean
  freeze: QueueStatus['freeze']
  devices: readonly DeviceInfo[]
}

/** The devices checked, in the order the failures are listed. */
const checkedKinds = ['card-reader', 'fingerprint', 'camera'] as const
type CheckedKind = (typeof checkedKinds)[number]

/**
 * Whether the station can take an enrollment: registered (or on the training upstream), not
 * frozen, and the card reader, the fingerprint scanner and, when the device list knows cameras,
 * the camera ready. Every condition that fails is listed, so the officer sees all of them at once.
 */
export function stationReadiness(facts: ReadinessFacts): StationReadiness {
  const failing: ReadinessFailure[] = [...registrationFailures(facts), ...freezeFailures(facts)]
  for (const kind of checkedKinds) {
    const failure = deviceFailure(kind, facts.devices)
    if (failure) failing.push(failure)
  }
  return { ready: failing.length === 0, failing }
}

function registrationFailures(facts: ReadinessFacts): ReadinessFailure[] {
  if (facts.registered === null) return [{ code: 'status-unknown', params: {} }]
  if (facts.registered || facts.trainingUpstream) return []
  return [{ code: 'not-registered', params: {} }]
}

function freezeFailures({ freeze }: ReadinessFacts): ReadinessFailure[] {
  // The core's `not-registered` freeze is the registration condition above, not a second line.
  if (!freeze || freeze.code === 'not-registered') return []
  return [{ code: `frozen-${freeze.code}`, params: { detail: freeze.message } }]
}

/** The worst state among the devices of one kind decides only when none of them is ready. */
function deviceFailure(kind: CheckedKind, devices: readonly DeviceInfo[]): ReadinessFailure | null {
  const ofKind = devices.filter((d) => d.kind === kind)
  // A camera the device list does not know (getUserMedia only) is checked by the portrait step.
  if (kind === 'camera' && ofKind.length === 0) return null
  if (ofKind.some((d) => d.health.status === 'ready')) return null
  const params = { kind }
  if (ofKind.length === 0 || ofKind.every((d) => d.health.status === 'absent'))
    return { code: `${kind}-missing`, params }
  if (ofKind.some((d) => d.health.status === 'busy')) return { code: 'device-busy', params }
  return { code: `${kind}-faulty`, params }
}
