import type { KeyObject } from 'node:crypto'
import {
  keyIdOf,
  publicKeyFromBase64,
  signingKeyType,
  type RegisterRequest,
  type RegisterResponse,
} from '../../../protocol'
import type { UpstreamContext } from '../context'
import { UpstreamError } from '../errors'

/** Parses a terminal's public key from the wire; only Ed25519 and P-256 keys sign requests. */
export function terminalKeyFromBase64(text: string): KeyObject {
  let key: KeyObject
  try {
    key = publicKeyFromBase64(text)
  } catch {
    throw new UpstreamError('bad_request', 'publicKey is not an SPKI DER public key')
  }
  if (!signingKeyType(key))
    throw new UpstreamError('bad_request', 'publicKey must be Ed25519 or ECDSA P-256')
  return key
}

/**
 * Registers a terminal's key with a one-time invite code (the request signature, made with that
 * key, is checked by the caller). A repeat of a registration that already succeeded is success;
 * a fresh code for a registered terminal replaces its key (re-keying).
 */
export async function registerTerminal(
  ctx: UpstreamContext,
  request: RegisterRequest,
): Promise<RegisterResponse> {
  const { invites, terminals } = ctx.repos
  const key = terminalKeyFromBase64(request.publicKey)
  const keyType = signingKeyType(key)
  if (!keyType) throw new UpstreamError('bad_request', 'publicKey must be Ed25519 or ECDSA P-256')
  const keyId = keyIdOf(key)
  const now = ctx.now()
  const answer = (registeredAt: string): RegisterResponse => ({
    terminalId: request.terminalId,
    keyId,
    registeredAt,
    upstream: ctx.keys.publicDocument,
  })

  const invite = await invites.lookup(request.code, now)
  if (invite.status === 'unknown') throw new UpstreamError('invalid_invite', 'unknown code')
  if (invite.status === 'expired') throw new UpstreamError('invalid_invite', 'the code has expired')
  if (invite.status === 'used') {
    const current = await terminals.get(request.terminalId)
    if (invite.terminalId !== request.terminalId)
      throw new UpstreamError('invalid_invite', 'the code was used by another terminal')
    if (invite.keyId !== keyId || !current || current.keyId !== keyId)
      throw new UpstreamError('terminal_conflict', 'the code was used to register another key')
    return answer(current.registeredAt)
  }
  const registeredAt = now.toISOString()
  await ctx.store.durably(async (repos) => {
    if (!(await repos.invites.use(request.code, request.terminalId, keyId, now)))
      throw new UpstreamError('invalid_invite', 'the code was used meanwhile')
    await repos.terminals.upsert({
      terminalId: request.terminalId,
      publicKey: request.publicKey,
      keyId,
      keyType,
      registeredAt,
    })
  })
  ctx.log('terminal registered', { terminalId: request.terminalId, keyId })
  return answer(registeredAt)
}
