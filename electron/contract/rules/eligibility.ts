import { ageOn } from './age'
import type { CalendarDate, DateOfBirth } from './date-of-birth'
import type { RuleReason } from './reason'

export const nationalities = ['vn', 'foreign'] as const
export type Nationality = (typeof nationalities)[number]

/**
 * The identity document presented. `cccd`: a chip citizen identity card (thẻ căn cước công dân);
 * `id-card`: the identity card of Law 26/2023 (thẻ căn cước), or a chipless CCCD still valid; the
 * old 9-digit CMND is no document for this procedure (Law 26/2023 Art. 46, vn-rules §2.4): `none`.
 */
export const identityDocuments = [
  'cccd',
  'id-card',
  'temporary-residence',
  'permanent-residence',
  'none',
] as const
export type IdentityDocument = (typeof identityDocuments)[number]

export const applicantKinds = ['person', 'organisation'] as const
export type ApplicantKind = (typeof applicantKinds)[number]

/** granted: issued as of right; on-request: issued when the person or representative asks. */
export const accountDecisions = ['granted', 'on-request', 'refused'] as const
export type AccountDecision = (typeof accountDecisions)[number]

/** Every reason the rule gives; each has a sentence under `rules.eligibility.<code>`. */
export const eligibilityReasonCodes = [
  'citizen-14-plus',
  'citizen-6-to-14',
  'citizen-under-6',
  'cccd-under-14',
  'foreigner-6-plus',
  'foreigner-under-6',
  'citizen-needs-identity-card',
  'foreigner-needs-residence-card',
  'citizen-with-residence-card',
  'foreigner-with-citizen-card',
  'born-after-today',
  'organisation',
] as const
export type EligibilityReasonCode = (typeof eligibilityReasonCodes)[number]

export interface EligibilityInput {
  /** From the chip (DG1/DG13), unknown parts allowed. */
  readonly dob: DateOfBirth
  readonly nationality: Nationality
  readonly document: IdentityDocument
  /** Default `person`. */
  readonly applicant?: ApplicantKind
  /** The date at the desk in Asia/Ho_Chi_Minh (`hoChiMinhDate(clock())`). */
  readonly today: CalendarDate
}

export interface Eligibility {
  readonly level1: AccountDecision
  readonly level2: AccountDecision
  /**
   * The legal representative's name, ID number and relationship must be recorded: under 14. For
   * foreign children too: Decree 13/2023 Art. 20 wants a parent's consent to process a child's data.
   */
  readonly guardianRequired: boolean
  /** Full years on `today`; null for an organisation. */
  readonly age: number | null
  readonly ageApproximate: boolean
  readonly reason: RuleReason<EligibilityReasonCode>
}

/** Ages at which Decree 69/2024 Art. 7 changes what is issued ("từ đủ 6", "từ đủ 14"). */
export const LEVEL2_ON_REQUEST_FROM_AGE = 6
export const LEVEL2_AS_OF_RIGHT_FROM_AGE = 14

type Decision = Omit<Eligibility, 'age' | 'ageApproximate' | 'reason'> & {
  readonly code: EligibilityReasonCode
}

const refusedBoth = (code: EligibilityReasonCode): Decision => ({
  level1: 'refused',
  level2: 'refused',
  guardianRequired: false,
  code,
})

/** A Vietnamese citizen's row of Art. 7 (group 1), by age. */
function citizenDecision(age: number, document: IdentityDocument): Decision {
  if (document === 'none') return refusedBoth('citizen-needs-identity-card')
  if (document === 'temporary-residence' || document === 'permanent-residence') {
    return refusedBoth('citizen-with-residence-card')
  }
  if (age >= LEVEL2_AS_OF_RIGHT_FROM_AGE) {
    return {
      level1: 'granted',
      level2: 'granted',
      guardianRequired: false,
      code: 'citizen-14-plus',
    }
  }
  // A CCCD was only ever issued from 14: one held by a younger child means the date is wrong.
  if (document === 'cccd') return refusedBoth('cccd-under-14')
  if (age >= LEVEL2_ON_REQUEST_FROM_AGE) {
    return {
      level1: 'on-request',
      level2: 'on-request',
      guardianRequired: true,
      code: 'citizen-6-to-14',
    }
  }
  return {
    level1: 'on-request',
    level2: 'refused',
    guardianRequired: true,
    code: 'citizen-under-6',
  }
}

/** A foreigner's row of Art. 7 (group 2), by age. */
function foreignerDecision(age: number, document: IdentityDocument): Decision {
  if (document === 'none') return refusedBoth('foreigner-needs-residence-card')
  if (document === 'cccd' || document === 'id-card') {
    return refusedBoth('foreigner-with-citizen-card')
  }
  const guardianRequired = age < LEVEL2_AS_OF_RIGHT_FROM_AGE
  if (age >= LEVEL2_ON_REQUEST_FROM_AGE) {
    return {
      level1: 'on-request',
      level2: 'on-request',
      guardianRequired,
      code: 'foreigner-6-plus',
    }
  }
  return { level1: 'on-request', level2: 'refused', guardianRequired, code: 'foreigner-under-6' }
}

/**
 * What Decree 69/2024/ND-CP Art. 7 allows this person, as the procedure in the seed states it:
 * citizens 14+ with a CCCD or identity card get level 1 and 2; 6 to under 14 with an identity card,
 * both on request with their representative recorded; under 6, level 1 on request only; foreigners
 * 6+ with a residence card, both on request; under 6, level 1 on request only; organisations have
 * accounts without levels and are not enrolled at this desk. Age is taken on the Vietnamese date,
 * and an unknown month or day is read so as to make the person youngest (see `ageOn`).
 */
export function eligibility(input: EligibilityInput): Eligibility {
  if (input.applicant === 'organisation') {
    const { code, ...decision } = refusedBoth('organisation')
    return { ...decision, age: null, ageApproximate: false, reason: { code, params: {} } }
  }
  const age = ageOn(input.dob, input.today)
  const { code, ...decision } =
    age.years < 0
      ? refusedBoth('born-after-today')
      : input.nationality === 'vn'
        ? citizenDecision(age.years, input.document)
        : foreignerDecision(age.years, input.document)
  return {
    ...decision,
    age: age.years < 0 ? null : age.years,
    ageApproximate: age.approximate,
    // The sentence names the age; `ageApproximate` adds `rules.eligibility.approximateAge`.
    reason: { code, params: age.years < 0 ? {} : { age: age.years } },
  }
}

/** True when the enrollment at this desk (level 2) cannot go on: the refusal ends it. */
export function level2Refused(result: Eligibility): boolean {
  return result.level2 === 'refused'
}
