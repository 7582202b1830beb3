import { generateKeyPairSync } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from './digest'
import {
  canonicalRequestString,
  readSignatureClaims,
  signRequest,
  verifyBodyDigest,
  verifyRequest,
  verifyRequestHeaders,
  type SignatureClaims,
} from './request-signing'

const ed = generateKeyPairSync('ed25519')
const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
const other = generateKeyPairSync('ed25519')
const UP = 'upstream-a'
const t0 = new Date('2026-03-01T08:00:00.000Z')
let counter = 0
const env = {
  now: () => t0,
  randomBytes: (n: number) => Buffer.alloc(n, ++counter),
}
const body = Buffer.from('{"fileId":"x"}')
const request = { method: 'POST', path: '/v1/files', body }

function claimsOf(headers: Record<string, string>): SignatureClaims {
  const read = readSignatureClaims(headers)
  if (!read.ok) throw new Error(read.detail)
  return read.claims
}

describe('request signing', () => {
  it.each([
    ['Ed25519', ed],
    ['ECDSA P-256', p256],
  ])('signs and verifies with %s keys', (_name, keys) => {
    const headers = signRequest(
      request,
      { terminalId: 'T-1', privateKey: keys.privateKey, upstreamId: UP },
      env,
    )
    expect(headers['x-kiosk-terminal']).toBe('T-1')
    expect(headers['x-kiosk-timestamp']).toBe(String(t0.getTime()))
    expect(headers['x-kiosk-content-sha256']).toBe(sha256Hex(body))
    const claims = claimsOf(headers)
    expect(verifyRequest(request, claims, keys.publicKey, { now: t0, upstreamId: UP })).toEqual({
      ok: true,
    })
  })

  it('verifies the headers without the body, which then must match the signed hash', () => {
    const identity = { terminalId: 'T-1', privateKey: ed.privateKey, upstreamId: UP }
    const claims = claimsOf(signRequest(request, identity, env))
    const target = { method: request.method, path: request.path }
    const options = { now: t0, upstreamId: UP }
    expect(verifyRequestHeaders(target, claims, ed.publicKey, options)).toEqual({ ok: true })
    expect(verifyRequestHeaders(target, claims, other.publicKey, options)).toMatchObject({
      ok: false,
      code: 'bad_signature',
    })
    expect(
      verifyRequestHeaders({ ...target, path: '/v1/status' }, claims, ed.publicKey, options),
    ).toMatchObject({ ok: false, code: 'bad_signature' })
    expect(verifyBodyDigest(body, claims)).toEqual({ ok: true })
    expect(verifyBodyDigest(Buffer.from('{"fileId":"y"}'), claims)).toMatchObject({
      ok: false,
      code: 'bad_signature',
      detail: 'body does not match x-kiosk-content-sha256',
    })
  })

  it('uses a fresh nonce for each signature', () => {
    const identity = { terminalId: 'T-1', privateKey: ed.privateKey, upstreamId: UP }
    const a = signRequest(request, identity, env)
    const b = signRequest(request, identity, env)
    expect(a['x-kiosk-nonce']).not.toBe(b['x-kiosk-nonce'])
  })

  it('builds the documented canonical string', () => {
    expect(
      canonicalRequestString({
        method: 'get',
        path: '/v1/status?cursor=4',
        terminalId: 'T',
        upstreamId: 'U',
        timestamp: '1',
        nonce: 'n',
        contentSha256: 'h',
      }),
    ).toBe('KIOSK-REQUEST-V2\nGET\n/v1/status?cursor=4\nT\nU\n1\nn\nh')
  })

  it('refuses a tampered body, path, method, or another key', () => {
    const headers = signRequest(
      request,
      { terminalId: 'T-1', privateKey: ed.privateKey, upstreamId: UP },
      env,
    )
    const claims = claimsOf(headers)
    const opts = { now: t0, upstreamId: UP }
    const tamperedBody = { ...request, body: Buffer.from('{"fileId":"y"}') }
    expect(verifyRequest(tamperedBody, claims, ed.publicKey, opts)).toMatchObject({
      ok: false,
      code: 'bad_signature',
      detail: expect.stringContaining('body'),
    })
    expect(
      verifyRequest({ ...request, path: '/v1/terminals' }, claims, ed.publicKey, opts),
    ).toMatchObject({ ok: false, code: 'bad_signature' })
    expect(verifyRequest({ ...request, method: 'PUT' }, claims, ed.publicKey, opts)).toMatchObject({
      ok: false,
      code: 'bad_signature',
    })
    expect(verifyRequest(request, claims, other.publicKey, opts)).toMatchObject({
      ok: false,
      code: 'bad_signature',
    })
    // The hash header rewritten to match a new body still breaks the signature.
    const forged = { ...claims, contentSha256: sha256Hex(tamperedBody.body) }
    expect(verifyRequest(tamperedBody, forged, ed.publicKey, opts)).toMatchObject({
      ok: false,
      code: 'bad_signature',
    })
    expect(
      verifyRequest(request, { ...claims, terminalId: 'T-2' }, ed.publicKey, opts),
    ).toMatchObject({ ok: false, code: 'bad_signature' })
  })

  it('binds the signature to one upstream id', () => {
    const headers = signRequest(
      request,
      { terminalId: 'T-1', privateKey: ed.privateKey, upstreamId: UP },
      env,
    )
    expect(headers['x-kiosk-upstream']).toBe(UP)
    const claims = claimsOf(headers)
    // Sent to another upstream: refused by name, before the signature is even looked at.
    expect(
      verifyRequest(request, claims, ed.publicKey, { now: t0, upstreamId: 'upstream-b' }),
    ).toMatchObject({
      ok: false,
      code: 'wrong_upstream',
      detail: expect.stringContaining('upstream-b'),
    })
    // The header rewritten to the other upstream's id breaks the signature.
    expect(
      verifyRequest(request, { ...claims, upstreamId: 'upstream-b' }, ed.publicKey, {
        now: t0,
        upstreamId: 'upstream-b',
      }),
    ).toMatchObject({ ok: false, code: 'bad_signature' })
  })

  it('refuses a timestamp outside the window, accepts one inside', () => {
    const claims = claimsOf(
      signRequest(request, { terminalId: 'T-1', privateKey: ed.privateKey, upstreamId: UP }, env),
    )
    const later = (ms: number) => new Date(t0.getTime() + ms)
    expect(
      verifyRequest(request, claims, ed.publicKey, { now: later(299_000), upstreamId: UP }).ok,
    ).toBe(true)
    expect(
      verifyRequest(request, claims, ed.publicKey, { now: later(301_000), upstreamId: UP }),
    ).toMatchObject({
      ok: false,
      code: 'stale_timestamp',
    })
    expect(
      verifyRequest(request, claims, ed.publicKey, { now: later(-301_000), upstreamId: UP }),
    ).toMatchObject({
      ok: false,
      code: 'stale_timestamp',
    })
    expect(
      verifyRequest(request, claims, ed.publicKey, {
        now: later(20_000),
        maxSkewMs: 10_000,
        upstreamId: UP,
      }),
    ).toMatchObject({ ok: false, code: 'stale_timestamp' })
  })

  it('reads claims only from well-formed headers', () => {
    const headers = signRequest(
      request,
      { terminalId: 'T-1', privateKey: ed.privateKey, upstreamId: UP },
      env,
    )
    expect(readSignatureClaims(headers).ok).toBe(true)
    for (const name of Object.keys(headers)) {
      const missing = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name))
      expect(readSignatureClaims(missing)).toMatchObject({
        ok: false,
        code: 'unsigned_request',
        detail: expect.stringContaining(name),
      })
    }
    expect(readSignatureClaims({ ...headers, 'x-kiosk-nonce': 'short' }).ok).toBe(false)
    expect(readSignatureClaims({ ...headers, 'x-kiosk-timestamp': '12.5' }).ok).toBe(false)
    expect(readSignatureClaims({ ...headers, 'x-kiosk-terminal': ['a', 'b'] }).ok).toBe(false)
  })

  it('never throws on arbitrary headers and signatures', () => {
    const names = [
      'x-kiosk-terminal',
      'x-kiosk-upstream',
      'x-kiosk-timestamp',
      'x-kiosk-nonce',
      'x-kiosk-content-sha256',
      'x-kiosk-signature',
    ]
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), fc.oneof(fc.string(), fc.array(fc.string()))),
        (headers) => {
          const read = readSignatureClaims(headers)
          if (read.ok) {
            const result = verifyRequest(request, read.claims, ed.publicKey, {
              now: t0,
              upstreamId: UP,
            })
            expect(result.ok).toBe(false)
          }
        },
      ),
    )
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,200}$/), (signature) => {
        const claims = {
          ...claimsOf(
            signRequest(
              request,
              { terminalId: 'T', privateKey: p256.privateKey, upstreamId: UP },
              env,
            ),
          ),
          signature,
        }
        expect(verifyRequest(request, claims, p256.publicKey, { now: t0, upstreamId: UP }).ok).toBe(
          false,
        )
      }),
    )
  })
})
