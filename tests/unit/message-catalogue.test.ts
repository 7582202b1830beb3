import type { MatchVerdict } from '../../drivers/camera'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  approvalExceptionCodes,
  CardReadStepSchema,
  consentPurposes,
  consentSections,
  DocumentPhotoViewSchema,
  enrollmentSteps,
  GrantSchema,
  identityDocuments,
  IdentitySourceSchema,
  NationalitySchema,
  deviceHealthReasons,
  deviceKinds,
  deviceModes,
  DeviceInfoSchema,
  errorCodes,
  fingerNames,
  fingerprintPhases,
  fingerStatuses,
  FingerQualitySourceSchema,
  freezeCodes,
  healthStatuses,
  languages,
  missingFingerReasons,
  officerRoles,
  officerStates,
  passwordRefusals,
  portraitComponentNames,
  portraitMatchVerdicts,
  readinessCodes,
} from '../../electron/contract'
import { EXIT } from '../../electron/cli/exit-codes'
import { SELF_TEST_DEVICES } from '../../electron/cli/commands/doctor-self-test'
import { qrCameraProblems } from '../../renderer/src/components/qr/browser-qr'
import { qrSources } from '../../renderer/src/components/qr/use-qr-payloads'
import { stationTabs } from '../../renderer/src/screens/home/StationTabs'
import { cameraProblems } from '../../renderer/src/screens/portrait/camera'
import { queueRowStatuses } from '../../renderer/src/screens/queue/row-status'
import { loadSteps } from '../../renderer/src/screens/portrait/worker-protocol'
import { identifyModes } from '../../renderer/src/steps/identify/modes'
import { EF01_SKIP_REASONS } from '../../drivers/fingerprint'
import { keyFailures, keyRefusals, protectorKinds } from '../../electron/core/keys'
import { formatMessage, messageKeys } from '../../lib/messages'
import { errorCodes as upstreamErrorCodes } from '../../protocol'
import { auditFaultKinds } from '../../electron/core/audit'
import { portraitAssessmentMatchVerdicts } from '../../protocol/packet'
import en from '../../resources/locales/en.json'
import vi from '../../resources/locales/vi.json'
import { SMSC_ERROR_CODES } from '../../upstream/sms/sms-errors'
import {
  missingKeys,
  placeholdersOf,
  scanProject,
  scanSource,
  shapeMatches,
} from '../support/catalogue-scan'

const repoRoot = join(import.meta.dirname, '..', '..')
const scanned = scanProject(repoRoot)
const viKeys = new Set(messageKeys('vi'))

