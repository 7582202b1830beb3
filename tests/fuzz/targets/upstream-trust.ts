import { readRegistrationCode, RegistrationError } from '../../../electron/core/sync'
import { checkAnswerSignature } from '../../../electron/core/sync/answer-trust'
import { UpstreamRequestError } from '../../../electron/core/sync/upstream-error'
import {
  formatRegistrationCode,
  REGISTRATION_CODE_ALPHABET,
  RESPONSE_HEADERS,
  sha256Hex,
  signResponse,
  type SignedAnswer,
  type UpstreamPublicKeys,
} from '../../../protocol'
import { generateTerminalKeyPair } from '../../../protocol/packet'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { randomText } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'

const utf8 = new TextDecoder('utf-8')
const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'))

const FUZZ_UPSTREAM_KEYS: UpstreamPublicKeys = {
  upstreamId: 'upstream-fuzz',
  encryption: { type: 'x25519', keyId: 'a'.repeat(32), publicKey: `${'A'.repeat(43)}=` },
  signing: { type: 'ed25519', keyId: 'b'.repeat(32), publicKey: `${'B'.repeat(43)}=` },
}
const INVITE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{16}$/
const FINGERPRINT_PATTERN = /^[0-9A-HJKMNP-TV-Z]{32}$/

/**
 * Input: the text an officer typed; the first byte's low bit says whether the installer pinned
 * the upstream's keys (a bare invite is then allowed).
 */
export const registrationCode: FuzzTarget = {
  name: 'registration-code',
  parses:
    'readRegistrationCode / parseRegistrationCode (the code an officer types to register a station: Crockford base32, Luhn mod 32 check)',
  typedErrors: 'RegistrationError',
  setup: () => {
    const code = formatRegistrationCode('7K2MQX4R9T0VWZ5N', FUZZ_UPSTREAM_KEYS)
    const seeds = [
      code,
      code.toLowerCase(),
      code.replace(/-/g, ' '),
      code.replace(/-/g, ''),
      '7K2M-QX4R-9T0V-WZ5N',
      `  ${code}\n`,
    ].flatMap((s) => [text(`\u0000${s}`), text(`\u0001${s}`)])
    return {
      seeds,
      generated: randomText(`${REGISTRATION_CODE_ALPHABET}ilouILOU- \t\n\u0000\u0001`, 80),
      structure: { tlv: false, dictionary: ['-', ' ', 'I', 'L', 'O', 'U', '0', 'Z', code] },
      mode: 'sync',
      execute: (input) =>
        readRegistrationCode(utf8.decode(input.subarray(1)), (input[0]! & 1) === 1),
      isTyped: instanceOfAny(RegistrationError),
      checkResult: (result) => {
        const { invite, fingerprint } = result as { invite: string; fingerprint: string | null }
        if (!INVITE_PATTERN.test(invite)) return `invite ${JSON.stringify(invite)} accepted`
        if (fingerprint !== null && !FINGERPRINT_PATTERN.test(fingerprint))
          return `fingerprint ${JSON.stringify(fingerprint)} accepted`
        return null
      },
    }
  },
}

/** Header lines as received; a line the Headers class refuses never reaches the kiosk. */
function headersOf(block: string): Headers {
  const headers = new Headers()
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim())
    } catch {
      // Not a header an HTTP stack would hand over.
    }
  }
  return headers
}

/**
 * Input: the answer's header block ("name: value" lines). The kiosk checks them against one
 * fixed request and answer, as the sync client does for every answer it acts on.
 */
export const signedAnswerHeaders: FuzzTarget = {
  name: 'signed-answer-headers',
  parses:
    "checkAnswerSignature (readResponseSignature, verifyResponse): the upstream's x-kiosk-upstream and x-kiosk-response-signature headers on an answer the kiosk acts on",
  typedErrors: 'UpstreamRequestError',
  setup: () => {
    const keys = generateTerminalKeyPair(seededRandom('fuzz-upstream-signing'))
    const trust = { upstreamId: 'upstream-fuzz', signingKey: keys.publicKey }
    const answer: SignedAnswer = {
      method: 'POST',
      path: '/v1/files/3c9d6f0a-1b2e-4c3d-8e4f-5a6b7c8d9e01/complete',
      nonce: 'B'.repeat(24),
      requestSha256: sha256Hex(Buffer.from('{}')),
      status: 200,
      body: Buffer.from('{"fileId":"3c9d6f0a-1b2e-4c3d-8e4f-5a6b7c8d9e01","state":"received"}'),
    }
    const genuine = signResponse(answer, {
      upstreamId: trust.upstreamId,
      privateKey: keys.privateKey,
    })
    const genuineSignature = Buffer.from(genuine[RESPONSE_HEADERS.signature], 'base64url')
    const block = (h: Record<string, string>) =>
      text(
        Object.entries(h)
          .map(([name, value]) => `${name}: ${value}`)
          .join('\n'),
      )
    const seeds = [
      block(genuine),
      block({ ...genuine, 'content-type': 'application/json' }),
      block({ [RESPONSE_HEADERS.upstream]: trust.upstreamId }),
      block({ ...genuine, [RESPONSE_HEADERS.upstream]: 'upstream-other' }),
      block({ ...genuine, [RESPONSE_HEADERS.signature]: 'A'.repeat(86) }),
    ]
    return {
      seeds,
      generated: randomText(
        'x-kiosk-upstream-response-signature: ABCDEFabcdef0123456789_-+/=\n\r\t,',
        400,
      ),
      structure: {
        tlv: false,
        dictionary: [
          RESPONSE_HEADERS.upstream,
          RESPONSE_HEADERS.signature,
          ': ',
          '\n',
          ', ',
          trust.upstreamId,
          genuine[RESPONSE_HEADERS.signature],
        ],
      },
      mode: 'sync',
      execute: (input) => {
        const headers = headersOf(utf8.decode(input))
        checkAnswerSignature({ answer, headers, request: 'POST /v1/files/…/complete' }, trust)
        return headers
      },
      isTyped: instanceOfAny(UpstreamRequestError),
      // Accepted only with the genuine signature (its bytes: base64url has spare trailing bits).
      checkResult: (result) => {
        const headers = result as Headers
        const signature = headers.get(RESPONSE_HEADERS.signature) ?? ''
        if (headers.get(RESPONSE_HEADERS.upstream) !== trust.upstreamId)
          return 'accepted an answer naming another upstream'
        return Buffer.from(signature, 'base64url').equals(genuineSignature)
          ? null
          : `accepted the signature ${signature}`
      },
    }
  },
}
