import { constants, generateKeyPairSync, privateEncrypt, type KeyObject } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { concat, hex } from '../../../../lib/bytes'
import {
  encodeCommand,
  SW_OK,
  type CardChannel,
  type CommandApdu,
  type ResponseApdu,
} from '../../iso7816/apdu'
import { digest } from '../../pki/hashes'
import { OID } from '../../pki/oids'
import { generateActiveAuthenticationKey, signActiveAuthenticationChallenge } from './aa-signer'
import { performActiveAuthentication } from './active-authentication'

/** A chip that answers INTERNAL AUTHENTICATE with `answer(challenge)` and records what it got. */
function chip(
  answer: (challenge: Uint8Array) => ResponseApdu,
): CardChannel & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = []
  return {
    sent,
    extendedLength: false,
    async transmit(command: CommandApdu) {
      sent.push(encodeCommand(command))
      if (command.ins !== 0x88) return { data: new Uint8Array(0), sw: 0x6d00 }
      return answer(command.data ?? new Uint8Array(0))
    },
  }
}

const signingChip = (
  key: KeyObject,
  options?: Parameters<typeof signActiveAuthenticationChallenge>[2],
) =>
  chip((challenge) => ({
    data: signActiveAuthenticationChallenge(key, challenge, options),
    sw: SW_OK,
  }))

const rnd = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])
const fixedRandom = (n: number) => rnd.subarray(0, n)
const rsa1024 = generateActiveAuthenticationKey({ type: 'rsa', modulusBits: 1024 })
const rsa2048 = generateActiveAuthenticationKey({ type: 'rsa', modulusBits: 2048 })
const p256 = generateActiveAuthenticationKey({ type: 'ec', curve: 'prime256v1' })

