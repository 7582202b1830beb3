import type { ConsentRecord, EnrollmentRecord } from '../../../../protocol/packet'
import type { ReviewDetail } from './api'
import { byId, element } from './dom'
import type { textOf } from './state'
import type { ReviewKey } from './texts'

type Text = ReturnType<typeof textOf>
type Identity = EnrollmentRecord['identity']
type Eligibility = EnrollmentRecord['eligibility']

// Literal keys, one per value, so the compiler and the texts test see each one.
export const SOURCE_TEXTS = {
  chip: 'desk.sources.chip',
  qr: 'desk.sources.qr',
  manual: 'desk.sources.manual',
  papers: 'desk.sources.papers',
} as const satisfies Record<Identity['source'], ReviewKey>
export const DOCUMENT_TEXTS = {
  cccd: 'desk.documents.cccd',
  'id-card': 'desk.documents.id-card',
  'temporary-residence': 'desk.documents.temporary-residence',
  'permanent-residence': 'desk.documents.permanent-residence',
  none: 'desk.documents.none',
} as const satisfies Record<Identity['document'], ReviewKey>
export const SEX_TEXTS = {
  M: 'desk.sexes.M',
  F: 'desk.sexes.F',
  unknown: 'desk.sexes.unknown',
} as const satisfies Record<NonNullable<Identity['sex']> | 'unknown', ReviewKey>
export const NATIONALITY_TEXTS = {
  vn: 'desk.nationalities.vn',
  foreign: 'desk.nationalities.foreign',
} as const satisfies Record<Identity['nationality'], ReviewKey>
export const MISMATCH_TEXTS = {
  fullName: 'desk.mismatchFields.fullName',
  idNumber: 'desk.mismatchFields.idNumber',
  dateOfBirth: 'desk.mismatchFields.dateOfBirth',
  sex: 'desk.mismatchFields.sex',
} as const satisfies Record<Identity['mismatches'][number], ReviewKey>
export const RESIDENCE_TEXTS = {
  temporary: 'desk.residenceKinds.temporary',
  permanent: 'desk.residenceKinds.permanent',
} as const satisfies Record<NonNullable<Identity['residenceCard']>['kind'], ReviewKey>
export const GRANT_TEXTS = {
  granted: 'desk.grants.granted',
  'on-request': 'desk.grants.on-request',
  refused: 'desk.grants.refused',
} as const satisfies Record<Eligibility['level1'], ReviewKey>
export const RELATIONSHIP_TEXTS = {
  father: 'desk.relationships.father',
  mother: 'desk.relationships.mother',
  guardian: 'desk.relationships.guardian',
  other: 'desk.relationships.other',
} as const satisfies Record<NonNullable<Eligibility['guardian']>['relationship'], ReviewKey>
export const LANGUAGE_TEXTS = {
  vi: 'desk.languages.vi',
  en: 'desk.languages.en',
} as const satisfies Record<ConsentRecord['language'], ReviewKey>

/** A titled list of facts; a null value is shown as a dash. */
function factList(t: Text, title: ReviewKey, id: string, facts: [ReviewKey, string | null][]) {
  const box = element('div')
  box.id = id
  const list = element('dl')
  for (const [label, value] of facts)
    list.append(element('dt', t(label)), element('dd', value ?? '—'))
  box.append(element('h4', t(title)), list)
  return box
}

function identityFacts(t: Text, identity: Identity): HTMLElement {
  const { residenceCard: card, mismatches } = identity
  const box = factList(t, 'desk.identityTitle', 'desk-identity', [
    ['desk.source', t(SOURCE_TEXTS[identity.source])],
    ['desk.document', t(DOCUMENT_TEXTS[identity.document])],
    ['desk.fullName', identity.fullName],
    ['desk.idNumber', identity.idNumber],
    ['desk.dateOfBirth', identity.dateOfBirth],
    ['desk.sex', t(SEX_TEXTS[identity.sex ?? 'unknown'])],
    ['desk.nationality', t(NATIONALITY_TEXTS[identity.nationality])],
    ['desk.applicationRef', identity.cccdApplicationRef],
    ['desk.residenceCard', card ? `${t(RESIDENCE_TEXTS[card.kind])} · ${card.number}` : null],
  ])
  // A difference from the chip is what the reviewer must look at first: it stands out.
  const differs = mismatches.map((field) => t(MISMATCH_TEXTS[field])).join(', ')
  const value = element('dd')
  value.append(mismatches.length ? element('span', differs, 'badge warning') : '—')
  box.querySelector('dl')?.append(element('dt', t('desk.mismatches')), value)
  return box
}

function eligibilityFacts(t: Text, eligibility: Eligibility): HTMLElement {
  const { guardian, age } = eligibility
  const relationship = guardian ? t(RELATIONSHIP_TEXTS[guardian.relationship]) : ''
  return factList(t, 'desk.eligibilityTitle', 'desk-eligibility', [
    ['desk.rule', t('desk.ruleText')],
    ['desk.on', eligibility.on],
    ['desk.age', t(eligibility.ageApproximate ? 'desk.ageApproximate' : 'desk.ageValue', { age })],
    ['desk.level1', t(GRANT_TEXTS[eligibility.level1])],
    ['desk.level2', t(GRANT_TEXTS[eligibility.level2])],
    [
      'desk.guardian',
      guardian ? `${guardian.fullName} · ${guardian.idNumber} · ${relationship}` : null,
    ],
  ])
}

function integrationFacts(t: Text, record: EnrollmentRecord): HTMLElement {
  const { healthInsurance, drivingLicence: licence, vehicleRegistrations } = record.documents
  const vehicles = vehicleRegistrations.map((v) =>
    v.registrationNumber ? `${v.plate} · ${v.registrationNumber}` : v.plate,
  )
  return factList(t, 'desk.integrationTitle', 'desk-integration', [
    ['desk.healthInsurance', healthInsurance],
    [
      'desk.drivingLicence',
      licence ? t('desk.licenceValue', { ...licence, expiry: licence.expiry ?? '—' }) : null,
    ],
    ['desk.vehicles', vehicles.length ? vehicles.join('\n') : null],
    ['desk.photos', record.documents.photos.length ? record.documents.photos.join('\n') : null],
    ['desk.recreates', record.recreates],
  ])
}

function consentFacts(t: Text, consent: ConsentRecord | null): HTMLElement {
  if (!consent) {
    const box = element('div')
    box.id = 'desk-consent'
    box.append(element('h4', t('desk.consentTitle')), element('p', t('desk.consentNone'), 'note'))
    return box
  }
  return factList(t, 'desk.consentTitle', 'desk-consent', [
    ['desk.consentVersion', consent.version],
    ['desk.consentPurposes', consent.purposes.join(', ')],
    ['desk.consentHash', consent.textSha256],
    ['desk.consentLanguage', t(LANGUAGE_TEXTS[consent.language])],
    ['desk.consentAt', consent.acceptedAt],
  ])
}

/** The kiosk's enrollment and consent records: what the officer established at the desk. */
export function renderDesk(t: Text, detail: ReviewDetail): void {
  const desk = byId('desk', HTMLElement)
  const { enrollment } = detail
  desk.replaceChildren(element('h3', t('desk.title')))
  if (enrollment)
    desk.append(
      identityFacts(t, enrollment.identity),
      eligibilityFacts(t, enrollment.eligibility),
      integrationFacts(t, enrollment),
    )
  else desk.append(element('p', t('desk.none'), 'note'))
  desk.append(consentFacts(t, detail.consent))
  desk.hidden = false
}
