import { X509Certificate } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { derBitString, derSequence } from '../../../lib/asn1/der'
import { ParseError } from '../../../lib/parse-error'
import { parseCertificate } from './certificate'
import { buildCertificate, subjectKeyIdentifierOf } from './certificate-builder'
import { caProblem, checkIssuedBy, signerProblem, validityAt } from './chain'
import { OID } from './oids'
import { decodePem } from './pem'
import { encodeAlgorithmIdentifier } from './signature-algorithms'
import {
  createSimPki,
  generateSimKeyPair,
  issueSimCertificate,
  simPkiFromPem,
  simPkiToPem,
  type SimKeyAlgorithm,
} from './sim-pki'

const now = new Date('2026-03-01T08:00:00Z')

describe('simulator PKI certificates', () => {
  const algorithms: SimKeyAlgorithm[] = [
    'ecdsa-p256',
    'ecdsa-p384',
    'ecdsa-brainpool-p256',
    'rsa-2048',
    'rsa-pss-2048',
  ]
  it.each(algorithms)('%s: Node X509Certificate accepts the CSCA and the DS it issued', (alg) => {
    const pki = createSimPki({ now, cscaAlgorithm: alg, documentSignerAlgorithm: alg })
    const csca = new X509Certificate(pki.csca.certificateDer)
    const ds = new X509Certificate(pki.documentSigner.certificateDer)
    expect(csca.verify(csca.publicKey)).toBe(true)
    expect(csca.ca).toBe(true)
    expect(ds.checkIssued(csca)).toBe(true)
    expect(ds.verify(csca.publicKey)).toBe(true)
    expect(ds.ca).toBe(false)
    expect(csca.subject).toContain('TEST — not a real CSCA')
    expect(csca.subject).toContain('C=VN')
    // Our checks agree with Node's.
    expect(checkIssuedBy(pki.documentSigner.certificate, pki.csca.certificate)).toEqual({
      ok: true,
    })
    expect(checkIssuedBy(pki.csca.certificate, pki.csca.certificate)).toEqual({ ok: true })
  })

  it('parses back every field it wrote', () => {
    const pki = createSimPki({ now, randomBytes: (n) => new Uint8Array(n).fill(0xab) })
    const csca = pki.csca.certificate
    const ds = pki.documentSigner.certificate
    const node = new X509Certificate(pki.documentSigner.certificateDer)
    expect(ds.version).toBe(3)
    expect(ds.serialNumber).toBe(node.serialNumber.toUpperCase())
    expect(ds.serialNumber).toBe('2B' + 'AB'.repeat(15))
    expect(ds.notBefore.getTime()).toBe(new Date(node.validFrom).getTime())
    expect(ds.notAfter.getTime()).toBe(new Date(node.validTo).getTime())
    expect(ds.issuer.text).toBe(csca.subject.text)
    expect(ds.subject.text).toBe(
      'C=VN, O=VNeID Kiosk Simulator, OU=TEST — not a real document signer, CN=DS VN TEST',
    )
    expect(csca.extensions.basicConstraints).toEqual({ ca: true, pathLength: 0 })
    expect(csca.extensions.keyUsage).toEqual(['keyCertSign', 'cRLSign'])
    expect(ds.extensions.keyUsage).toEqual(['digitalSignature'])
    expect(ds.extensions.authorityKeyIdentifier).toEqual(csca.extensions.subjectKeyIdentifier)
    expect(ds.extensions.subjectKeyIdentifier).toEqual(
      subjectKeyIdentifierOf(ds.subjectPublicKeyInfo),
    )
    expect(caProblem(csca)).toBeUndefined()
    expect(caProblem(ds)).toBe('keyUsage lacks keyCertSign')
    expect(signerProblem(ds)).toBeUndefined()
    expect(signerProblem(csca)).toBe('keyUsage lacks digitalSignature')
    expect(validityAt(ds, now)).toBe('valid')
    expect(validityAt(ds, new Date('2037-01-01T00:00:00Z'))).toBe('expired')
    expect(validityAt(ds, new Date('2026-02-27T00:00:00Z'))).toBe('not-yet-valid')
  })

  it('rejects a certificate issued by another CSCA with the same name', () => {
    const a = createSimPki({ now })
    const b = createSimPki({ now })
    expect(a.csca.certificate.subject.canonical).toBe(b.csca.certificate.subject.canonical)
    // Different key identifiers: the AKI already tells them apart.
    expect(checkIssuedBy(a.documentSigner.certificate, b.csca.certificate).ok).toBe(false)
    // Without key identifiers to go by, the signature decides.
    const keys = generateSimKeyPair('ecdsa-p256')
    const noAki = parseCertificate(
      buildCertificate({
        serialNumber: 7n,
        issuer: a.csca.certificate.subject.der,
        subject: [{ type: 'CN', value: 'DS without AKI' }],
        notBefore: now,
        notAfter: new Date('2030-01-01T00:00:00Z'),
        publicKey: keys.publicKey,
        signingKey: b.csca.privateKey,
        keyUsage: ['digitalSignature'],
      }),
    )
    expect(checkIssuedBy(noAki, a.csca.certificate)).toEqual({
      ok: false,
      reason: 'certificate signature does not verify',
    })
    expect(checkIssuedBy(noAki, b.csca.certificate)).toEqual({ ok: true })
  })

  it('reads PEM blocks past an unended BEGIN and text between blocks', () => {
    const block = (label: string, bytes: number[]) =>
      `-----BEGIN ${label}-----\n${Buffer.from(bytes).toString('base64')}\n-----END ${label}-----\n`
    const text = `subject=CN=x\n-----BEGIN CERTIFICATE-----\ncut off here\n${block('CERTIFICATE', [1, 2])}-----END PRIVATE KEY-----\n${block('X509 CRL', [3])}`
    expect(decodePem(text)).toEqual([
      { label: 'CERTIFICATE', der: Uint8Array.of(1, 2) },
      { label: 'X509 CRL', der: Uint8Array.of(3) },
    ])
    expect(() => decodePem('-----BEGIN CERTIFICATE-----\n@@\n-----END CERTIFICATE-----')).toThrow(
      /CERTIFICATE block is not base64/,
    )
  })

  it('round-trips a PKI through one PEM text', () => {
    const pki = createSimPki({ now, documentSignerAlgorithm: 'rsa-2048' })
    const text = simPkiToPem(pki)
    expect(decodePem(text).map((b) => b.label)).toEqual([
      'CERTIFICATE',
      'PRIVATE KEY',
      'CERTIFICATE',
      'PRIVATE KEY',
    ])
    const back = simPkiFromPem(text)
    expect(back.documentSigner.certificateDer).toEqual(pki.documentSigner.certificateDer)
    const issued = issueSimCertificate(back.csca, {
      subject: [{ type: 'CN', value: 'second DS' }],
      role: 'signer',
      algorithm: 'ecdsa-p256',
      notBefore: now,
      notAfter: new Date('2030-01-01T00:00:00Z'),
    })
    expect(checkIssuedBy(issued.certificate, pki.csca.certificate)).toEqual({ ok: true })
    // A key that does not belong to the certificate is refused.
    const swapped = text.split('-----BEGIN PRIVATE KEY-----')
    const mixed = `${swapped[0]}-----BEGIN PRIVATE KEY-----${swapped[2]}-----BEGIN PRIVATE KEY-----${swapped[1]}`
    expect(() => simPkiFromPem(mixed)).toThrow(ParseError)
  })
})

