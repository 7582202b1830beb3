import { randomBytes as cryptoRandomBytes, randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { errorMessage, type Language } from '../contract'
import type { AuditLog } from './audit'
import type { BarcodeWiring } from './core-barcode'
import type { CardService } from './card'
import type { KioskConfig } from './config'
import { createCardService } from './core-card'
import { startDesk } from './core-desk'
import { createCoreHandlers, createLanguageState } from './core-handlers'
import type { CoreOptions, ShellName } from './core-options'
import type { DeviceManager } from './devices'
import { createDispatcher, type Dispatch } from './dispatch'
import { gateCitizenData, startOfficers, submitWithApprovals } from './core-officers'
import type { Caller, ConnectionKind, OfficerService } from './officers'
import { createEventBus, type EventListener } from './event-bus'
import { startPortrait } from './core-portrait'
import type { EnrollmentService } from './enrollment'
import type { FingerprintService } from './fingerprint'
import type { AcceptedPortrait } from './portrait'
import type { KeyProtectionStatus, StationKeys } from './keys'
import { silentLogger, type Logger } from './log'
import {
  createQueueServices,
  type QueueServices,
  type SubmitInput,
  type SubmitResult,
  type UpstreamTarget,
} from './queue'
import { APP_VERSION } from './app-version'
import type { RandomBytes } from '../../protocol/packet'
import { openStation, type Station } from './station'
import type { SettingsRepository, SqliteDatabase } from './store'

export type { CoreOptions, ShellName } from './core-options'
export { DATABASE_FILE_NAME } from './station'

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
  /** Which protector seals the keys (doctor, the home screen). */
  readonly keyProtection: KeyProtectionStatus
  /** Outbox, sync, registration, export and drafts. */
  readonly queue: QueueServices
  /** Officer accounts, sessions, approvals and the role checks of every request. */
  readonly officers: OfficerService
  /** The level-2 enrollments in progress, one per officer, and their drafts. */
  readonly enrollment: EnrollmentService
  /**
   * Submits one enrollment file; throws SubmitRefusedError when a freeze rule applies. The
   * approvals the officer holds go into its signed manifest (and the audit log, with the file id).
   */
  submit(input: SubmitInput): SubmitResult
  /** A window or socket opens: requests and events from it are that connection's. */
  connect(kind: ConnectionKind): Caller
  /** It closed: the session it held ends (audited), its chip photo and portrait are dropped. */
  disconnect(caller: Caller): void
  /** The portrait `portrait.check` accepted on a connection, waiting for the enrollment file. */
  acceptedPortrait(connectionId: string): AcceptedPortrait | null
  /** Each connection's ten fingers: the file's finger parts, whether they are done, a fresh start. */
  readonly fingerprints: Pick<FingerprintService, 'fingerParts' | 'summary' | 'reset'>
  /** Validates and runs one contract request from a connection; never throws. */
  readonly dispatch: Dispatch
  language(): Language
  onEvent(listener: EventListener): () => void
  close(): Promise<void>
}

/**
 * The composition root: every shell (Electron, headless host, CLI) starts the kiosk through here.
 * Opens the station (data directory, database, migrations, keys), then the card service, the
 * queue services and the device manager; a failure part-way closes what was opened.
 */
export async function createCore(config: KioskConfig, options: CoreOptions): Promise<Core> {
  const env = coreEnvironment(options)
  const station = await openStation(config, options, env)
  const events = createEventBus()
  const officers = startOfficers(config, options, station, env)
  const emit = gateCitizenData(events.emit, officers)

  const card = await openCard(config, options, env, station.db)
  const upstream = upstreamOf(config, options)
  const queue = await openQueue(config, options, station, { ...env, upstream, emit }, card)
  const portrait = startPortrait(config, options, officers, env)
  const { barcode, devices, fp, enrollment } = await startDesk(config, options, {
    ...{ station, card, queue, officers, portrait },
    env: { ...env, emit },
  })
  const language = createLanguageState(config.language)
  let closed = false
  const handlers = createCoreHandlers({
    config,
    shell: options.shell,
    stationId: station.stationId,
    upstream,
    keyProtection: station.keyProtection,
    audit: station.audit,
    devices: devices.devices,
    card: devices.cardHandlers,
    portrait: portrait.handlers,
    enrollment: enrollment.handlers,
    fingerprint: fp.handlers,
    barcode: barcode.handlers,
    queue,
    officers,
    emit,
    language,
  })
  await startSync(queue, upstream, options, env.log)
  env.log.info('core started', {
    shell: options.shell,
    dataDir: config.dataDir,
    devices: config.devices,
  })

  return {
    config,
    shell: options.shell,
    ...station,
    devices: devices.devices,
    card,
    queue,
    officers,
    enrollment: enrollment.service,
    submit: (input) => submitWithApprovals(queue, officers, input),
    connect: (kind) => officers.connect(kind),
    // A socket may report its close after the core (and its database) closed.
    disconnect: (caller) => {
      enrollment.forget(caller.connectionId)
      barcode.listeners.unlisten(caller.connectionId)
      if (!closed) officers.disconnect(caller)
    },
    acceptedPortrait: (connectionId) => portrait.accepted.get(connectionId) ?? null,
    fingerprints: fp.service,
    dispatch: createDispatcher(handlers, env.log, () => closed, officers.authorize),
    language: language.get,
    onEvent: events.listen,
    async close() {
      if (closed) return
      closed = true
      await closeServices({
        fingerprints: fp.service,
        queue,
        devices,
        barcode,
        events,
        card,
        db: station.db,
        log: env.log,
      })
    },
  }
}

