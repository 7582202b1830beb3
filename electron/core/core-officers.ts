import { createHmac } from 'node:crypto'
import type { RandomBytes } from '../../protocol/packet'
import { sessionEvents } from '../contract'
import type { KioskConfig } from './config'
import { frozenError } from './error-sentence'
import type { EventListener } from './event-bus'
import {
  SubmitRefusedError,
  type QueueServices,
  type SubmitInput,
  type SubmitResult,
} from './queue'
import type { CoreOptions } from './core-options'
import { openLocal, sealLocal } from './keys'
import {
  createOfficerService,
  DEFAULT_OFFICER_SETTINGS,
  STATION_SCRYPT_COST,
  type OfficerService,
} from './officers'
import type { Station } from './station'
import type { OfficerSealer } from './store'

/** Officer profiles sealed with the local key; usernames keyed with a key derived from it. */
function officerSealer(localKey: Buffer, randomBytes: RandomBytes): OfficerSealer {
  const usernameKey = createHmac('sha256', localKey).update('kiosk officer username key').digest()
  return {
    seal: (plain, officerId) => sealLocal(localKey, plain, `officer:${officerId}`, randomBytes),
    open: (sealed, officerId) => openLocal(localKey, sealed, `officer:${officerId}`),
    usernameKey: (username) =>
      createHmac('sha256', usernameKey)
        .update(username.normalize('NFC').toLowerCase())
        .digest('hex'),
  }
}

/** A v4 UUID from the injected random bytes: officer, approval and connection ids. */
function uuidFrom(randomBytes: RandomBytes): () => string {
  return () => {
    const b = Buffer.from(randomBytes(16))
    b.writeUInt8((b.readUInt8(6) & 0x0f) | 0x40, 6)
    b.writeUInt8((b.readUInt8(8) & 0x3f) | 0x80, 8)
    const h = b.toString('hex')
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }
}

export function startOfficers(
  config: KioskConfig,
  options: CoreOptions,
  station: Station,
  env: { now: () => Date; randomBytes: RandomBytes },
): OfficerService {
  return createOfficerService({
    db: station.db,
    settings: station.settings,
    audit: station.audit,
    sealer: officerSealer(station.keys.localKey, env.randomBytes),
    policy: {
      ...DEFAULT_OFFICER_SETTINGS,
      ...config.officers,
      cost: options.passwordCost ?? STATION_SCRYPT_COST,
    },
    now: env.now,
    randomBytes: env.randomBytes,
    randomId: uuidFrom(env.randomBytes),
  })
}

/** Citizen data goes only to the connection that asked, and only while its session may see it. */
export function gateCitizenData(emit: EventListener, officers: OfficerService): EventListener {
  return (event, payload, to) => {
    if (!sessionEvents.has(event)) return emit(event, payload, to)
    if (to !== undefined && officers.sessions.mayReceiveCitizenData(to)) emit(event, payload, to)
  }
}

/**
 * Submits one file with the approvals its officer holds in the signed manifest; once it is
 * queued they belong to it (audited with the file id).
 */
export function submitWithApprovals(
  queue: QueueServices,
  officers: OfficerService,
  input: SubmitInput,
): SubmitResult {
  const approvals =
    input.approvals ??
    officers.pendingApprovals(input.officerId).map(({ supervisorName: _name, ...a }) => a)
  let result: SubmitResult
  try {
    result = queue.submit({ ...input, approvals })
  } catch (error) {
    if (error instanceof SubmitRefusedError) throw frozenError(error)
    throw error
  }
  officers.approvals.takeFor(input.officerId, result.fileId)
  return result
}
