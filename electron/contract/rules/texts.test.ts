import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONSENT_VERSION, consentKeys, consentSections, consentText } from './consent'
import { licenceReasonCodes } from './driving-licence'
import { eligibilityReasonCodes, accountDecisions } from './eligibility'
import { emailReasonCodes } from './email'
import { healthInsuranceReasonCodes } from './health-insurance'
import { phoneReasonCodes } from './phone'
import { ruleMessageKey, type RuleArea } from './reason'
import { plateReasonCodes, registrationReasonCodes } from './vehicle-plate'

// The contract may not import the locale files (it ships to the renderer without them), so the
// test reads them as the renderer's i18n does: as data.
type Tree = { readonly [key: string]: string | Tree }
const LOCALES_DIR = join(import.meta.dirname, '..', '..', '..', 'resources', 'locales')
const locales = {
  vi: JSON.parse(readFileSync(join(LOCALES_DIR, 'vi.json'), 'utf8')) as Tree,
  en: JSON.parse(readFileSync(join(LOCALES_DIR, 'en.json'), 'utf8')) as Tree,
}

function textAt(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

const REASONS: Record<RuleArea, readonly string[]> = {
  eligibility: eligibilityReasonCodes,
  phone: phoneReasonCodes,
  email: emailReasonCodes,
  healthInsurance: healthInsuranceReasonCodes,
  licence: licenceReasonCodes,
  plate: plateReasonCodes,
  registration: registrationReasonCodes,
}

const KEYS = [
  ...Object.entries(REASONS).flatMap(([area, codes]) =>
    codes.map((code) => ruleMessageKey(area as RuleArea, code)),
  ),
  ...accountDecisions.map((decision) => `rules.decisions.${decision}`),
  'rules.eligibility.approximateAge',
  'rules.healthInsurance.unknownGroup',
  'rules.licence.oldClass',
  ...consentKeys(),
]

describe('the texts of the rules', () => {
  it.each(KEYS)('%s has a Vietnamese and an English text, NFC', (key) => {
    for (const tree of [locales.vi, locales.en]) {
      const text = textAt(tree, key)
      expect(text, key).toBeTypeOf('string')
      expect(text).toBe(text?.normalize('NFC'))
    }
  })

  it('writes Vietnamese with its diacritics', () => {
    expect(textAt(locales.vi, 'rules.eligibility.citizen-under-6')).toContain('Trẻ dưới 6 tuổi')
    expect(textAt(locales.vi, 'consent.sensitiveData.body')).toContain('sinh trắc học')
  })

  it('names the age in every eligibility sentence about a person’s age', () => {
    for (const code of eligibilityReasonCodes.filter((c) => /\d/.test(c))) {
      expect(textAt(locales.vi, ruleMessageKey('eligibility', code))).toContain('{{age}}')
    }
  })
})

describe('the consent notice (Decree 13/2023/ND-CP Art. 11 and 13)', () => {
  const translate = (tree: Tree) => (key: string) => textAt(tree, key) ?? `[missing ${key}]`

  it('assembles every section, in order, in both languages', () => {
    for (const tree of [locales.vi, locales.en]) {
      const text = consentText(translate(tree))
      expect(text).not.toContain('[missing')
      expect(text).toBe(text.normalize('NFC'))
      const positions = consentSections.map((section) =>
        text.indexOf(translate(tree)(`consent.${section}.heading`)),
      )
      expect(positions.every((p) => p > 0)).toBe(true)
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    }
  })

  it('is the same text for the same texts, and another when one section changes', () => {
    const vi = translate(locales.vi)
    const text = consentText(vi)
    expect(consentText(vi)).toBe(text)
    for (const key of consentKeys()) {
      const changed = consentText((k) => (k === key ? `${vi(k)} (sửa)` : vi(k)))
      expect(changed, key).not.toBe(text)
    }
  })

  it('NFC-normalises what it assembles, so the hash does not depend on the input form', () => {
    const vi = translate(locales.vi)
    expect(consentText((key) => vi(key).normalize('NFD'))).toBe(consentText(vi))
  })

  it('flags biometrics as sensitive and tells the rights, withdrawal and retention', () => {
    const text = consentText(translate(locales.en))
    expect(text).toMatch(/biometric data, which is sensitive personal data/)
    expect(text).toMatch(/withdraw your consent at any time/)
    expect(text).toMatch(/usage history for 5 years/)
    expect(CONSENT_VERSION).toMatch(/^\d{4}-\d{2}-\d+$/)
  })
})