/** The card service of the options or the device mode; the database closes if it fails. */
async function openCard(
  config: KioskConfig,
  options: CoreOptions,
  env: CoreEnvironment,
  db: SqliteDatabase,
): Promise<CardService> {
  try {
    return options.card?.service ?? (await createCardService(config, options, env.now, env.log))
  } catch (error) {
    db.close()
    throw error
  }
}

/** The queue services; if they fail to start, the card service and the database close. */
async function openQueue(
  config: KioskConfig,
  options: CoreOptions,
  station: Station,
  env: CoreEnvironment & { upstream: UpstreamTarget | null; emit: EventListener },
  card: CardService,
): Promise<QueueServices> {
  try {
    return startQueueServices(config, options, station, env)
  } catch (error) {
    await card.close().catch(() => undefined)
    station.db.close()
    throw error
  }
}

/** Stops the services createCore started, in the order that lets each finish its work. */
async function closeServices(parts: {
  fingerprints: FingerprintService
  queue: QueueServices
  devices: { stop(): void }
  barcode: BarcodeWiring
  events: { clear(): void }
  card: CardService
  db: SqliteDatabase
  log: Logger
}): Promise<void> {
  await parts.fingerprints.close()
  await parts.queue.close()
  parts.devices.stop()
  await parts.barcode.scanners.close()
  parts.events.clear()
  await parts.card
    .close()
    .catch((error: unknown) =>
      parts.log.warn('card service did not close cleanly', { error: errorMessage(error) }),
    )
  parts.db.close()
}

/** The upstream a shell handed over (the training upstream), else the configured one, if any. */
function upstreamOf(config: KioskConfig, options: CoreOptions): UpstreamTarget | null {
  if (options.upstream) return options.upstream
  if (config.upstreamUrl === null) return null
  return {
    url: config.upstreamUrl,
    training: false,
    ...(config.upstreamCaFile ? { caFile: resolve(config.dataDir, config.upstreamCaFile) } : {}),
  }
}

type CoreEnvironment = {
  log: Logger
  now: () => Date
  randomId: () => string
  randomBytes: RandomBytes
  random: () => number
}

/** The clock, randomness and log the options inject, or the real ones. */
function coreEnvironment(options: CoreOptions): CoreEnvironment {
  return {
    log: options.log ?? silentLogger,
    now: options.now ?? (() => new Date()),
    randomId: options.randomId ?? randomUUID,
    randomBytes: options.randomBytes ?? cryptoRandomBytes,
    random: options.random ?? (() => cryptoRandomBytes(6).readUIntBE(0, 6) / 2 ** 48),
  }
}

function startQueueServices(
  config: KioskConfig,
  options: CoreOptions,
  station: Station,
  env: CoreEnvironment & { upstream: UpstreamTarget | null; emit: EventListener },
): QueueServices {
  return createQueueServices({
    db: station.db,
    audit: station.audit,
    auditCheckpointer: station.auditCheckpointer,
    dataDir: config.dataDir,
    stationId: station.stationId,
    keys: station.keys,
    software: { name: 'vneid-enrollment-kiosk', version: APP_VERSION },
    ...(config.sync ? { sync: config.sync } : {}),
    ...(config.freeze ? { freeze: config.freeze } : {}),
    upstream: env.upstream,
    now: env.now,
    randomBytes: env.randomBytes,
    random: env.random,
    randomId: env.randomId,
    log: env.log,
    ...(options.freeDiskBytes ? { freeDiskBytes: options.freeDiskBytes } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    onChange: (status) => env.emit('queue.changed', status),
    onSyncProgress: (progress) => env.emit('sync.progress', progress),
  })
}

/** Registers with the training upstream (ours: no operator needed), then starts background sync. */
async function startSync(
  queue: QueueServices,
  upstream: UpstreamTarget | null,
  options: CoreOptions,
  log: Logger,
): Promise<void> {
  if (upstream?.training) {
    await queue
      .ensureTrainingRegistration()
      .catch((error: unknown) =>
        log.warn('training upstream registration failed', { error: String(error) }),
      )
  }
  if (options.backgroundSync) queue.startBackgroundSync()
}
