import { afterEach, describe, expect, it } from 'vitest'
import type { EnrollmentView, Reply } from '../../contract'
import { createCore } from '../core'
import { requirePcscd, signedInCaller, tempKioskConfig, TEST_PASSWORD_COST } from '../test-support'

// The independent ePassport emulator (vsmartcard's vicc, started by the pcsc project's global
// setup) holds the ICAO 9303 specimen passport: a foreigner's TD3 chip read with BAC.
const VICC_READER = 'Virtual PCD 00 00'
const SPECIMEN_MRZ = {
  kind: 'MRZ',
  documentNumber: 'L898902C',
  dateOfBirth: '690806',
  dateOfExpiry: '940623',
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function value<T>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`)
  return reply.value as T
}

describe('a foreigner through a real reader', () => {
  it('takes the passport chip (TD3, BAC), asks for the residence card, then applies Art. 7', async () => {
    requirePcscd()
    const temp = tempKioskConfig({ devices: 'real' })
    cleanups.push(temp.cleanup)
    const core = await createCore(temp.config, {
      shell: 'cli',
      now: () => new Date('2026-12-03T03:00:00Z'),
      passwordCost: TEST_PASSWORD_COST,
    })
    cleanups.push(() => core.close())
    const officer = await signedInCaller(core, 'officer')
    value(await core.dispatch('enrollment.start', {}, officer))
    value(await core.dispatch('card.read', { reader: VICC_READER, access: SPECIMEN_MRZ }, officer))
    const read = value<EnrollmentView>(
      await core.dispatch('enrollment.intent', { type: 'identify.chip' }, officer),
    )
    expect(read.identity).toMatchObject({
      source: 'chip',
      document: 'none',
      person: {
        fullName: 'ERIKSSON ANNA MARIA',
        idNumber: 'L898902C',
        dateOfBirth: '1969-08-06',
        nationality: 'foreign',
      },
    })
    expect(read.identity?.chip?.access).toBe('BAC')
    // The emulator's passport has no EF.SOD: it cannot be verified, and a supervisor must know.
    expect(read.exceptions.map((e) => e.exception)).toContain('chip-not-valid')

    const early = await core.dispatch('enrollment.intent', { type: 'identify.confirm' }, officer)
    expect(!early.ok && early.error.messageKey).toBe('enrollment.identify.residenceNeeded')
    value(
      await core.dispatch(
        'enrollment.intent',
        {
          type: 'identify.residenceCard',
          residenceCard: { kind: 'permanent', number: 'TT1234567' },
        },
        officer,
      ),
    )
    const eligibility = value<EnrollmentView>(
      await core.dispatch('enrollment.intent', { type: 'identify.confirm' }, officer),
    )
    expect(eligibility.identity?.document).toBe('permanent-residence')
    expect(eligibility.eligibility).toMatchObject({ level2: 'on-request', age: 57 })
    expect(eligibility.eligibility?.reason.key).toBe('rules.eligibility.foreigner-6-plus')
  })
})
