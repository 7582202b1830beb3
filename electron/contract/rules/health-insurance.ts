import { accept, refuse, type RuleResult } from './reason'

export const healthInsuranceReasonCodes = [
  'empty',
  'bad-characters',
  'wrong-length',
  'bad-group',
  'bad-benefit-level',
  'bad-province',
] as const
export type HealthInsuranceReasonCode = (typeof healthInsuranceReasonCodes)[number]

/**
 * Beneficiary-group codes of the 15-character card, unofficial (yunkhngn/medconnect
 * bhytHelper.js, vn-rules §4.2); an unknown group is a warning, not a refusal, until the list is
 * checked against Decision 1351/QĐ-BHXH.
 */
export const HEALTH_INSURANCE_GROUPS: ReadonlySet<string> = new Set(
  (
    'DN HX CH NN TK HC XK HT TB NO CT XB TN CS QN CA CY XN MS CC CK CB KC HD TE BT HN DT DK XD ' +
    'TS TC TQ TV TA TY HG LS PV CN HS SV GB GD'
  ).split(' '),
)

export interface HealthInsurance {
  /** The 10-digit social-insurance (BHXH) number, the key stored either way. */
  readonly socialInsuranceNumber: string
  /** The 15-character card code when one was given (upper case, no spaces), else null. */
  readonly cardCode: string | null
  /** Beneficiary group (`DN`), benefit level 1–5 and issuing province `01`–`99` of a card code. */
  readonly group: string | null
  readonly benefitLevel: number | null
  readonly province: string | null
  /** False when the card's group is not in `HEALTH_INSURANCE_GROUPS` (check the card). */
  readonly groupKnown: boolean
}

/** The form that re-parses to the same value: the card code, or the bare 10 digits. */
export function healthInsuranceDisplay(value: HealthInsurance): string {
  return value.cardCode ?? value.socialInsuranceNumber
}

/**
 * A health-insurance (BHYT) identifier: either the 10-digit social-insurance number that Decision
 * 2153/QĐ-BYT made the health identifier, or the older 15-character card code of Decision
 * 1351/QĐ-BHXH (2015) Art. 2, `XX Y ZZ NNNNNNNNNN`: two letters of beneficiary group, benefit
 * level 1–5, province code 01–99, then the 10-digit social-insurance number (vn-rules §4). Spaces,
 * dots and dashes are dropped and letters upper-cased first. Whether a newer key replaced both
 * is unconfirmed [?]: both are accepted and the 10 digits kept.
 */
export function parseHealthInsurance(
  text: string,
): RuleResult<HealthInsurance, HealthInsuranceReasonCode> {
  const compact = text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.-]/g, '')
  if (compact === '') return refuse('empty')
  if (!/^[A-Z0-9]+$/.test(compact)) return refuse('bad-characters')
  if (/^\d{10}$/.test(compact)) {
    return accept({
      socialInsuranceNumber: compact,
      cardCode: null,
      group: null,
      benefitLevel: null,
      province: null,
      groupKnown: true,
    })
  }
  if (compact.length !== 15) return refuse('wrong-length', { length: compact.length })
  const group = compact.slice(0, 2)
  if (!/^[A-Z]{2}$/.test(group)) return refuse('bad-group')
  const level = compact.charAt(2)
  if (!/^[1-5]$/.test(level)) return refuse('bad-benefit-level', { level })
  const province = compact.slice(3, 5)
  if (!/^\d{2}$/.test(province) || province === '00') return refuse('bad-province', { province })
  const socialInsuranceNumber = compact.slice(5)
  if (!/^\d{10}$/.test(socialInsuranceNumber)) return refuse('bad-characters')
  return accept({
    socialInsuranceNumber,
    cardCode: compact,
    group,
    benefitLevel: Number(level),
    province,
    groupKnown: HEALTH_INSURANCE_GROUPS.has(group),
  })
}