describe('certificate parser on hostile input', () => {
  const pki = createSimPki({ now })
  const der = pki.documentSigner.certificateDer

  it('rejects trailing bytes and an inner/outer algorithm mismatch', () => {
    expect(() => parseCertificate(Uint8Array.from([...der, 0]))).toThrow(ParseError)
    const parsed = parseCertificate(der)
    expect(parsed.signatureAlgorithm.oid).toBe(OID.ecdsaWithSha256)
    const relabelled = derSequence(
      parsed.tbs,
      encodeAlgorithmIdentifier(OID.ecdsaWithSha384),
      derBitString(parsed.signature),
    )
    expect(() => parseCertificate(relabelled)).toThrow(/differs inside and outside/)
    const same = derSequence(
      parsed.tbs,
      encodeAlgorithmIdentifier(OID.ecdsaWithSha256),
      derBitString(parsed.signature),
    )
    expect(parseCertificate(same).serialNumber).toBe(parsed.serialNumber)
  })

  it('throws only ParseError on mutated and random certificates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.nat(der.length),
        (edits, cut) => {
          const bytes = Uint8Array.from(der)
          for (const [at, value] of edits) bytes[at] = value
          for (const input of [bytes, bytes.subarray(0, cut)]) {
            try {
              parseCertificate(input)
            } catch (error) {
              expect(error).toBeInstanceOf(ParseError)
            }
          }
        },
      ),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          parseCertificate(Uint8Array.from([0x30, bytes.length & 0x7f, ...bytes]))
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
