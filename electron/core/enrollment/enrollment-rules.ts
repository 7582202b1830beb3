import type {
  DocumentsView,
  EligibilityView,
  IdentityDocument,
  Language,
  Person,
  Sentence,
} from '../../contract'

/** A value checked by a rule: normalised, or refused with the sentence that says what to fix. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: Sentence }

/**
 * The rules the state machine applies (eligibility, validators, the consent text): the pure ones
 * of electron/contract/rules behind one interface, so the machine reads as the procedure does.
 */
export interface EnrollmentRules {
  /** The calendar date in Asia/Ho_Chi_Minh at `instant`, YYYY-MM-DD. */
  today(instant: Date): string
  eligibility(
    person: Person,
    document: IdentityDocument,
    today: string,
  ): Omit<EligibilityView, 'guardian' | 'on'>
  phone(text: string): Checked<{ e164: string; network: string | null }>
  email(text: string): Checked<string>
  healthInsurance(text: string): Checked<string>
  drivingLicence(
    input: { number: string; licenceClass: string; expiry?: string },
    today: string,
  ): Checked<NonNullable<DocumentsView['drivingLicence']>>
  vehicleRegistration(input: {
    plate: string
    registrationNumber?: string
  }): Checked<DocumentsView['vehicleRegistrations'][number]>
  /** The consent notice exactly as shown in `language`, and its version. */
  consent(language: Language): { version: string; text: string }
}
