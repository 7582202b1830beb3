/**
 * The notice and consent the citizen reads before any capture, under Decree 13/2023/ND-CP on
 * personal data protection: Art. 13 (notice once, before processing: purpose, data types, how, who,
 * unwanted consequences, start and end) and Art. 11 (consent: voluntary, informed, explicit, per
 * purpose, printable; sensitive data named as such, cl. 8). Biometrics are sensitive data (Art.
 * 2(4)(đ)); children's data needs a parent's consent and the child's from 7 (Art. 20). Law 91/2025
 * on Personal Data Protection applies from 2026-01-01 and the texts are written to the stricter
 * of the two (vn-rules §7). Their sentences live under `consent.*` in the locale files.
 */

/**
 * The version recorded in the file with the text's hash. Change it with any change of the texts
 * under `consent.*`, so a file always names the notice its citizen read.
 */
export const CONSENT_VERSION = '2026-12-1'

/** The sections of the notice, in the order they are shown and hashed. */
export const consentSections = [
  'controller',
  'purposes',
  'dataCategories',
  'sensitiveData',
  'processing',
  'recipients',
  'retention',
  'rights',
  'withdrawal',
  'consequences',
  'children',
  'agreement',
] as const
export type ConsentSection = (typeof consentSections)[number]

/**
 * The purposes the citizen accepts one by one (Art. 11(3): consent is given per purpose): one
 * unticked box each, labelled `consent.purposeChoices.<purpose>`; the file records each answer.
 */
export const consentPurposes = ['level2Account', 'documentIntegration', 'activationSms'] as const
export type ConsentPurpose = (typeof consentPurposes)[number]

function purposeKey(purpose: ConsentPurpose): string {
  return ['consent', 'purposeChoices', purpose].join('.')
}

/**
 * Every key of the notice, in order: the title, each section's heading and body, then the label of
 * each purpose's box.
 */
export function consentKeys(): string[] {
  return [
    'consent.title',
    ...consentSections.flatMap((section) => [
      ['consent', section, 'heading'].join('.'),
      ['consent', section, 'body'].join('.'),
    ]),
    ...consentPurposes.map(purposeKey),
  ]
}

/**
 * The exact text the citizen is shown, in one language: the title, then each section's heading and
 * body in `consentSections` order, then one line per purpose box, separated by blank lines, NFC.
 * The core hashes this same string, so the hash in the file proves which text was read;
 * `translate` is the language's lookup (i18next's `t`, or lib/messages' `formatMessage` bound to
 * a language).
 */
export function consentText(translate: (key: string) => string): string {
  const section = (name: ConsentSection) =>
    `${translate(['consent', name, 'heading'].join('.'))}\n${translate(['consent', name, 'body'].join('.'))}`
  const parts = [
    translate('consent.title'),
    ...consentSections.map(section),
    consentPurposes.map((purpose) => `☐ ${translate(purposeKey(purpose))}`).join('\n'),
  ]
  return parts
    .map((part) => part.trim())
    .join('\n\n')
    .normalize('NFC')
}