/** Template keys whose values an enum of the contract or the protocol lists: each is checked. */
const EXPANDED: Record<string, readonly string[]> = {
  'devices.kind.*': deviceKinds,
  'devices.mode.*': deviceModes,
  'devices.source.*': DeviceInfoSchema.shape.source.options,
  'devices.status.*': healthStatuses,
  'devices.reason.*': deviceHealthReasons,
  'errors.*': errorCodes,
  'home.readiness.*': readinessCodes,
  'home.tabs.*': stationTabs,
  'queue.status.*': queueRowStatuses,
  'language.*': languages,
  'messages.freeze.*': freezeCodes,
  'messages.officers.password.*': passwordRefusals,
  'officers.roles.*': officerRoles,
  'approval.exceptions.*': approvalExceptionCodes,
  'officers.states.*': officerStates,
  'messages.upstream.*': upstreamErrorCodes,
  'messages.pa.*': ['signedAttributes', 'signature', 'certificateChain'],
  'cli.exit.*': Object.keys(EXIT),
  'cli.ef01Skip.*': EF01_SKIP_REASONS,
  'doctor.selfTest.devices.*': SELF_TEST_DEVICES,
  'doctor.selfTest.todo.*': SELF_TEST_DEVICES,
  'cli.portrait.match.*': ['match', 'mismatch', 'no-face-a', 'no-face-b'] satisfies MatchVerdict[],
  'portrait.components.*.label': portraitComponentNames,
  'portrait.components.*.hint': portraitComponentNames,
  'portrait.problems.*.title': cameraProblems,
  'portrait.problems.*.hint': cameraProblems,
  'portrait.verdicts.*': portraitMatchVerdicts,
  'audit.fault.*': auditFaultKinds,
  'portrait.loadSteps.*': loadSteps,
  'portrait.status.*': ['analysing', 'blocked', 'steady', 'countdown'],
  'portrait.checklist.*': ['passed', 'failed', 'notMeasured'],
  'review.portrait.verdicts.*': portraitAssessmentMatchVerdicts,
  'review.portrait.captures.*': ['auto', 'manual'],
  'messages.sms.*': SMSC_ERROR_CODES,
  'review.portrait.gates.*': ['off', 'passed', 'failed'],
  // The enrollment steps on screen (renderer/src/steps).
  'enrollment.steps.*': enrollmentSteps,
  'enrollment.identify.modes.*': identifyModes,
  'enrollment.identify.readSteps.*': CardReadStepSchema.options[0].options,
  'enrollment.identify.sexes.*': ['M', 'F', 'unknown'],
  'enrollment.identify.nationalities.*': NationalitySchema.options,
  'enrollment.identify.documents.*': identityDocuments,
  'enrollment.identify.residenceKinds.*': ['temporary', 'permanent'],
  'enrollment.identify.sources.*': IdentitySourceSchema.options,
  'enrollment.identify.verdictLabels.*': ['passiveAuth', 'chipAuth', 'activeAuth'],
  'enrollment.identify.verdicts.*': [
    'passiveAuth.valid',
    'passiveAuth.invalid',
    'passiveAuth.untrusted',
    'cloneCheck.passed',
    'cloneCheck.failed',
    'cloneCheck.not-supported',
  ],
  'enrollment.identify.fields.*': [
    'fullName',
    'idNumber',
    'dateOfBirth',
    'sex',
    'nationality',
    'placeOfResidence',
    'document',
  ],
  'enrollment.eligibility.grants.*': GrantSchema.options,
  'enrollment.eligibility.relationships.*': ['father', 'mother', 'guardian', 'other'],
  'enrollment.documents.photoKinds.*': DocumentPhotoViewSchema.shape.of.options,
  'enrollment.review.portraitCapture.*': ['auto', 'manual'],
  'consent.*.heading': consentSections,
  'consent.*.body': consentSections,
  'consent.purposeChoices.*': consentPurposes,
  'fingerprints.*': ['capture', 'retry'],
  'fingerprints.fingers.*': fingerNames,
  'fingerprints.status.*': [...fingerStatuses, 'duplicate'],
  'fingerprints.next.*': fingerStatuses,
  'fingerprints.phase.*': fingerprintPhases,
  'fingerprints.quality.sources.*': FingerQualitySourceSchema.options,
  'fingerprints.reasons.*': missingFingerReasons,
  'fingerprints.missing.*': ['pending', 'approved'],
  'barcode.camera.*': qrCameraProblems,
  'barcode.source.*': qrSources,
  // Station keys (electron/core/keys): why a protector was refused, what failed, which is in use.
  'messages.keys.*': [...keyRefusals, ...keyFailures],
  'keyProtection.kind.*': [...protectorKinds, 'injected'],
}

/**
 * Template keys built from a driver's own enums: the package's messages test constructs one error
 * of every value and checks its key (drivers keep their enums behind their public index).
 */
const CHECKED_BY_PACKAGE_TESTS: Record<string, string> = {
  'messages.card.*': 'drivers/smartcard/messages.test.ts',
  'messages.sw.*': 'drivers/smartcard/messages.test.ts',
  'messages.pcsc.*': 'drivers/smartcard/messages.test.ts',
  'messages.idNumber.*': 'drivers/smartcard/messages.test.ts',
  'messages.scenario.*': 'drivers/smartcard/messages.test.ts',
  'messages.fingerprint.transport.*': 'drivers/fingerprint/messages.test.ts',
  'messages.fingerprint.capture.*': 'drivers/fingerprint/messages.test.ts',
  'messages.fingerprint.sbi.*': 'drivers/fingerprint/messages.test.ts',
  'messages.fingerprint.sbiSecurity.*': 'drivers/fingerprint/messages.test.ts',
  'messages.fingerprint.policy.*': 'drivers/fingerprint/messages.test.ts',
  'messages.fingerprint.ef01.*': 'drivers/fingerprint/messages.test.ts',
  // The review page: its texts test checks every markup key, verdict, state, source and tab.
  'review.*': 'upstream/server/review/page/texts.test.ts',
  'review.sources.*': 'upstream/server/review/page/texts.test.ts',
  'review.verdicts.*': 'upstream/server/review/page/texts.test.ts',
  'review.smsStatus.*': 'upstream/server/review/page/texts.test.ts',
}

