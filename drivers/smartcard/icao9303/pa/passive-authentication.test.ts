import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tlv } from '../../../../lib/asn1/tlv'
import { digest } from '../../pki/hashes'
import { OID } from '../../pki/oids'
import {
  assembleSignedData,
  buildSignerInfo,
  encodeSignedAttributes,
} from '../../pki/signed-data-builder'
import { buildCertificate } from '../../pki/certificate-builder'
import {
  createSimPki,
  generateSimKeyPair,
  issueSimCertificate,
  type SimPki,
} from '../../pki/sim-pki'
import { createTrustStore, type TrustStore } from '../../pki/trust-store'
import { encodeLdsSecurityObject } from '../sod/lds-security-object'
import { parseSod } from '../sod/sod'
import { buildSod } from '../sod/sod-builder'
import { passiveAuthentication } from './passive-authentication'

const now = new Date('2026-03-01T08:00:00Z')
const pki = createSimPki({ now })
const trust = trustIn(pki)
const dataGroups = new Map<number, Uint8Array>([
  [1, tlv(0x61, tlv(0x5f1f, Buffer.from('I'.repeat(90))))],
  [2, tlv(0x75, new Uint8Array(12_000).fill(0x31))],
  [13, tlv(0x6d, Buffer.from('synthetic DG13'))],
  [14, tlv(0x6e, Buffer.from('synthetic DG14'))],
])

function trustIn(...pkis: SimPki[]): TrustStore {
  return createTrustStore(
    pkis.map((p, i) => ({ name: `csca${i}.cer`, bytes: p.csca.certificateDer })),
  )
}

function sodFor(p: SimPki, groups = dataGroups): Uint8Array {
  return buildSod({
    hashAlgorithm: 'sha256',
    dataGroups: groups,
    signer: {
      certificateDer: p.documentSigner.certificateDer,
      privateKey: p.documentSigner.privateKey,
    },
  })
}

const validSod = sodFor(pki)

