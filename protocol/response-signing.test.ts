import { generateKeyPairSync } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from './digest'
import {
  canonicalResponseString,
  readResponseSignature,
  RESPONSE_HEADERS,
  signResponse,
  verifyResponse,
  type SignedAnswer,
} from './response-signing'

const upstreamKey = generateKeyPairSync('ed25519')
const otherKey = generateKeyPairSync('ed25519')
const signer = { upstreamId: 'upstream-a', privateKey: upstreamKey.privateKey }
const trust = { upstreamId: 'upstream-a', signingKey: upstreamKey.publicKey }

const answer: SignedAnswer = {
  method: 'POST',
  path: '/v1/files/abc/complete',
  nonce: 'AAAAAAAAAAAAAAAAAAAAAAAA',
  requestSha256: sha256Hex(Buffer.from('{}')),
  status: 200,
  body: Buffer.from('{"fileId":"abc","state":"received"}'),
}

/** The claims the kiosk reads from the headers `signResponse` made. */
function claimsOf(headers: Record<string, string>) {
  return readResponseSignature((name) => headers[name])
}

function signedClaims(signed: SignedAnswer = answer, by = signer) {
  return claimsOf(signResponse(signed, by))
}

/** The same digest with its first hex digit changed. */
const otherHex = (hex: string) => (hex.startsWith('0') ? '1' : '0') + hex.slice(1)

describe('response signing', () => {
  it('builds the documented canonical string', () => {
    expect(
      canonicalResponseString({
        upstreamId: 'U',
        status: 404,
        method: 'get',
        path: '/v1/status?cursor=4',
        nonce: undefined,
        requestSha256: 'r',
        bodySha256: 'b',
      }),
    ).toBe('KIOSK-RESPONSE-V1\nU\n404\nGET\n/v1/status?cursor=4\n-\nr\nb')
  })

  it('signs an answer that verifies with the upstream key, naming the upstream', () => {
    const headers = signResponse(answer, signer)
    expect(headers[RESPONSE_HEADERS.upstream]).toBe('upstream-a')
    expect(headers[RESPONSE_HEADERS.signature]).toMatch(/^[A-Za-z0-9_-]{86}$/)
    expect(verifyResponse(answer, claimsOf(headers), trust)).toEqual({ ok: true })
  })

  it('refuses a tampered body, status or signature header', () => {
    const claims = signedClaims()
    const refused = { ok: false, problem: 'bad-signature' }
    expect(verifyResponse({ ...answer, body: Buffer.from('{}') }, claims, trust)).toEqual(refused)
    expect(verifyResponse({ ...answer, status: 201 }, claims, trust)).toEqual(refused)
    const flipped = claims!.signature.startsWith('A') ? 'B' : 'A'
    const forged = { ...claims!, signature: flipped + claims!.signature.slice(1) }
    expect(verifyResponse(answer, forged, trust)).toEqual(refused)
    expect(
      verifyResponse(
        answer,
        signedClaims(answer, { ...signer, privateKey: otherKey.privateKey }),
        trust,
      ),
    ).toEqual(refused)
  })

  it('refuses an answer replayed to another request', () => {
    const claims = signedClaims()
    const later = [
      { ...answer, nonce: 'BBBBBBBBBBBBBBBBBBBBBBBB' },
      { ...answer, nonce: undefined },
      { ...answer, requestSha256: sha256Hex(Buffer.from('{"x":1}')) },
      { ...answer, path: '/v1/files/abd/complete' },
      { ...answer, method: 'PUT' },
    ]
    for (const request of later)
      expect(verifyResponse(request, claims, trust)).toEqual({
        ok: false,
        problem: 'bad-signature',
      })
  })

  it('refuses an answer unsigned, or signed as another upstream', () => {
    expect(verifyResponse(answer, null, trust)).toEqual({ ok: false, problem: 'unsigned' })
    const asOther = signedClaims(answer, { ...signer, upstreamId: 'upstream-b' })
    expect(verifyResponse(answer, asOther, trust)).toEqual({
      ok: false,
      problem: 'other-upstream',
    })
    // The id header rewritten to the trusted one: the signature was made over the other id.
    expect(verifyResponse(answer, { ...asOther!, upstreamId: 'upstream-a' }, trust)).toEqual({
      ok: false,
      problem: 'bad-signature',
    })
  })

  it('reads the headers only when both are there and well formed', () => {
    const headers = signResponse(answer, signer)
    for (const name of Object.values(RESPONSE_HEADERS)) {
      const without = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name))
      expect(claimsOf(without)).toBeNull()
    }
    for (const [name, bad] of [
      [RESPONSE_HEADERS.upstream, ''],
      [RESPONSE_HEADERS.upstream, 'upstream a'],
      [RESPONSE_HEADERS.upstream, 'u'.repeat(101)],
      [RESPONSE_HEADERS.signature, 'a+b/c='],
      [RESPONSE_HEADERS.signature, 'A'.repeat(201)],
    ] as const)
      expect(claimsOf({ ...headers, [name]: bad })).toBeNull()
  })

  it('verifies every answer it signed, and no answer changed in one field', () => {
    const answerArb = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT'),
      path: fc.string({ minLength: 1, maxLength: 60 }).map((p) => `/v1/${p}`),
      nonce: fc.option(fc.base64String({ minLength: 16, maxLength: 64 }), { nil: undefined }),
      requestSha256: fc.uint8Array({ maxLength: 40 }).map((b) => sha256Hex(b)),
      status: fc.integer({ min: 100, max: 599 }),
      body: fc.uint8Array({ maxLength: 200 }),
    })
    fc.assert(
      fc.property(answerArb, fc.uint8Array({ minLength: 1, maxLength: 8 }), (signed, extra) => {
        const claims = signedClaims(signed)
        expect(verifyResponse(signed, claims, trust)).toEqual({ ok: true })
        const changed: SignedAnswer[] = [
          { ...signed, body: Buffer.concat([signed.body, extra]) },
          { ...signed, status: signed.status === 200 ? 204 : 200 },
          { ...signed, path: `${signed.path}x` },
          { ...signed, nonce: `${signed.nonce ?? ''}AAAAAAAAAAAAAAAA` },
          { ...signed, requestSha256: otherHex(signed.requestSha256) },
        ]
        for (const other of changed) expect(verifyResponse(other, claims, trust).ok).toBe(false)
      }),
      { numRuns: 50 },
    )
  })

  it('never throws on arbitrary header values', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (upstreamId, signature) => {
        const claims = readResponseSignature(
          (name) =>
            ({ [RESPONSE_HEADERS.upstream]: upstreamId, [RESPONSE_HEADERS.signature]: signature })[
              name
            ],
        )
        expect(verifyResponse(answer, claims, trust).ok).toBe(false)
      }),
    )
  })
})
