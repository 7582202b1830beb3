import { KioskError } from '../../contract'
import type { CallContext, Handlers } from '../dispatch'
import type { OfficerService } from '../officers'
import type { FingerprintService } from './fingerprint-service'

export type FingerprintChannel =
  | 'fingerprint.session'
  | 'fingerprint.capture'
  | 'fingerprint.cancel'
  | 'fingerprint.discard'
  | 'fingerprint.markMissing'
  | 'fingerprint.withdrawMissing'
  | 'fingerprint.reset'
export type FingerprintHandlers = Pick<Handlers, FingerprintChannel>

function officerOf({ session }: CallContext): string {
  if (!session) throw new KioskError('E_NOT_SIGNED_IN', 'fingerprints without a session')
  return session.officerId
}

/** The fingerprint channels over this window's session (contract/fingerprint.ts). */
export function createFingerprintHandlers(
  service: FingerprintService,
  officers: Pick<OfficerService, 'pendingApprovals'>,
): FingerprintHandlers {
  const of = (context: CallContext) => service.session(context.caller.connectionId)
  return {
    'fingerprint.session': (_input, context) => of(context).state(),
    'fingerprint.capture': ({ finger }, context) => {
      officerOf(context)
      return of(context).capture(finger)
    },
    'fingerprint.cancel': (_input, context) => ({ cancelled: of(context).cancel() }),
    'fingerprint.discard': ({ finger }, context) => of(context).discard(finger),
    'fingerprint.markMissing': (input, context) => {
      const officerId = officerOf(context)
      return of(context).markMissing(input, officerId, officers.pendingApprovals(officerId))
    },
    'fingerprint.withdrawMissing': ({ finger }, context) => of(context).withdrawMissing(finger),
    'fingerprint.reset': (_input, context) => service.reset(context.caller.connectionId),
  }
}
