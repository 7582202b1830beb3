import { bilingualLine, messageRef } from '../../../../lib/messages'
import { verify, type KeyObject } from 'node:crypto'
import type { CardChannel } from '../../iso7816/apdu'
import { SW_OK } from '../../iso7816/apdu'
import { ecOrderBytes, hashForOrderBytes } from '../../pki/curves'
import type { HashName } from '../../pki/hashes'
import { signatureSchemeFor } from '../../pki/signature-algorithms'
import { verifyIso9796Scheme1 } from './iso9796-2'

export interface ActiveAuthenticationResult {
  /**
   * passed: the chip proved it holds the DG15 private key.
   * failed: it did not (wrong signature, refused the command, malformed answer): `reason` says how.
   * not-supported: the DG15 key is of a kind this terminal cannot check; no command was sent.
   */
  verdict: 'passed' | 'failed' | 'not-supported'
  /** "Vietnamese / English: detail". */
  reason?: string
  scheme?: 'rsa-iso9796-2' | 'ecdsa-plain' | 'ecdsa-der'
  hash?: HashName
}

export interface ActiveAuthenticationOptions {
  /**
   * ECDSA only: DG14 ActiveAuthenticationInfo signatureAlgorithm (ecdsa-with-SHA256…). Without it
   * the hash is chosen by key size, as TR-03111 readers do.
   */
  signatureAlgorithmOid?: string
}

const CHALLENGE_LENGTH = 8
const MIN_RSA_BITS = 1024

/**
 * ICAO 9303-11 Active Authentication: INTERNAL AUTHENTICATE with an 8-byte challenge, then the
 * answer is checked with the DG15 public key. Card misbehaviour gives a 'failed' verdict; only an
 * error of the channel itself (reader gone, secure-messaging failure) propagates. DG15 being present
 * means the chip claims AA, so a chip that refuses the command fails rather than being 'not-supported'.
 */
export async function performActiveAuthentication(
  channel: CardChannel,
  dg15PublicKey: KeyObject,
  randomBytes: (n: number) => Uint8Array,
  options: ActiveAuthenticationOptions = {},
): Promise<ActiveAuthenticationResult> {
  const verifier = verifierFor(dg15PublicKey, options)
  if ('verdict' in verifier) return verifier
  const challenge = randomBytes(CHALLENGE_LENGTH)
  if (challenge.length !== CHALLENGE_LENGTH)
    throw new RangeError('randomBytes(8) returned a wrong length')
  const response = await channel.transmit({
    cla: 0x00,
    ins: 0x88,
    p1: 0x00,
    p2: 0x00,
    data: challenge,
    le: 256,
  })
  if (response.sw !== SW_OK) {
    return failed(
      `the chip answered INTERNAL AUTHENTICATE with SW ${response.sw.toString(16).toUpperCase().padStart(4, '0')}`,
    )
  }
  if (response.data.length === 0) return failed('the chip returned no signature')
  return verifier.check(response.data, challenge)
}

type Verifier = { check(signature: Uint8Array, challenge: Uint8Array): ActiveAuthenticationResult }

function verifierFor(
  key: KeyObject,
  options: ActiveAuthenticationOptions,
): Verifier | ActiveAuthenticationResult {
  if (key.type !== 'public') return notSupported('the DG15 key is not a public key')
  if (key.asymmetricKeyType === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
    if (bits < MIN_RSA_BITS) return failed(`the DG15 RSA key has only ${bits} bits`)
    return {
      check(signature, challenge) {
        const outcome = verifyIso9796Scheme1(key, signature, challenge)
        return outcome.ok
          ? { verdict: 'passed', scheme: 'rsa-iso9796-2', hash: outcome.hash }
          : { ...failed(outcome.reason), scheme: 'rsa-iso9796-2' }
      },
    }
  }
  if (key.asymmetricKeyType === 'ec') {
    const orderBytes = ecOrderBytes(key)
    if (!orderBytes)
      return notSupported(`unknown curve ${key.asymmetricKeyDetails?.namedCurve ?? '(explicit)'}`)
    let hash = hashForOrderBytes(orderBytes)
    if (options.signatureAlgorithmOid) {
      try {
        const scheme = signatureSchemeFor({ oid: options.signatureAlgorithmOid })
        if (scheme.kind !== 'ecdsa')
          return failed(`DG14 names ${options.signatureAlgorithmOid}, not ECDSA`)
        hash = scheme.hash
      } catch {
        return notSupported(`unknown AA signature algorithm ${options.signatureAlgorithmOid}`)
      }
    }
    return {
      check(signature, challenge) {
        // TR-03111 plain r‖s is the ICAO form; some national IDs answer with DER instead.
        const plain = signature.length === 2 * orderBytes
        const encoding = plain ? 'ieee-p1363' : 'der'
        const scheme = plain ? 'ecdsa-plain' : 'ecdsa-der'
        if (!plain && signature[0] !== 0x30) {
          return {
            ...failed(`an ECDSA signature of ${signature.length} bytes is neither r‖s nor DER`),
            scheme,
          }
        }
        let ok = false
        try {
          ok = verify(hash, challenge, { key, dsaEncoding: encoding }, signature)
        } catch {
          ok = false
        }
        return ok
          ? { verdict: 'passed', scheme, hash }
          : { ...failed(`the ECDSA ${hash} signature does not verify`), scheme, hash }
      },
    }
  }
  return notSupported(`a ${key.asymmetricKeyType ?? 'unknown'} key in DG15`)
}

function failed(detail: string): ActiveAuthenticationResult {
  return {
    verdict: 'failed',
    reason: bilingualLine(messageRef('messages.aa.failed'), detail),
  }
}

function notSupported(detail: string): ActiveAuthenticationResult {
  return {
    verdict: 'not-supported',
    reason: bilingualLine(messageRef('messages.aa.notSupported'), detail),
  }
}
