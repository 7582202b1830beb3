import { CatalogueError, messageRef } from '../../../lib/messages'
import {
  type RegisterResponse,
  type UpstreamPublicKeys,
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
import { safeParse } from '../../../lib/schema'

/** Registration refused or inconsistent; the message is bilingual. */
export class RegistrationError extends CatalogueError {
  constructor(detail: string) {
    super(messageRef('messages.sync.registrationFailed'), detail)
    this.name = 'RegistrationError'
  }
}

/** Parses an upstream public-key document (e.g. the file written by `kiosk upstream pubkey`). */
export function parseUpstreamPublicKeys(json: unknown): UpstreamPublicKeys {
  const parsed = safeParse(UpstreamPublicKeysSchema, json)
  if (!parsed.success) throw new RegistrationError(`upstream keys: ${parsed.error.message}`)
  return parsed.data
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
 * Registers the terminal's key with a one-time invite code and returns what to store. When the
 * station has pinned upstream keys (from its installer), the upstream must answer with those.
 */
export async function registerTerminal(options: {
  client: UpstreamClient
  terminalId: string
  terminal: KeyPair
  code: string
  pinnedKeys?: UpstreamPublicKeys
}): Promise<TerminalRegistration> {
  let response: RegisterResponse
  try {
    response = await options.client.register({
      code: options.code,
      terminalId: options.terminalId,
      publicKey: publicKeyToBase64(options.terminal.publicKey),
    })
  } catch (error) {
    throw new RegistrationError((error as Error).message)
  }
  if (response.terminalId !== options.terminalId || response.keyId !== options.terminal.keyId)
    throw new RegistrationError('the upstream registered another terminal or key')
  const keys = response.upstream
  checkKeys(keys)
  if (options.pinnedKeys && JSON.stringify(options.pinnedKeys) !== JSON.stringify(keys))
    throw new RegistrationError(
      `the upstream's keys differ from the pinned ones (${keys.upstreamId})`,
    )
  return {
    terminalId: options.terminalId,
    keyId: options.terminal.keyId,
    upstreamId: keys.upstreamId,
    upstreamUrl: options.client.baseUrl,
    encryptionKeyId: keys.encryption.keyId,
    encryptionPublicKey: keys.encryption.publicKey,
    signingKeyId: keys.signing.keyId,
    signingPublicKey: keys.signing.publicKey,
    registeredAt: response.registeredAt,
  }
}