function textAt(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree)
}

describe('the message catalogue', () => {
  it('has exactly the same keys in Vietnamese and English', () => {
    expect(messageKeys('en').sort()).toEqual(messageKeys('vi').sort())
  })

  it('has the same placeholders in both languages for every key', () => {
    const differing = messageKeys('vi').filter(
      (key) =>
        placeholdersOf(String(textAt(vi, key))).join() !==
        placeholdersOf(String(textAt(en, key))).join(),
    )
    expect(differing).toEqual([])
  })

  it('has no empty texts and no key i18next would split on', () => {
    for (const locale of [vi, en]) {
      for (const key of messageKeys(locale === vi ? 'vi' : 'en')) {
        const text = textAt(locale, key)
        expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true)
        expect(key, 'a ":" is i18next’s namespace separator').not.toContain(':')
      }
    }
  })

  it('has every key the code names literally', () => {
    const missing = missingKeys(scanned.literals, viKeys)
    const where = scanned.literals
      .filter((u) => missing.includes(u.key))
      .map((u) => `${u.key} (${u.file})`)
    expect(where).toEqual([])
  })

  it('has the key for every value of every template key the code builds', () => {
    for (const { key: shape, file } of scanned.templates) {
      const values = EXPANDED[shape]
      if (values) {
        for (const value of values)
          expect(viKeys, `${file}: ${shape}`).toContain(shape.replace('*', value))
        continue
      }
      expect(
        CHECKED_BY_PACKAGE_TESTS,
        `${file} builds ${shape}: list its values here`,
      ).toHaveProperty([shape])
      expect(
        [...viKeys].some((key) => shapeMatches(shape, key)),
        shape,
      ).toBe(true)
    }
  })

  it('scans every way the code names keys, so a missing one fails the test above', () => {
    const literals = new Set(scanned.literals.map((u) => u.key))
    // With options, in a component: the regex of the old renderer test missed this one.
    expect(literals).toContain('app.trainingUpstreamAt')
    expect(literals).toContain('devices.title')
    // Keys passed to error constructors and to lib/messages.
    expect(literals).toContain('messages.icao.accessDenied')
    expect(literals).toContain('messages.sync.otherUpstream')
    expect(literals).toContain('messages.fingerprint.noQualityScore')
    const templates = new Set(scanned.templates.map((u) => u.key))
    expect(templates).toContain('devices.kind.*')
    expect(templates).toContain('devices.reason.*')
    expect(templates).toContain('messages.fingerprint.sbi.*')
    expect(templates).toContain('messages.freeze.*')
  })

  it('reports a key the catalogue lacks, however the code names it', () => {
    const source = [
      "t('app.nope', { url })",
      't("app.alsoNope")',
      '<Trans i18nKey="app.transNope" />',
      "formatMessage('vi', 'messages.none.here', params)",
      "bilingualMessage('messages.none.either')",
      "new CatalogueError(messageRef('messages.none.coded', { a: 1 }))",
      "const key = 'messages.none.constant'",
      "t('app.title')",
    ].join('\n')
    const found = scanSource(source)
    expect(missingKeys(found.literals, viKeys)).toEqual([
      'app.alsoNope',
      'app.nope',
      'app.transNope',
      'messages.none.coded',
      'messages.none.constant',
      'messages.none.either',
      'messages.none.here',
    ])
    expect(scanSource('t(`devices.kind.${kind}`)').templates.map((u) => u.key)).toEqual([
      'devices.kind.*',
    ])
    expect(scanSource("// t('in.a.comment')\n/* messageRef('messages.x.y') */").literals).toEqual(
      [],
    )
  })

  it('formats the texts the renderer and the CLI share the same way', () => {
    expect(formatMessage('en', 'app.trainingUpstreamAt', { url: 'http://127.0.0.1:9' })).toBe(
      'on this computer, http://127.0.0.1:9: files reach no real intake server',
    )
  })
})