describe('passive authentication', () => {
  it('is valid when hashes, signature and chain all check out', () => {
    const result = passiveAuthentication({ sod: validSod, dataGroups, trust, now })
    expect(result.verdict).toBe('valid')
    expect(result.failed).toBeUndefined()
    expect(result.checks.sodParsed.status).toBe('passed')
    expect(result.checks.signedAttributes.status).toBe('passed')
    expect(result.checks.signature.status).toBe('passed')
    expect(result.checks.certificateChain.status).toBe('passed')
    expect(result.checks.dataGroupHashes).toEqual(
      [1, 2, 13, 14].map((number) => ({ number, status: 'match' })),
    )
    expect(result.hashAlgorithm).toBe('sha256')
    expect(result.documentSigner?.subject).toBe(pki.documentSigner.certificate.subject.text)
    expect(result.documentSigner?.serial).toBe(pki.documentSigner.certificate.serialNumber)
    expect(result.csca?.subject).toContain('TEST — not a real CSCA')
    expect(result.csca?.source).toBe('csca0.cer')
  })

  it.each(['rsa-2048', 'rsa-pss-2048', 'ecdsa-brainpool-p256', 'ecdsa-p384'] as const)(
    'is valid with a %s document signer',
    (alg) => {
      const other = createSimPki({ now, documentSignerAlgorithm: alg, cscaAlgorithm: alg })
      const result = passiveAuthentication({
        sod: sodFor(other),
        dataGroups,
        trust: trustIn(other),
        now,
      })
      expect(result.failed).toBeUndefined()
      expect(result.verdict).toBe('valid')
    },
  )

  it('marks DGs listed but not read, and fails on a DG read but not listed', () => {
    const partial = new Map([...dataGroups].filter(([n]) => n !== 14))
    const notRead = passiveAuthentication({ sod: validSod, dataGroups: partial, trust, now })
    expect(notRead.verdict).toBe('valid')
    expect(notRead.checks.dataGroupHashes.find((g) => g.number === 14)?.status).toBe('not-read')

    const extra = new Map([...dataGroups, [15, tlv(0x6f, new Uint8Array(10))]])
    const unlisted = passiveAuthentication({ sod: validSod, dataGroups: extra, trust, now })
    expect(unlisted.verdict).toBe('invalid')
    expect(unlisted.failedCheck).toBe('dataGroupHashes')
    expect(unlisted.checks.dataGroupHashes.find((g) => g.number === 15)?.status).toBe(
      'missing-from-sod',
    )
    expect(unlisted.failed).toMatch(/DG15 is not listed in EF.SOD/)
  })

  it('names the data group whose hash does not match', () => {
    const altered = new Map(dataGroups)
    const dg2 = Uint8Array.from(dataGroups.get(2) ?? [])
    dg2[500] = 0x32
    altered.set(2, dg2)
    const result = passiveAuthentication({ sod: validSod, dataGroups: altered, trust, now })
    expect(result.verdict).toBe('invalid')
    expect(result.failedCheck).toBe('dataGroupHashes')
    expect(result.failed).toMatch(/^Dữ liệu DG2 bị thay đổi .* \/ DG2 was altered/)
    expect(result.checks.dataGroupHashes).toEqual([
      { number: 1, status: 'match' },
      { number: 2, status: 'mismatch' },
      { number: 13, status: 'match' },
      { number: 14, status: 'match' },
    ])
    expect(result.checks.signature.status).toBe('passed')
  })

  it('is untrusted when no CSCA in the trust store issued the document signer', () => {
    const stranger = createSimPki({ now, country: 'XX' })
    const result = passiveAuthentication({ sod: sodFor(stranger), dataGroups, trust, now })
    expect(result.verdict).toBe('untrusted')
    expect(result.checks.signature.status).toBe('passed')
    expect(result.checks.certificateChain.status).toBe('untrusted')
    expect(result.checks.certificateChain.detail).toMatch(
      /no CSCA in the trust store for issuer "C=XX/,
    )
    expect(result.failed).toMatch(/No trusted CSCA/)
    expect(result.csca).toBeUndefined()
    // Same for an empty trust store and for a SOD without its DS certificate.
    expect(
      passiveAuthentication({ sod: validSod, dataGroups, trust: createTrustStore([]), now })
        .verdict,
    ).toBe('untrusted')
    const bare = buildSod({
      hashAlgorithm: 'sha256',
      dataGroups,
      signer: {
        certificateDer: pki.documentSigner.certificateDer,
        privateKey: pki.documentSigner.privateKey,
      },
      omitCertificate: true,
    })
    const noDs = passiveAuthentication({ sod: bare, dataGroups, trust, now })
    expect(noDs.verdict).toBe('untrusted')
    expect(noDs.checks.signature.status).toBe('skipped')
  })

  it('is invalid when the trusted CSCA of that name did not sign the document signer', () => {
    // A DS claiming the trusted CSCA's name, without key identifiers, signed by another key.
    const impostor = createSimPki({ now })
    const keys = generateSimKeyPair('ecdsa-p256')
    const forgedDer = buildCertificate({
      serialNumber: 99n,
      issuer: pki.csca.certificate.subject.der,
      subject: [{ type: 'CN', value: 'forged DS' }],
      notBefore: now,
      notAfter: new Date('2030-01-01T00:00:00Z'),
      publicKey: keys.publicKey,
      signingKey: impostor.csca.privateKey,
      keyUsage: ['digitalSignature'],
    })
    const sod = buildSod({
      hashAlgorithm: 'sha256',
      dataGroups,
      signer: { certificateDer: forgedDer, privateKey: keys.privateKey },
    })
    const result = passiveAuthentication({ sod, dataGroups, trust, now })
    expect(result.verdict).toBe('invalid')
    expect(result.failedCheck).toBe('certificateChain')
    expect(result.checks.signature.status).toBe('passed')
    expect(result.checks.certificateChain.detail).toMatch(
      /^not signed by any of 1 CSCA named .*certificate signature does not verify/,
    )

    // With an AKI naming a key the store does not hold, the right CSCA is simply missing.
    const forged = issueSimCertificate(impostor.csca, {
      subject: [{ type: 'CN', value: 'DS of another CSCA generation' }],
      role: 'signer',
      algorithm: 'ecdsa-p256',
      notBefore: now,
      notAfter: new Date('2030-01-01T00:00:00Z'),
    })
    const other = passiveAuthentication({
      sod: sodFor({ csca: impostor.csca, documentSigner: forged }),
      dataGroups,
      trust,
      now,
    })
    expect(other.verdict).toBe('untrusted')
  })

  it('is invalid, naming the signature, when the SOD signature was tampered with', () => {
    const tampered = Uint8Array.from(validSod)
    const signature = parseSod(validSod).signerInfo.signature
    const last = signature.byteOffset - validSod.byteOffset + signature.length - 1
    tampered[last] = (tampered[last] ?? 0) ^ 0x01
    const result = passiveAuthentication({ sod: tampered, dataGroups, trust, now })
    expect(result.verdict).toBe('invalid')
    expect(result.failedCheck).toBe('signature')
    expect(result.checks.signedAttributes.status).toBe('passed')
    expect(result.failed).toMatch(
      /EF.SOD signature is invalid: the ecdsa sha256 signature does not verify/,
    )
  })

  it('is invalid when messageDigest does not match the signed content, though the signature does', () => {
    const hashes = new Map([...dataGroups].map(([n, f]) => [n, digest('sha256', f)] as const))
    const content = encodeLdsSecurityObject({ hashAlgorithm: 'sha256', dataGroupHashes: hashes })
    const wrongDigest = digest('sha256', Uint8Array.of(...content, 0))
    const signerInfo = buildSignerInfo({
      signer: {
        certificateDer: pki.documentSigner.certificateDer,
        privateKey: pki.documentSigner.privateKey,
      },
      digestAlgorithm: 'sha256',
      signedAttributes: encodeSignedAttributes({
        contentType: OID.ldsSecurityObject,
        messageDigest: wrongDigest,
      }),
      signerIdentifier: 'issuerAndSerialNumber',
    })
    const sod = tlv(
      0x77,
      assembleSignedData({
        contentType: OID.ldsSecurityObject,
        content,
        digestAlgorithms: ['sha256'],
        certificates: [pki.documentSigner.certificateDer],
        signerInfos: [signerInfo],
      }),
    )
    const result = passiveAuthentication({ sod, dataGroups, trust, now })
    expect(result.verdict).toBe('invalid')
    expect(result.failedCheck).toBe('signedAttributes')
    expect(result.checks.signature.status).toBe('passed')
    expect(result.checks.dataGroupHashes.every((g) => g.status === 'match')).toBe(true)
    expect(result.failed).toMatch(/messageDigest is not the sha256 of the signed content/)
  })

  it('is invalid when the document signer certificate has expired at `now`', () => {
    const after = new Date(pki.documentSigner.certificate.notAfter.getTime() + 86_400_000)
    expect(after.getTime()).toBeLessThan(pki.csca.certificate.notAfter.getTime())
    const result = passiveAuthentication({ sod: validSod, dataGroups, trust, now: after })
    expect(result.verdict).toBe('invalid')
    expect(result.failedCheck).toBe('certificateChain')
    expect(result.checks.certificateChain.detail).toMatch(
      /^document signer certificate expired on 2036-/,
    )
    expect(result.checks.signature.status).toBe('passed')
    const before = new Date(pki.documentSigner.certificate.notBefore.getTime() - 1000)
    expect(
      passiveAuthentication({ sod: validSod, dataGroups, trust, now: before }).checks
        .certificateChain.detail,
    ).toMatch(/not valid before/)
  })

  it('is invalid when the CSCA has expired or may not sign certificates', () => {
    const afterCsca = new Date(pki.csca.certificate.notAfter.getTime() + 1000)
    const dsStillValid = createSimPki({ now })
    // A DS issued late in the CSCA's life that outlives it.
    const longDs = issueSimCertificate(dsStillValid.csca, {
      subject: [{ type: 'CN', value: 'long DS' }],
      role: 'signer',
      algorithm: 'ecdsa-p256',
      notBefore: now,
      notAfter: new Date(afterCsca.getTime() + 86_400_000),
    })
    const expired = passiveAuthentication({
      sod: sodFor({ csca: dsStillValid.csca, documentSigner: longDs }),
      dataGroups,
      trust: trustIn(dsStillValid),
      now: afterCsca,
    })
    expect(expired.verdict).toBe('invalid')
    expect(expired.checks.certificateChain.detail).toMatch(/^CSCA certificate expired/)

    // A "CSCA" that is really a signer certificate (no keyCertSign).
    const leaf = issueSimCertificate(pki.csca, {
      subject: [{ type: 'CN', value: 'not a CA' }],
      role: 'signer',
      algorithm: 'ecdsa-p256',
      notBefore: now,
      notAfter: new Date('2030-01-01T00:00:00Z'),
    })
    const underLeaf = issueSimCertificate(leaf, {
      subject: [{ type: 'CN', value: 'DS under a leaf' }],
      role: 'signer',
      algorithm: 'ecdsa-p256',
      notBefore: now,
      notAfter: new Date('2030-01-01T00:00:00Z'),
    })
    const result = passiveAuthentication({
      sod: sodFor({ csca: leaf, documentSigner: underLeaf }),
      dataGroups,
      trust: createTrustStore([{ name: 'leaf.cer', bytes: leaf.certificateDer }]),
      now,
    })
    expect(result.verdict).toBe('invalid')
    expect(result.checks.certificateChain.detail).toBe('CSCA: keyUsage lacks keyCertSign')
  })

  it('is invalid, with the parse reason, for a malformed SOD', () => {
    const truncated = passiveAuthentication({
      sod: validSod.subarray(0, 100),
      dataGroups,
      trust,
      now,
    })
    expect(truncated.verdict).toBe('invalid')
    expect(truncated.failedCheck).toBe('sodParsed')
    expect(truncated.failed).toMatch(/^Không đọc được EF.SOD \/ EF.SOD could not be parsed: tlv: /)
    expect(truncated.checks.dataGroupHashes.map((g) => g.status)).toEqual(
      Array(4).fill('missing-from-sod'),
    )
    const empty = passiveAuthentication({ sod: new Uint8Array(0), dataGroups, trust, now })
    expect(empty.verdict).toBe('invalid')
    const notSod = passiveAuthentication({
      sod: dataGroups.get(1) ?? new Uint8Array(),
      dataGroups,
      trust,
      now,
    })
    expect(notSod.checks.sodParsed.detail).toMatch(/not 77/)
  })

  it('never throws, whatever the SOD and data groups', () => {
    const verdicts = new Set<string>()
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(validSod.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 0,
          maxLength: 3,
        }),
        fc.nat(validSod.length),
        fc.boolean(),
        (edits, cut, truncate) => {
          const bytes = Uint8Array.from(validSod)
          for (const [at, value] of edits) bytes[at] = value
          const result = passiveAuthentication({
            sod: truncate ? bytes.subarray(0, cut) : bytes,
            dataGroups,
            trust,
            now,
          })
          verdicts.add(result.verdict)
          expect(['valid', 'invalid', 'untrusted']).toContain(result.verdict)
          if (result.verdict !== 'valid') expect(result.failed).toBeTruthy()
        },
      ),
      { numRuns: 600 },
    )
    expect(verdicts.has('invalid')).toBe(true)
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.uint8Array({ maxLength: 50 }),
        (sod, dg) => {
          const result = passiveAuthentication({
            sod: tlv(0x77, sod),
            dataGroups: new Map([[1, dg]]),
            trust,
            now,
          })
          expect(result.verdict).toBe('invalid')
        },
      ),
      { numRuns: 1000 },
    )
  })
})
