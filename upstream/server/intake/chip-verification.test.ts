import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OpenedPacket } from '../../../protocol/packet'
import { createTrustStore, withAnchors } from '../../../drivers/smartcard/pki/trust-store'
import { sampleChipPki, sampleDg1, sampleSod } from '../test-support'
import { dataGroupNumberOf, verifyChipData } from './chip-verification'

const SUBMITTED_AT = '2026-11-26T07:59:00.000Z'

function packet(
  parts: { name: string; kind: 'chip.sod' | 'chip.dg'; data: Uint8Array; placeholder?: boolean }[],
): OpenedPacket {
  // Only the chip parts and the submission time matter to passive authentication.
  return {
    manifest: { times: { startedAt: SUBMITTED_AT, submittedAt: SUBMITTED_AT } },
    parts: parts.map((p) => ({
      entry: {
        name: p.name,
        kind: p.kind,
        mediaType: 'application/octet-stream',
        size: p.data.byteLength,
        sha256: '0'.repeat(64),
        placeholder: p.placeholder ?? false,
      },
      data: Buffer.from(p.data),
    })),
  } as unknown as OpenedPacket
}

const trusted = () =>
  withAnchors(createTrustStore([]), [sampleChipPki().csca.certificateDer], 'test CSCA')
const chip = (sod: Uint8Array = sampleSod(), dg1: Uint8Array = sampleDg1()) =>
  packet([
    { name: 'chip/EF.SOD', kind: 'chip.sod', data: sod },
    { name: 'chip/DG1', kind: 'chip.dg', data: dg1 },
  ])

describe('passive authentication of a file’s chip parts', () => {
  it('is valid under a trusted CSCA, naming the signer, the CSCA and each data group', () => {
    expect(verifyChipData(chip(), trusted())).toEqual({
      verdict: 'valid',
      reason: null,
      failedCheck: null,
      dataGroups: [{ number: 1, status: 'match' }],
      documentSigner: sampleChipPki().documentSigner.certificate.subject.text,
      csca: `${sampleChipPki().csca.certificate.subject.text} (test CSCA)`,
      checkedAt: SUBMITTED_AT,
    })
  })

  it('is untrusted, not invalid, when no CSCA in the store issued the document signer', () => {
    const result = verifyChipData(chip(), createTrustStore([]))
    expect(result).toMatchObject({ verdict: 'untrusted', failedCheck: 'certificateChain' })
    expect(result.reason).toMatch(/No trusted CSCA/)
  })

  it('is invalid when a data group changed after signing, or one is not in EF.SOD', () => {
    const dg1 = sampleDg1()
    dg1[10] = (dg1[10] ?? 0) ^ 0x01
    expect(verifyChipData(chip(sampleSod(), dg1), trusted())).toMatchObject({
      verdict: 'invalid',
      failedCheck: 'dataGroupHashes',
      dataGroups: [{ number: 1, status: 'mismatch' }],
    })
    const extra = packet([
      { name: 'chip/EF.SOD', kind: 'chip.sod', data: sampleSod() },
      { name: 'chip/DG1', kind: 'chip.dg', data: sampleDg1() },
      { name: 'chip/DG13', kind: 'chip.dg', data: Buffer.from([0x6d, 0x01, 0x00]) },
    ])
    expect(verifyChipData(extra, trusted()).dataGroups).toContainEqual({
      number: 13,
      status: 'missing-from-sod',
    })
    expect(verifyChipData(extra, trusted()).verdict).toBe('invalid')
  })

  it('is invalid when the EF.SOD signature does not verify', () => {
    const sod = sampleSod()
    sod[sod.length - 1] = (sod[sod.length - 1] ?? 0) ^ 0x01 // the last byte of the signature
    const result = verifyChipData(chip(sod), trusted())
    expect(result.verdict).toBe('invalid')
    expect(result.failedCheck).toBe('signature')
  })

  it('is not checked when the chip parts are placeholders or EF.SOD is missing', () => {
    const placeholder = packet([
      { name: 'chip/EF.SOD', kind: 'chip.sod', data: Buffer.from('x'), placeholder: true },
    ])
    expect(verifyChipData(placeholder, trusted()).verdict).toBe('not-checked')
    expect(verifyChipData(packet([]), trusted()).verdict).toBe('not-checked')
  })

  it('reads data group numbers from part names', () => {
    expect(['chip/DG1', 'chip/DG13', 'chip/DG16'].map(dataGroupNumberOf)).toEqual([1, 13, 16])
    for (const name of ['chip/DG0', 'chip/DG17', 'chip/DG01', 'chip/EF.SOD', 'DG1', 'chip/DG1x'])
      expect(dataGroupNumberOf(name)).toBeNull()
  })

  it('never throws on arbitrary chip bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 100 }),
        (sod, dg) => {
          const result = verifyChipData(chip(sod, dg), trusted())
          expect(result.verdict).toBe('invalid')
        },
      ),
      { numRuns: 200 },
    )
  })
})
