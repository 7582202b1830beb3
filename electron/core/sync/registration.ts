import { CatalogueError, messageRef, type CatalogueMessage } from '../../../lib/messages'
import {
  canonicalUpstreamKeys,
  parseRegistrationCode,
  upstreamKeysFingerprint,
  type RegisterResponse,
  type RegistrationCode,
  type UpstreamPublicKeys,
  type UpstreamTrust,
  UpstreamPublicKeysSchema,
} from '../../../protocol'
import {
  keyIdOf,
  publicKeyFromBase64,
  publicKeyToBase64,
  type KeyPair,
} from '../../../protocol/packet'
import type { TerminalRegistration } from '../store'
import type { UpstreamClient } from './client'
import { UpstreamRequestError } from './upstream-error'
import { safeParse } from '../../../lib/schema'

/** Registration refused or inconsistent; the message is bilingual. */
export class RegistrationError extends CatalogueError {
  constructor(
    detail: string,
    text: CatalogueMessage = messageRef('messages.sync.registrationFailed'),
  ) {
    super(text, detail)
    this.name = 'RegistrationError'
  }
}

/** Parses an upstream public-key document (e.g. the file written by `kiosk upstream pubkey`). */
export function parseUpstreamPublicKeys(json: unknown): UpstreamPublicKeys {
  const parsed = safeParse(UpstreamPublicKeysSchema, json)
  if (!parsed.success) throw new RegistrationError(`upstream keys: ${parsed.error.message}`)
  return parsed.data
}

const CODE_PROBLEM_MESSAGES = {
  length: 'messages.sync.registrationCodeLength',
  alphabet: 'messages.sync.registrationCodeCharacters',
  check: 'messages.sync.registrationCodeCheck',
} as const

/** The code as typed, parsed; a code the station cannot trust an upstream by is refused here. */
export function readRegistrationCode(text: string, hasPinnedKeys: boolean): RegistrationCode {
  const parsed = parseRegistrationCode(text)
  if (!parsed.ok)
    throw new RegistrationError(parsed.problem, messageRef(CODE_PROBLEM_MESSAGES[parsed.problem]))
  if (parsed.code.fingerprint === null && !hasPinnedKeys)
    throw new RegistrationError(
      'no fingerprint and no pinned keys',
      messageRef('messages.sync.registrationCodeWithoutFingerprint'),
    )
  return parsed.code
}

function checkKeys(keys: UpstreamPublicKeys): void {
  const encryption = publicKeyFromBase64(keys.encryption.publicKey)
  const signing = publicKeyFromBase64(keys.signing.publicKey)
  if (encryption.asymmetricKeyType !== 'x25519' || keyIdOf(encryption) !== keys.encryption.keyId)
    throw new RegistrationError('the upstream encryption key is not the X25519 key it names')
  if (signing.asymmetricKeyType !== 'ed25519' || keyIdOf(signing) !== keys.signing.keyId)
    throw new RegistrationError('the upstream signing key is not the Ed25519 key it names')
}

/**
 * The upstream's keys, if they are the ones the station was told to trust (the code's fingerprint,
 * else the installer's pinned keys); a RegistrationError naming the URL otherwise.
 */
function trustedKeys(
  keys: UpstreamPublicKeys,
  code: RegistrationCode,
  url: string,
  pinnedKeys: UpstreamPublicKeys | undefined,
): UpstreamTrust {
  if (pinnedKeys && canonicalUpstreamKeys(pinnedKeys) !== canonicalUpstreamKeys(keys))
    throw new RegistrationError(
      `the upstream answered with ${keys.upstreamId}`,
      messageRef('messages.sync.pinnedKeysDiffer', { url }),
    )
  if (code.fingerprint !== null && upstreamKeysFingerprint(keys) !== code.fingerprint)
    throw new RegistrationError(
      `the upstream answered with ${keys.upstreamId}, fingerprint ${upstreamKeysFingerprint(keys)}`,
      messageRef('messages.sync.wrongFingerprint', { url }),
    )
  checkKeys(keys)
  return { upstreamId: keys.upstreamId, signingKey: publicKeyFromBase64(keys.signing.publicKey) }
}

/**
 * Registers the terminal's key with a registration code and returns what to store. First the
 * upstream's keys are read and checked against the code's fingerprint (or the installer's pinned
 * keys): only then is the registration sent, signed for that upstream, and its answer must be
 * signed by the key the fingerprint pinned. Nothing is stored here; a refusal leaves no trace.
 */
export async function registerTerminal(options: {
  client: UpstreamClient
  terminalId: string
  terminal: KeyPair
  code: string
  pinnedKeys?: UpstreamPublicKeys
}): Promise<TerminalRegistration> {
  const code = readRegistrationCode(options.code, options.pinnedKeys !== undefined)
  const url = options.client.baseUrl
  let trust: UpstreamTrust | undefined
  let response: RegisterResponse
  try {
    const info = await options.client.info(undefined, (answer) => {
      trust = trustedKeys(answer.keys, code, url, options.pinnedKeys)
      return trust
    })
    if (!trust) throw new RegistrationError('the upstream keys were not checked')
    response = await options.client.register(
      {
        code: code.invite,
        terminalId: options.terminalId,
        publicKey: publicKeyToBase64(options.terminal.publicKey),
      },
      trust,
    )
    if (canonicalUpstreamKeys(response.upstream) !== canonicalUpstreamKeys(info.keys))
      throw new RegistrationError('the upstream registered with other keys than it showed')
  } catch (error) {
    if (error instanceof CatalogueError) throw error
    // The client's own sentence (unsigned answer, untrusted certificate…) stays the message.
    if (error instanceof UpstreamRequestError && error.messageKey)
      throw new RegistrationError(error.message, messageRef(error.messageKey, error.params))
    throw new RegistrationError((error as Error).message)
  }
  if (response.terminalId !== options.terminalId || response.keyId !== options.terminal.keyId)
    throw new RegistrationError('the upstream registered another terminal or key')
  const keys = response.upstream
  return {
    terminalId: options.terminalId,
    keyId: options.terminal.keyId,
    upstreamId: keys.upstreamId,
    upstreamUrl: url,
    encryptionKeyId: keys.encryption.keyId,
    encryptionPublicKey: keys.encryption.publicKey,
    signingKeyId: keys.signing.keyId,
    signingPublicKey: keys.signing.publicKey,
    registeredAt: response.registeredAt,
  }
}