describe('Active Authentication', () => {
  it('sends INTERNAL AUTHENTICATE 00 88 00 00 08 RND.IFD 00', async () => {
    const card = signingChip(rsa1024.privateKey)
    await performActiveAuthentication(card, rsa1024.publicKey, fixedRandom)
    expect(card.sent.map(hex)).toEqual(['00880000080102030405060708' + '00'])
  })

  it.each([
    ['RSA-1024', rsa1024, 'sha1'],
    ['RSA-2048', rsa2048, 'sha1'],
    ['RSA-2048', rsa2048, 'sha256'],
    ['RSA-1024', rsa1024, 'sha512'],
    ['RSA-2048', rsa2048, 'sha224'],
    ['RSA-2048', rsa2048, 'sha384'],
  ] as const)('passes for %s ISO 9796-2 with %s', async (_, key, hash) => {
    const card = signingChip(key.privateKey, { hash })
    const result = await performActiveAuthentication(card, key.publicKey, (n) =>
      new Uint8Array(n).fill(9),
    )
    expect(result).toEqual({ verdict: 'passed', scheme: 'rsa-iso9796-2', hash })
  })

  it('recovers 6A ‖ M1 ‖ SHA-1(M1 ‖ RND.IFD) ‖ BC from the chip signature', () => {
    const m1 = new Uint8Array(128 - 1 - 20 - 1).fill(0x55)
    const signature = signActiveAuthenticationChallenge(rsa1024.privateKey, rnd, {
      randomBytes: () => m1,
    })
    const expected = concat(Uint8Array.of(0x6a), m1, digest('sha1', m1, rnd), Uint8Array.of(0xbc))
    const direct = privateEncrypt(
      { key: rsa1024.privateKey, padding: constants.RSA_NO_PADDING },
      expected,
    )
    expect(hex(signature)).toBe(hex(direct))
  })

  it('passes for ECDSA P-256 (plain r‖s and DER) and brainpoolP256r1', async () => {
    const plain = await performActiveAuthentication(
      signingChip(p256.privateKey),
      p256.publicKey,
      fixedRandom,
    )
    expect(plain).toEqual({ verdict: 'passed', scheme: 'ecdsa-plain', hash: 'sha256' })
    const der = await performActiveAuthentication(
      signingChip(p256.privateKey, { ecdsaEncoding: 'der' }),
      p256.publicKey,
      fixedRandom,
    )
    expect(der).toEqual({ verdict: 'passed', scheme: 'ecdsa-der', hash: 'sha256' })
    const bp = generateActiveAuthenticationKey({ type: 'ec', curve: 'brainpoolP256r1' })
    expect(
      (await performActiveAuthentication(signingChip(bp.privateKey), bp.publicKey, fixedRandom))
        .verdict,
    ).toBe('passed')
  })

  it('follows the DG14 signature algorithm for ECDSA', async () => {
    const card = signingChip(p256.privateKey, { hash: 'sha512' })
    const byDg14 = await performActiveAuthentication(card, p256.publicKey, fixedRandom, {
      signatureAlgorithmOid: OID.ecdsaWithSha512,
    })
    expect(byDg14).toEqual({ verdict: 'passed', scheme: 'ecdsa-plain', hash: 'sha512' })
    const bySize = await performActiveAuthentication(card, p256.publicKey, fixedRandom)
    expect(bySize.verdict).toBe('failed')
  })

  it('fails with another key, a forged answer, or a replayed signature', async () => {
    const other = generateActiveAuthenticationKey({ type: 'rsa', modulusBits: 1024 })
    const wrongKey = await performActiveAuthentication(
      signingChip(other.privateKey),
      rsa1024.publicKey,
      fixedRandom,
    )
    expect(wrongKey.verdict).toBe('failed')
    expect(wrongKey.reason).toMatch(/possible clone/)

    const forged = await performActiveAuthentication(
      chip(() => ({ data: new Uint8Array(128).fill(0x11), sw: SW_OK })),
      rsa1024.publicKey,
      fixedRandom,
    )
    expect(forged.verdict).toBe('failed')
    expect(forged.reason).toMatch(/not 6A|trailer|does not match/)

    // A signature over a previous challenge does not answer a new one.
    const old = signActiveAuthenticationChallenge(
      rsa1024.privateKey,
      Uint8Array.of(9, 9, 9, 9, 9, 9, 9, 9),
    )
    const replay = await performActiveAuthentication(
      chip(() => ({ data: old, sw: SW_OK })),
      rsa1024.publicKey,
      fixedRandom,
    )
    expect(replay.reason).toMatch(/sha1 of M1 ‖ challenge does not match/)

    const ecOther = generateActiveAuthenticationKey({ type: 'ec', curve: 'prime256v1' })
    const ecWrong = await performActiveAuthentication(
      signingChip(ecOther.privateKey),
      p256.publicKey,
      fixedRandom,
    )
    expect(ecWrong).toMatchObject({ verdict: 'failed', scheme: 'ecdsa-plain' })
  })

  it('fails when the chip refuses, answers nothing, or answers with the wrong length', async () => {
    const refused = await performActiveAuthentication(
      chip(() => ({ data: new Uint8Array(0), sw: 0x6d00 })),
      p256.publicKey,
      fixedRandom,
    )
    expect(refused.verdict).toBe('failed')
    expect(refused.reason).toMatch(/SW 6D00/)
    const empty = await performActiveAuthentication(
      chip(() => ({ data: new Uint8Array(0), sw: SW_OK })),
      p256.publicKey,
      fixedRandom,
    )
    expect(empty.reason).toMatch(/no signature/)
    const short = await performActiveAuthentication(
      chip(() => ({ data: new Uint8Array(100), sw: SW_OK })),
      rsa1024.publicKey,
      fixedRandom,
    )
    expect(short.reason).toMatch(/signature of 100 bytes for a 1024-bit key/)
  })

  it('does not support keys it cannot check, and refuses RSA keys below 1024 bits', async () => {
    const ed = generateKeyPairSync('ed25519')
    const card = signingChip(p256.privateKey)
    expect((await performActiveAuthentication(card, ed.publicKey, fixedRandom)).verdict).toBe(
      'not-supported',
    )
    expect(card.sent).toEqual([])
    const small = generateKeyPairSync('rsa', { modulusLength: 512 })
    const weak = await performActiveAuthentication(card, small.publicKey, fixedRandom)
    expect(weak.verdict).toBe('failed')
    expect(weak.reason).toMatch(/only 512 bits/)
    expect(() => signActiveAuthenticationChallenge(ed.privateKey, rnd)).toThrow(RangeError)
  })

  it('never throws on whatever the chip answers', async () => {
    for (const key of [rsa1024.publicKey, p256.publicKey]) {
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 260 }),
          fc.integer({ min: 0, max: 0xffff }),
          async (data, sw) => {
            const result = await performActiveAuthentication(
              chip(() => ({ data, sw })),
              key,
              fixedRandom,
            )
            expect(result.verdict).toBe('failed')
          },
        ),
        { numRuns: 500 },
      )
    }
  })
})
