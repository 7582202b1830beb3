import { createHash } from 'node:crypto'
import {
  CONSENT_VERSION,
  consentPurposes,
  consentText,
  eligibility,
  formatCalendarDate,
  hoChiMinhDate,
  parseDateOfBirth,
} from '../../contract'
import type { SyntheticCitizen } from '../../../drivers/smartcard'
import { formatMessage } from '../../../lib/messages'
import {
  ENROLLMENT_RECORD_FORMAT_VERSION,
  ENROLLMENT_RECORD_PART,
  type ConsentRecord,
  type EnrollmentRecord,
  type PacketPartInput,
} from '../../../protocol/packet'

const jsonPart = (
  name: string,
  kind: 'enrollment' | 'consent',
  value: EnrollmentRecord | ConsentRecord,
): PacketPartInput => ({
  name,
  kind,
  mediaType: 'application/json',
  data: Buffer.from(JSON.stringify(value)),
})

/**
 * What an officer would establish at the desk for a simulated citizen read from the chip: the
 * identity as the chip gives it, the Decree 69/2024 Art. 7 decision by the contract's own rule,
 * nothing to integrate, and a consent to every purpose of the current Vietnamese notice.
 */
export function simDeskRecords(citizen: SyntheticCitizen, at: Date): PacketPartInput[] {
  const today = hoChiMinhDate(at)
  const dob = parseDateOfBirth(citizen.dateOfBirth)
  if (!dob) throw new RangeError('the synthetic citizen has no readable date of birth')
  const decision = eligibility({ dob, nationality: 'vn', document: 'cccd', today })
  const record: EnrollmentRecord = {
    formatVersion: ENROLLMENT_RECORD_FORMAT_VERSION,
    identity: {
      source: 'chip',
      document: 'cccd',
      fullName: citizen.fullName,
      idNumber: citizen.idNumber,
      dateOfBirth: citizen.dateOfBirth,
      sex: citizen.sex,
      nationality: 'vn',
      mismatches: [],
      cccdApplicationRef: null,
      residenceCard: null,
    },
    eligibility: {
      rule: 'decree-69-2024-art-7',
      on: formatCalendarDate(today),
      age: decision.age ?? 0,
      ageApproximate: decision.ageApproximate,
      level1: decision.level1,
      level2: decision.level2,
      // Simulated citizens have no representative on file; the upstream shows it as absent.
      guardian: null,
    },
    documents: {
      healthInsurance: null,
      drivingLicence: null,
      vehicleRegistrations: [],
      photos: [],
    },
    recreates: null,
  }
  const text = consentText((key) => formatMessage('vi', key))
  const consent: ConsentRecord = {
    agreed: true,
    version: CONSENT_VERSION,
    purposes: [...consentPurposes],
    textSha256: createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex'),
    language: 'vi',
    acceptedAt: at.toISOString(),
  }
  return [
    jsonPart(ENROLLMENT_RECORD_PART, 'enrollment', record),
    jsonPart('consent', 'consent', consent),
  ]
}
