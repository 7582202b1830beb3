import { KioskError, type ScenarioSummary } from '../../contract'
import type { CallContext, Handlers } from '../dispatch'
import type { EnrollmentActor, EnrollmentService } from './enrollment-service'

export type EnrollmentChannel =
  | 'enrollment.current'
  | 'enrollment.start'
  | 'enrollment.intent'
  | 'enrollment.cancel'
  | 'enrollment.finish'
  | 'training.scenarios'
export type EnrollmentHandlers = Pick<Handlers, EnrollmentChannel>

/** The contract gives these channels to signed-in officers only; the session is always there. */
function actorOf({ caller, session }: CallContext): EnrollmentActor {
  if (!session) throw new KioskError('E_NOT_SIGNED_IN', 'enrollment needs a signed-in officer')
  return { officerId: session.officerId, connectionId: caller.connectionId }
}

export function createEnrollmentHandlers(
  service: EnrollmentService,
  /** The training scenarios a trainer may pick (none on real devices). */
  scenarios: () => ScenarioSummary[],
): EnrollmentHandlers {
  return {
    'training.scenarios': () => scenarios(),
    'enrollment.current': (_input, context) => service.current(actorOf(context)),
    'enrollment.start': ({ recreates }, context) =>
      service.start(actorOf(context), recreates ?? null),
    'enrollment.intent': (intent, context) => service.intent(actorOf(context), intent),
    'enrollment.cancel': (_input, context) => ({ cancelled: service.cancel(actorOf(context)) }),
    'enrollment.finish': (_input, context) => ({ finished: service.finish(actorOf(context)) }),
  }
}
