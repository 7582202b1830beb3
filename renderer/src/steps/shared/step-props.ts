import type { AppInfo, KioskClient } from '../../../../electron/contract'
import type { EnrollmentApi } from './use-enrollment'

/** What every step component gets: the client for device channels, and the enrollment. */
export interface StepProps {
  client: KioskClient
  api: EnrollmentApi
  devicesMode: AppInfo['devicesMode']
}
