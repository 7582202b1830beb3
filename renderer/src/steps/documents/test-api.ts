// The enrollment hook over a fake kiosk, for rendering one step alone in tests; never bundled.
import type { EnrollmentView, KioskClient } from '../../../../electron/contract'
import { useEnrollment } from '../shared/use-enrollment'

export function useTestEnrollment({
  client,
  initial,
}: {
  client: KioskClient
  initial: EnrollmentView
}) {
  // A hook: called from a component's body.
  return useEnrollment(client, initial, () => undefined)
}
