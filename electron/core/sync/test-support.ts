import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { sha256Hex, SIGNATURE_HEADERS, signResponse, type UpstreamTrust } from '../../../protocol'
import type { UpstreamFetch } from './ca-fetch'

/** A stand-in upstream's identity: what it signs with, and the trust a station would hold. */
export interface TestUpstreamSigner {
  upstreamId: string
  privateKey: KeyObject
  trust: UpstreamTrust
}

export function testUpstreamSigner(upstreamId = 'upstream-test'): TestUpstreamSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return { upstreamId, privateKey, trust: { upstreamId, signingKey: publicKey } }
}

type Answer = (url: string, init: Parameters<UpstreamFetch>[1]) => Response | Promise<Response>

/**
 * A fetch that answers with `answer` and signs each answer as the reference upstream does, bound
 * to the request it answers (its nonce and body): the sync client's tests talk to it.
 */
export function signingFetch(signer: TestUpstreamSigner | null, answer: Answer): UpstreamFetch {
  return async (url, init) => {
    const response = await answer(url, init)
    if (!signer) return response
    const body = new Uint8Array(await response.arrayBuffer())
    const target = new URL(url)
    const headers = new Headers(response.headers)
    const signed = signResponse(
      {
        method: init.method,
        path: `${target.pathname}${target.search}`,
        nonce: init.headers[SIGNATURE_HEADERS.nonce],
        requestSha256: sha256Hex(init.body ?? new Uint8Array(0)),
        status: response.status,
        body,
      },
      signer,
    )
    for (const [name, value] of Object.entries(signed)) headers.set(name, value)
    return new Response(body.length ? body : null, { status: response.status, headers })
  }
}
