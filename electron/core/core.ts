import { randomBytes as cryptoRandomBytes, randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  errorMessage,
  KioskError,
  type EventName,
  type EventPayload,
  type Language,
} from '../contract'
import type { TrustStore } from '../../drivers/smartcard'
import type { PcscServiceLike } from '../../drivers/smartcard'
import { APP_VERSION } from './app-version'
import { createAuditLog, type AuditLog } from './audit'
import {
  createCardServiceForMode,
  pcscProbeFrom,
  simulatedReaderFrom,
  wireCardService,
  type CardService,
} from './card'
import type { KioskConfig } from './config'
import {
  createDeviceManager,
  createRealProvider,
  createSimulatedProvider,
  defaultRealProbes,
  type DeviceManager,
  type DeviceProvider,
} from './devices'
import { createDispatcher, type Dispatch, type Handlers } from './dispatch'
import { frozenError, sentenceOf } from './error-sentence'
import { fileKeyProtector, loadStationKeys, type KeyProtector, type StationKeys } from './keys'
import { silentLogger, type Logger } from './log'
import type { RandomBytes } from '../../protocol/packet'
import {
  createQueueServices,
  SubmitRefusedError,
  type QueueServices,
  type SubmitInput,
  type SubmitResult,
  type UpstreamTarget,
} from './queue'
import {
  createSettingsRepository,
  migrate,
  migrations,
  openDatabase,
  type SettingsRepository,
  type SqliteDatabase,
} from './store'

export type ShellName = 'electron' | 'host' | 'cli'

export const DATABASE_FILE_NAME = 'kiosk.sqlite'

export interface CoreOptions {
  shell: ShellName
  log?: Logger
  now?: () => Date
  randomId?: () => string
  /** Override device providers (tests, or a shell with its own hardware access). */
  providers?: { real?: DeviceProvider; simulated?: DeviceProvider }
  devicePollMs?: number
  card?: {
    /** A ready card service (tests); default: the one the device mode calls for. */
    service?: CardService
    /** CSCA certificates to trust (resources/trust); default: none, so real cards say `untrusted`. */
    trustDir?: string
    /** How PC/SC is opened (tests); default openPcscService(). */
    openPcsc?: () => Promise<PcscServiceLike>
  }
  randomBytes?: RandomBytes
  /** Uniform in [0, 1), for backoff jitter. */
  random?: () => number
  /** Protects the key files: Electron passes safeStorage; host and CLI keep the default. */
  keyProtector?: KeyProtector
  /**
   * The upstream when it is not `config.upstreamUrl`: the in-process training upstream a shell
   * started because none is configured.
   */
  upstream?: UpstreamTarget
  /** Run sync passes in the background (Electron, host); the CLI runs them on demand. */
  backgroundSync?: boolean
  freeDiskBytes?: (dir: string) => number
  fetch?: typeof fetch
}

function createStationId(settings: SettingsRepository, audit: AuditLog, id: string): string {
  settings.set('station.id', id)
  audit.append({ actor: 'system', action: 'station.created', subject: id })
  return id
}

type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface Core {
  readonly config: KioskConfig
  readonly shell: ShellName
  readonly stationId: string
  readonly db: SqliteDatabase
  readonly devices: DeviceManager
  /** The chip card reader: PC/SC readers, or the in-process virtual reader of training mode. */
  readonly card: CardService
  readonly audit: AuditLog
  readonly settings: SettingsRepository
  readonly keys: StationKeys
  /** Outbox, sync, registration, export and drafts. */
  readonly queue: QueueServices
  /** Submits one enrollment file; throws SubmitRefusedError when a freeze rule applies. */
  submit(input: SubmitInput): SubmitResult
  /** Validates and runs one contract request; never throws. */
  readonly dispatch: Dispatch
  language(): Language
  onEvent(listener: EventListener): () => void
  close(): Promise<void>
}

/**
 * The composition root: every shell (Electron, headless host, CLI) starts the kiosk through here.
 * Opens the data directory and database, applies migrations, and starts the device manager.
 */
