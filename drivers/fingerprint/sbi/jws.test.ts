import { X509Certificate } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  derBitString,
  derContext,
  derInteger,
  derNull,
  derOid,
  derSequence,
  derTime,
} from '../../../lib/asn1/der'
import { createSbiSimulatorIdentity } from '../sim/sbi-device'
import { SbiSecurityError } from './errors'
import { base64url, signJws, verifyJws } from './jws'

const identity = createSbiSimulatorIdentity(new Date('2025-01-01T00:00:00Z'))
const at = new Date('2025-06-01T00:00:00Z')

/**
 * An X.509 certificate that parses but whose key does not: rsaEncryption over bytes that are not
 * an RSAPublicKey. OpenSSL decodes the key only when it is asked for (`.publicKey`).
 */
function certificateWithUnreadableKey(subjectName: Uint8Array): Uint8Array {
  const algorithm = derSequence(derOid('1.2.840.113549.1.1.11'), derNull())
  const rsaEncryption = derSequence(derOid('1.2.840.113549.1.1.1'), derNull())
  const tbs = derSequence(
    derContext(0, derInteger(2)),
    derInteger(7),
    algorithm,
    subjectName,
    derSequence(derTime(new Date('2025-01-01')), derTime(new Date('2026-01-01'))),
    subjectName,
    derSequence(rsaEncryption, derBitString(Buffer.from('not an RSA public key'))),
  )
  return derSequence(tbs, algorithm, derBitString(new Uint8Array(256)))
}

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('verifyJws on certificates node:crypto cannot use', () => {
  const broken = certificateWithUnreadableKey(identity.ca.subjectName)

  it('builds a certificate that parses while reading its public key throws', () => {
    const certificate = new X509Certificate(broken)
    expect(certificate.subject).toContain('Kiosk Simulator Device Provider CA')
    expect(() => certificate.publicKey).toThrow(/decode error/)
  })

  it('refuses such an x5c certificate with SbiSecurityError, not the raw OpenSSL error', () => {
    const header = base64url(
      JSON.stringify({ alg: 'RS256', x5c: [Buffer.from(broken).toString('base64')] }),
    )
    const compact = `${header}.${base64url('{}')}.${base64url(new Uint8Array(256))}`
    const error = thrown(() => verifyJws(compact, { certificates: [identity.ca.certificate] }, at))
    expect(error).toBeInstanceOf(SbiSecurityError)
    expect(error).toMatchObject({ kind: 'malformed-jws', detail: expect.stringMatching(/^x5c: /) })
  })

  it('treats a trust anchor whose key cannot be read as trusting nothing', () => {
    const jws = signJws('{}', identity.device.privateKey, identity.device.certificateDer)
    const anchors = [new X509Certificate(broken)]
    const error = thrown(() => verifyJws(jws, { certificates: anchors }, at))
    expect(error).toBeInstanceOf(SbiSecurityError)
    expect(error).toMatchObject({ kind: 'untrusted-certificate' })
    const withCa = [...anchors, identity.ca.certificate]
    expect(verifyJws(jws, { certificates: withCa }, at).certificate.subject).toContain('SBI device')
  })
})
