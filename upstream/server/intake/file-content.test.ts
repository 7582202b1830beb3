import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OpenedPacket, PartKind } from '../../../protocol/packet'
import { openedPacketOf as opened, sampleDg1, sampleInput, testTerminal } from '../test-support'
import { contactOf, contentProblems, mrzNameOf } from './file-content'

const sample = () => sampleInput(testTerminal(), '66666666-6666-4666-8666-666666666666').parts

describe('content rules', () => {
  it('accepts the sample file', () => {
    expect(contentProblems(opened(sample()))).toEqual([])
  })

  it('names each missing kind and each record that does not parse', () => {
    const parts = sample()
      .filter((p) => p.kind !== 'finger')
      .map((p) => {
        if (p.kind === 'contact') return { ...p, data: Buffer.from('{"phone":"12345"}') }
        if (p.kind === 'consent') return { ...p, data: Buffer.from('{"agreed":false}') }
        if (p.kind === 'portrait') return { ...p, data: Buffer.from('GIF89a') }
        if (p.kind === 'chip.sod') return { ...p, data: Buffer.from([0x30, 0x00]) }
        return p
      })
    expect(contentProblems(opened(parts))).toEqual([
      'no finger part',
      'chip/EF.SOD: tag 30 is not 77',
      'portrait: content is not image/jpeg',
      'consent: consent is not recorded as agreed',
      'contact: not a contact record with a Vietnamese phone number',
    ])
  })

  it('accepts a portrait assessment part that follows its schema, and names one that does not', () => {
    const assessment = {
      formatVersion: 1,
      capture: 'auto',
      capturedAt: '2026-12-02T10:00:00.000Z',
      components: [
        {
          name: 'InterEyeDistance',
          qaa: 0x52,
          measured: true,
          raw: 109.6,
          scalar: 86,
          passed: true,
          gating: true,
        },
      ],
      acceptable: true,
      faceCount: 1,
      match: { verdict: 'match', score: 0.97, threshold: 0.5 },
      presentation: { real: 0.84, live: 0.82, gate: 'off' },
      software: { analysis: 'human 3.3.6 wasm' },
    }
    const part = (data: unknown, mediaType = 'application/json') => ({
      name: 'portrait/assessment',
      kind: 'portrait' as const,
      mediaType,
      data: Buffer.from(JSON.stringify(data)),
    })
    expect(contentProblems(opened([...sample(), part(assessment)]))).toEqual([])
    expect(contentProblems(opened([...sample(), part({ ...assessment, faceCount: -1 })]))).toEqual([
      'portrait/assessment: not a portrait assessment',
    ])
    expect(contentProblems(opened([...sample(), part(assessment, 'text/plain')]))).toEqual([
      'portrait/assessment: not a portrait assessment',
    ])
  })

  it('wants real chip data groups named chip/DGn, holding that data group', () => {
    const parts = [
      ...sample(),
      { name: 'chip/DG2', kind: 'chip.dg' as const, mediaType: 'x', data: sampleDg1() },
      { name: 'chip/photo', kind: 'chip.dg' as const, mediaType: 'x', data: sampleDg1() },
      {
        name: 'chip/face',
        kind: 'chip.dg' as const,
        mediaType: 'x',
        data: Buffer.from('synthetic'),
        placeholder: true,
      },
    ]
    expect(contentProblems(opened(parts))).toEqual([
      'chip/DG2: tag 61 is not 75',
      'chip/photo: not a data group name (chip/DG1 … chip/DG16)',
    ])
  })

  it('skips structure checks on placeholder parts, but never on contact and consent', () => {
    const parts = sample().map((p) =>
      p.kind === 'portrait' || p.kind === 'chip.dg' || p.kind === 'contact'
        ? { ...p, data: Buffer.from('synthetic'), placeholder: true }
        : p,
    )
    expect(contentProblems(opened(parts))).toEqual([
      'contact: not a contact record with a Vietnamese phone number',
    ])
  })

  it('reads the contact record and the MRZ name (TD1 and TD3)', () => {
    const packet = opened(sample())
    expect(contactOf(packet)).toEqual({ phone: '0912345678' })
    expect(mrzNameOf(packet)).toBe('NGUYEN VAN AN')
    const td3 = Buffer.from(
      'P<VNMTRAN<<THI<BICH<<<<<<<<<<<<<<<<<<<<<<<<<' +
        'C0123456<0VNM9001012F3001012<<<<<<<<<<<<<<06',
      'latin1',
    )
    const dg1 = Buffer.concat([Buffer.from([0x61, td3.length + 3, 0x5f, 0x1f, td3.length]), td3])
    expect(
      mrzNameOf(opened([{ name: 'chip/DG1', kind: 'chip.dg', mediaType: 'x', data: dg1 }])),
    ).toBe('TRAN THI BICH')
    expect(
      mrzNameOf(
        opened([
          {
            name: 'chip/DG1',
            kind: 'chip.dg',
            mediaType: 'x',
            data: sampleDg1(),
            placeholder: true,
          },
        ]),
      ),
    ).toBeUndefined()
  })

  it('takes a file without chip parts only with its enrollment record and the matching approval', () => {
    const record = (source: string) => ({
      formatVersion: 1,
      identity: {
        source,
        document: source === 'papers' ? 'cccd' : 'permanent-residence',
        fullName: 'Lê Văn Cường',
        idNumber: '001090054321',
        dateOfBirth: '1990-08-19',
        sex: 'M',
        nationality: source === 'papers' ? 'vn' : 'foreign',
        mismatches: [],
        cccdApplicationRef: source === 'papers' ? 'HS-2026-1' : null,
        residenceCard: null,
      },
      eligibility: {
        rule: 'decree-69-2024-art-7',
        on: '2026-12-03',
        age: 36,
        ageApproximate: false,
        level1: 'granted',
        level2: 'granted',
        guardian: null,
      },
      documents: {
        healthInsurance: null,
        drivingLicence: null,
        vehicleRegistrations: [],
        photos: [],
      },
      recreates: null,
    })
    const withoutChip = (source: string, approved: string | null) => {
      const parts = [
        ...sample().filter((p) => !p.kind.startsWith('chip.')),
        {
          name: 'enrollment',
          kind: 'enrollment' as const,
          mediaType: 'application/json',
          data: Buffer.from(JSON.stringify(record(source))),
        },
      ]
      const file = opened(parts)
      const approvals = approved
        ? [{ approvalId: 'a1', supervisorId: 's1', exception: approved, reason: 'xx', at: '' }]
        : []
      return contentProblems({ ...file, manifest: { approvals } } as unknown as OpenedPacket)
    }
    expect(withoutChip('papers', 'no-chip-card')).toEqual([])
    expect(withoutChip('manual', 'identity-without-chip-read')).toEqual([])
    expect(withoutChip('papers', null)).toEqual(['no chip.sod part', 'no chip.dg part'])
    expect(withoutChip('manual', 'no-chip-card')).toEqual(['no chip.sod part', 'no chip.dg part'])
    expect(withoutChip('chip', 'no-chip-card')).toEqual(['no chip.sod part', 'no chip.dg part'])
  })

  it('never throws on arbitrary part bytes', () => {
    const kinds: PartKind[] = ['chip.sod', 'chip.dg', 'portrait', 'finger', 'consent', 'contact']
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom(...kinds),
            mediaType: fc.constantFrom('image/jpeg', 'application/x-iso19794-4', 'x/y'),
            data: fc.uint8Array({ maxLength: 200 }),
            placeholder: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
        (parts) => {
          const packet = opened(
            parts.map((p, i) => ({ ...p, name: p.kind === 'chip.dg' ? `chip/DG1` : `p${i}` })),
          )
          expect(Array.isArray(contentProblems(packet))).toBe(true)
          const name = mrzNameOf(packet)
          expect(name === undefined || typeof name === 'string').toBe(true)
          contactOf(packet)
        },
      ),
    )
  })

  // Found by npm run fuzz (enrollment-file-inner): the media type was looked up in a plain object,
  // so "constructor" found Object's constructor and the check threw a TypeError.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'refuses a portrait whose media type is "%s", without throwing',
    (mediaType) => {
      const parts = sample().map((p) => (p.kind === 'portrait' ? { ...p, mediaType } : p))
      expect(contentProblems(opened(parts))).toEqual([
        `portrait: unsupported media type ${mediaType}`,
      ])
    },
  )
})
