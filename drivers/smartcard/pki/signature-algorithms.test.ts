import { constants, generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { derContext, derNull, derSequence } from '../../../lib/asn1/der'
import { readTlv } from '../../../lib/asn1/tlv'
import { ParseError } from '../../../lib/parse-error'
import { OID } from './oids'
import {
  encodeAlgorithmIdentifier,
  parseAlgorithmIdentifier,
  signatureAlgorithmFor,
  signatureSchemeFor,
  signWithKey,
  verifySignature,
} from './signature-algorithms'

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
const data = new Uint8Array(Buffer.from('signed attributes'))
const parse = (der: Uint8Array) => parseAlgorithmIdentifier(readTlv(der))

describe('signature algorithms', () => {
  it('maps bare rsaEncryption and id-ecPublicKey to the SignerInfo digest, as real SODs need', () => {
    const scheme = signatureSchemeFor({ oid: OID.rsaEncryption }, 'sha256')
    expect(scheme).toEqual({ kind: 'rsa-pkcs1', hash: 'sha256' })
    const sig = sign('sha256', data, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PADDING })
    expect(verifySignature(scheme, rsa.publicKey, data, sig)).toBe(true)
    expect(signatureSchemeFor({ oid: OID.ecPublicKey }, 'sha384')).toEqual({
      kind: 'ecdsa',
      hash: 'sha384',
      encoding: 'der',
    })
    expect(() => signatureSchemeFor({ oid: OID.rsaEncryption })).toThrow(ParseError)
    expect(() => signatureSchemeFor({ oid: '1.2.3.4' })).toThrow(/unsupported signature algorithm/)
  })

  it('writes and reads RSASSA-PSS parameters, and applies the RFC 4055 defaults', () => {
    const { algorithm, signature } = signWithKey(rsa.privateKey, data, { rsaPadding: 'pss' })
    const scheme = signatureSchemeFor(parse(algorithm))
    expect(scheme).toEqual({ kind: 'rsa-pss', hash: 'sha256', saltLength: 32 })
    expect(verifySignature(scheme, rsa.publicKey, data, signature)).toBe(true)
    const wrongSalt = { kind: 'rsa-pss', hash: 'sha256', saltLength: 20 } as const
    expect(verifySignature(wrongSalt, rsa.publicKey, data, signature)).toBe(false)
    expect(signatureSchemeFor(parse(encodeAlgorithmIdentifier(OID.rsassaPss)))).toEqual({
      kind: 'rsa-pss',
      hash: 'sha1',
      saltLength: 20,
    })
    const sha256 = encodeAlgorithmIdentifier(OID.sha256, derNull())
    const mixed = encodeAlgorithmIdentifier(
      OID.rsassaPss,
      derSequence(derContext(0, sha256), derContext(1, encodeAlgorithmIdentifier(OID.mgf1))),
    )
    expect(() => signatureSchemeFor(parse(mixed))).toThrow(ParseError)
  })

  it('signs ECDSA with the hash matching the curve and never throws on a wrong key or bad bytes', () => {
    const { algorithm, signature } = signWithKey(ec.privateKey, data)
    expect(parse(algorithm).oid).toBe(OID.ecdsaWithSha384)
    const scheme = signatureSchemeFor(parse(algorithm))
    expect(verifySignature(scheme, ec.publicKey, data, signature)).toBe(true)
    expect(verifySignature(scheme, rsa.publicKey, data, signature)).toBe(false)
    expect(verifySignature(scheme, ec.publicKey, data, signature.subarray(3))).toBe(false)
    expect(
      verifySignature(
        { kind: 'rsa-pkcs1', hash: 'sha256' },
        rsa.publicKey,
        data,
        new Uint8Array(7),
      ),
    ).toBe(false)
    expect(signatureAlgorithmFor(rsa.privateKey).scheme).toEqual({
      kind: 'rsa-pkcs1',
      hash: 'sha256',
    })
  })
})
