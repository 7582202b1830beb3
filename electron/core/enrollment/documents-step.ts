import type { DocumentsView, EnrollmentIntent } from '../../contract'
import type { EnrollmentRules } from './enrollment-rules'
import { refusedBy } from './step-errors'

type DocumentsInput = Extract<EnrollmentIntent, { type: 'documents.set' }>

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === ''

/**
 * Step 4: each document to integrate is optional; whatever is given must pass its rule. The
 * first refusal is answered, naming the field.
 */
export function checkedDocuments(
  input: DocumentsInput,
  rules: EnrollmentRules,
  today: string,
): Omit<DocumentsView, 'photos'> {
  let healthInsurance: string | null = null
  if (!blank(input.healthInsurance)) {
    const checked = rules.healthInsurance(input.healthInsurance ?? '')
    if (!checked.ok) throw refusedBy('healthInsurance', checked.reason)
    healthInsurance = checked.value
  }
  let drivingLicence: DocumentsView['drivingLicence'] = null
  if (input.drivingLicence && !blank(input.drivingLicence.number)) {
    const checked = rules.drivingLicence(input.drivingLicence, today)
    if (!checked.ok) throw refusedBy('drivingLicence', checked.reason)
    drivingLicence = checked.value
  }
  const vehicleRegistrations: DocumentsView['vehicleRegistrations'] = []
  for (const vehicle of input.vehicleRegistrations ?? []) {
    if (blank(vehicle.plate) && blank(vehicle.registrationNumber)) continue
    const checked = rules.vehicleRegistration(vehicle)
    if (!checked.ok) throw refusedBy('vehicleRegistration', checked.reason)
    vehicleRegistrations.push(checked.value)
  }
  return { healthInsurance, drivingLicence, vehicleRegistrations }
}
