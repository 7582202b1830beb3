import { CatalogueError, messageRef } from '../../../lib/messages'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { publicKeyFromBase64, type UpstreamTrust } from '../../../protocol'
import type { SyncSettings } from '../config'
import type { TerminalRegistration, TerminalRegistrationRepository } from '../store'
import {
  caPinnedFetch,
  createUpstreamClient,
  parseUpstreamPublicKeys,
  registerTerminal,
} from '../sync'
import type { UpstreamClient, UpstreamFetch } from '../sync'
import type { QueueServicesDeps } from './queue-deps'

/** An installer may pin the upstream's keys here; registration then refuses any other upstream. */
export const PINNED_UPSTREAM_KEYS_FILE = 'upstream-public.json'

/** The station's link to its upstream: the signed client, and registration with it. */
export interface UpstreamConnection {
  /** The client for the upstream now configured (made again when its URL changes), or null. */
  client(): UpstreamClient | null
  register(code: string): Promise<TerminalRegistration>
  /** Registers with the training upstream unless this station is registered with it already. */
  ensureTrainingRegistration(): Promise<void>
}

export function createUpstreamConnection(
  deps: QueueServicesDeps,
  settings: SyncSettings,
  registrations: TerminalRegistrationRepository,
  onRegistered: () => void,
): UpstreamConnection {
  let cached: UpstreamClient | null = null
  const trust = registeredTrust(registrations)
  const client = (): UpstreamClient | null => {
    if (!deps.upstream) return null
    if (cached?.baseUrl !== deps.upstream.url.replace(/\/+$/, '')) {
      const fetch = fetchFor(deps.upstream.caFile, deps.fetch)
      cached = createUpstreamClient({
        baseUrl: deps.upstream.url,
        terminalId: deps.stationId,
        privateKey: deps.keys.terminal.privateKey,
        now: deps.now,
        randomBytes: deps.randomBytes,
        timeoutMs: settings.requestTimeoutMs,
        trust,
        ...(fetch ? { fetch } : {}),
      })
    }
    return cached
  }

  const recordRegistration = deps.db.transaction((result: TerminalRegistration) => {
    registrations.set(result)
    deps.audit.append({
      actor: 'station',
      action: 'terminal.registered',
      subject: result.terminalId,
      details: { upstreamId: result.upstreamId, keyId: result.keyId },
    })
  })

  const register = async (code: string): Promise<TerminalRegistration> => {
    const target = client()
    if (!target) throw new CatalogueError(messageRef('messages.queue.noUpstream'))
    const pinned = readPinnedKeys(deps.dataDir)
    const result = await registerTerminal({
      client: target,
      terminalId: deps.stationId,
      terminal: deps.keys.terminal,
      code,
      ...(pinned ? { pinnedKeys: pinned } : {}),
    })
    recordRegistration(result)
    onRegistered()
    return result
  }

  return {
    client,
    register,
    async ensureTrainingRegistration() {
      const target = deps.upstream
      const training = client()
      if (!target?.training || !target.invite || !training) return
      const registration = registrations.get()
      // A training upstream whose data was reset is a new upstream: register with it again.
      if (registration && (await training.info()).keys.upstreamId === registration.upstreamId)
        return
      await register(await target.invite())
    },
  }
}

/** The registered upstream as the client checks answers against it, its key parsed once. */
function registeredTrust(registrations: TerminalRegistrationRepository) {
  let trusted: { signingKeyId: string; trust: UpstreamTrust } | null = null
  return (): UpstreamTrust | null => {
    const registration = registrations.get()
    if (!registration) return null
    if (trusted?.signingKeyId !== registration.signingKeyId)
      trusted = {
        signingKeyId: registration.signingKeyId,
        trust: {
          upstreamId: registration.upstreamId,
          signingKey: publicKeyFromBase64(registration.signingPublicKey),
        },
      }
    return trusted.trust
  }
}

/** The injected fetch (tests), a fetch trusting only the configured CA, or the default one. */
function fetchFor(
  caFile: string | undefined,
  injected: UpstreamFetch | undefined,
): UpstreamFetch | undefined {
  if (injected || caFile === undefined) return injected
  let ca: Buffer
  try {
    ca = readFileSync(caFile)
  } catch (error) {
    throw new CatalogueError(
      messageRef('messages.sync.caFileUnreadable', { file: caFile }),
      (error as Error).message,
    )
  }
  return caPinnedFetch(ca)
}

function readPinnedKeys(dataDir: string) {
  let text: string
  try {
    text = readFileSync(join(dataDir, PINNED_UPSTREAM_KEYS_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return parseUpstreamPublicKeys(JSON.parse(text))
}
