import { X509Certificate } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tlv } from '../../../../lib/asn1/tlv'
import { ParseError } from '../../../../lib/parse-error'
import { digest } from '../../pki/hashes'
import { OID } from '../../pki/oids'
import { createSimPki } from '../../pki/sim-pki'
import { parseSod } from './sod'
import { buildSod } from './sod-builder'

const now = new Date('2026-03-01T08:00:00Z')
const pki = createSimPki({ now })
const signer = {
  certificateDer: pki.documentSigner.certificateDer,
  privateKey: pki.documentSigner.privateKey,
}
const mrz =
  'IDVNM0790123456001079012345<<8' +
  '7901018M3901017VNM<<<<<<<<<<<4' +
  'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<'
const dataGroups = new Map<number, Uint8Array>([
  [1, tlv(0x61, tlv(0x5f1f, Buffer.from(mrz.slice(0, 90))))],
  [2, tlv(0x75, new Uint8Array(3000).fill(0x42))],
  [13, tlv(0x6d, Buffer.from('synthetic DG13'))],
])

describe('EF.SOD', () => {
  it('builds and parses back an LDS V1 security object signed by the document signer', () => {
    const sod = buildSod({
      hashAlgorithm: 'sha256',
      dataGroups,
      signer,
      ldsVersionInfo: { ldsVersion: '0108', unicodeVersion: '040000' },
      signingTime: now,
    })
    expect(sod[0]).toBe(0x77)
    const parsed = parseSod(sod)
    expect(parsed.signedData.contentType).toBe(OID.ldsSecurityObject)
    expect(parsed.signedData.version).toBe(3)
    expect(parsed.lds.version).toBe(1)
    expect(parsed.lds.hashAlgorithm.oid).toBe(OID.sha256)
    expect(parsed.lds.ldsVersionInfo).toEqual({ ldsVersion: '0108', unicodeVersion: '040000' })
    expect([...parsed.lds.dataGroupHashes.keys()]).toEqual([1, 2, 13])
    for (const [n, file] of dataGroups) {
      expect(parsed.lds.dataGroupHashes.get(n)).toEqual(digest('sha256', file))
    }
    const attributes = parsed.signerInfo.signedAttributes
    expect(attributes?.der[0]).toBe(0x31)
    expect(attributes?.contentType).toBe(OID.ldsSecurityObject)
    expect(attributes?.messageDigest).toEqual(
      digest('sha256', parsed.signedData.content ?? new Uint8Array()),
    )
    expect(attributes?.signingTime).toEqual(new Date('2026-03-01T08:00:00Z'))
    expect(parsed.signerInfo.sid.kind).toBe('issuerAndSerialNumber')
    expect(parsed.documentSigner?.der).toEqual(pki.documentSigner.certificateDer)
    // The embedded certificate is the DS exactly as Node reads it.
    expect(new X509Certificate(parsed.certificates[0]?.der ?? new Uint8Array()).subject).toContain(
      'DS VN TEST',
    )
  })

  it('writes V0 without version info, and can name the signer by key identifier or omit it', () => {
    const v0 = parseSod(
      buildSod({
        hashAlgorithm: 'sha1',
        dataGroups,
        signer,
        signerIdentifier: 'subjectKeyIdentifier',
      }),
    )
    expect(v0.lds.version).toBe(0)
    expect(v0.lds.ldsVersionInfo).toBeUndefined()
    expect(v0.lds.dataGroupHashes.get(2)?.length).toBe(20)
    expect(v0.signerInfo.version).toBe(3)
    expect(v0.signerInfo.sid).toEqual({
      kind: 'subjectKeyIdentifier',
      keyIdentifier: pki.documentSigner.certificate.extensions.subjectKeyIdentifier,
    })
    expect(v0.documentSigner?.subject.text).toBe(pki.documentSigner.certificate.subject.text)
    const bare = parseSod(
      buildSod({ hashAlgorithm: 'sha256', dataGroups, signer, omitCertificate: true }),
    )
    expect(bare.certificates).toEqual([])
    expect(bare.documentSigner).toBeUndefined()
  })

  it('accepts trailing padding but not other trailing data or another tag', () => {
    const sod = buildSod({ hashAlgorithm: 'sha256', dataGroups, signer })
    expect(parseSod(Uint8Array.from([...sod, 0, 0, 0xff])).lds.dataGroupHashes.size).toBe(3)
    expect(() => parseSod(Uint8Array.from([...sod, 1]))).toThrow(ParseError)
    expect(() => parseSod(Uint8Array.from([0x78, ...sod.subarray(1)]))).toThrow(/not 77/)
    expect(() =>
      buildSod({ hashAlgorithm: 'sha256', dataGroups: new Map([[17, new Uint8Array(1)]]), signer }),
    ).toThrow(RangeError)
  })

  it('throws only ParseError on mutated, truncated and random EF.SOD', () => {
    const sod = buildSod({
      hashAlgorithm: 'sha256',
      dataGroups,
      signer,
      ldsVersionInfo: { ldsVersion: '0108', unicodeVersion: '040000' },
    })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(sod.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.nat(sod.length),
        (edits, cut) => {
          const bytes = Uint8Array.from(sod)
          for (const [at, value] of edits) bytes[at] = value
          for (const input of [bytes, bytes.subarray(0, cut)]) {
            try {
              parseSod(input)
            } catch (error) {
              expect(error).toBeInstanceOf(ParseError)
            }
          }
        },
      ),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (body) => {
        try {
          parseSod(tlv(0x77, body))
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