export async function createCore(config: KioskConfig, options: CoreOptions): Promise<Core> {
  const log = options.log ?? silentLogger
  const now = options.now ?? (() => new Date())
  const randomId = options.randomId ?? randomUUID
  const randomBytes = options.randomBytes ?? cryptoRandomBytes
  const random = options.random ?? (() => cryptoRandomBytes(6).readUIntBE(0, 6) / 2 ** 48)

  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  const db = openDatabase(join(config.dataDir, DATABASE_FILE_NAME))
  let settings: SettingsRepository
  let audit: AuditLog
  let stationId: string
  let keys: StationKeys
  try {
    const applied = migrate(db, migrations)
    if (applied.length) log.info('database migrated', { applied })
    settings = createSettingsRepository(db, now)
    audit = createAuditLog(db, now)
    stationId = settings.get<string>('station.id') ?? createStationId(settings, audit, randomId())
    keys = loadStationKeys(config.dataDir, options.keyProtector ?? fileKeyProtector, randomBytes)
    audit.append({
      actor: 'system',
      action: 'core.started',
      details: { shell: options.shell, devices: config.devices },
    })
  } catch (error) {
    // A database from a newer kiosk, a full disk…: leave the file closed and untouched.
    db.close()
    throw error
  }

  const listeners = new Set<EventListener>()
  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload)
  }

  let card: CardService
  try {
    card = options.card?.service ?? (await createCardService(config, options, now, log))
  } catch (error) {
    db.close()
    throw error
  }

  const upstream: UpstreamTarget | null =
    options.upstream ??
    (config.upstreamUrl !== null ? { url: config.upstreamUrl, training: false } : null)
  let queue: QueueServices
  try {
    queue = createQueueServices({
      db,
      audit,
      dataDir: config.dataDir,
      stationId,
      keys,
      software: { name: 'vneid-enrollment-kiosk', version: APP_VERSION },
      ...(config.sync ? { sync: config.sync } : {}),
      ...(config.freeze ? { freeze: config.freeze } : {}),
      upstream,
      now,
      randomBytes,
      random,
      randomId,
      log,
      ...(options.freeDiskBytes ? { freeDiskBytes: options.freeDiskBytes } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      onChange: (status) => emit('queue.changed', status),
    })
  } catch (error) {
    await card.close().catch(() => undefined)
    db.close()
    throw error
  }

  const devices = createDeviceManager({
    mode: config.devices,
    now,
    real:
      options.providers?.real ??
      createRealProvider(
        now,
        card.kind === 'pcsc'
          ? { ...defaultRealProbes, pcsc: pcscProbeFrom(card) }
          : defaultRealProbes,
      ),
    simulated:
      options.providers?.simulated ??
      createSimulatedProvider(now, { cardReader: simulatedReaderFrom(card) }),
    ...(options.devicePollMs !== undefined ? { pollMs: options.devicePollMs } : {}),
  })
  devices.onChange((list) => emit('devices.changed', list))
  const cardWiring = wireCardService({
    service: card,
    emit,
    log,
    onDevicesChanged: () => void devices.refresh(),
  })
  await devices.refresh()

  let language: Language = config.language
  let closed = false

  const handlers: Handlers = {
    'app.info': () => ({
      appVersion: APP_VERSION,
      shell: options.shell === 'electron' ? 'electron' : 'host',
      language,
      devicesMode: config.devices,
      stationId,
      upstream: { url: upstream?.url ?? null, training: upstream?.training ?? true },
    }),
    ...cardWiring.handlers,
    'devices.list': () => devices.list(),
    'devices.refresh': () => devices.refresh(),
    'settings.setLanguage': ({ language: next }) => {
      if (next !== language) {
        language = next
        audit.append({ actor: 'station', action: 'ui.language', details: { language: next } })
        emit('app.languageChanged', { language: next })
      }
      return { language }
    },
    'queue.status': () => queue.status(),
    'queue.list': (input) => queue.list(input),
    'queue.retry': ({ fileId }) => ({ requeued: queue.sync.retry(fileId, 'station') }),
    'sync.now': async () => {
      const { bodiesDeleted: _deleted, ...summary } = await queue.sync.runPass()
      return summary
    },
    'terminal.register': async ({ code }) => {
      try {
        const r = await queue.register(code)
        return { terminalId: r.terminalId, upstreamId: r.upstreamId, registeredAt: r.registeredAt }
      } catch (error) {
        throw new KioskError('E_UPSTREAM', (error as Error).message, sentenceOf(error))
      }
    },
  }

  if (upstream?.training) {
    // The training upstream is ours: register with it without an operator, as a real one would.
    await queue
      .ensureTrainingRegistration()
      .catch((error: unknown) =>
        log.warn('training upstream registration failed', { error: String(error) }),
      )
  }
  if (options.backgroundSync) queue.startBackgroundSync()

  log.info('core started', {
    shell: options.shell,
    dataDir: config.dataDir,
    devices: config.devices,
  })

  return {
    config,
    shell: options.shell,
    stationId,
    db,
    devices,
    card,
    audit,
    settings,
    keys,
    queue,
    submit(input) {
      try {
        return queue.submit(input)
      } catch (error) {
        if (error instanceof SubmitRefusedError) throw frozenError(error)
        throw error
      }
    },
    dispatch: createDispatcher(handlers, log, () => closed),
    language: () => language,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      if (closed) return
      closed = true
      await queue.close()
      cardWiring.stop()
      devices.close()
      listeners.clear()
      await card
        .close()
        .catch((error: unknown) =>
          log.warn('card service did not close cleanly', { error: errorMessage(error) }),
        )
      db.close()
    },
  }
}

async function createCardService(
  config: KioskConfig,
  options: CoreOptions,
  now: () => Date,
  log: Logger,
): Promise<CardService> {
  const trustDir = options.card?.trustDir
  let trust: TrustStore | undefined
  if (trustDir) {
    // Certificate parsing loads only when there is something to parse.
    const { loadTrustStore } = await import('../../drivers/smartcard')
    trust = await loadTrustStore(trustDir)
    for (const problem of trust.problems) log.warn('trust store file not loaded', { ...problem })
  }
  return createCardServiceForMode({
    mode: config.devices,
    ...(trust ? { trust } : {}),
    now,
    log,
    ...(options.card?.openPcsc ? { openPcsc: options.card.openPcsc } : {}),
    ...(config.devices === 'real'
      ? {}
      : { simulated: { pki: await stationSimPki(config, now, log) } }),
  })
}

/**
 * The training reader's cards are signed by the station's simulator PKI (the one `sim card` and
 * `sim enroll` use and the training upstream trusts), so files made in training verify `valid`.
 * A damaged PKI file is logged and replaced by a fresh PKI for this run.
 */
async function stationSimPki(config: KioskConfig, now: () => Date, log: Logger) {
  const { loadOrCreateSimPki, SIM_PKI_DIR_NAME } = await import('../../drivers/smartcard')
  try {
    return await loadOrCreateSimPki(join(config.dataDir, SIM_PKI_DIR_NAME), now())
  } catch (error) {
    log.warn('simulator PKI not usable; training cards get a fresh one', {
      error: errorMessage(error),
    })
    const { createSimPki } = await import('../../drivers/smartcard')
    return createSimPki({ now: now() })
  }
}
