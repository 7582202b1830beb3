import { sentenceOf } from './error-sentence'
import { KioskError, type Language } from '../contract'
import { APP_VERSION } from './app-version'
import type { AuditLog } from './audit'
import type { BarcodeHandlers } from './barcode'
import type { CardHandlers } from './card'
import type { KioskConfig } from './config'
import type { ShellName } from './core-options'
import type { DeviceManager } from './devices'
import type { Handlers } from './dispatch'
import type { EventListener } from './event-bus'
import type { KeyProtectionStatus } from './keys'
import { createOfficerHandlers, type OfficerService } from './officers'
import type { FingerprintHandlers } from './fingerprint'
import type { PortraitHandlers } from './portrait'
import type { EnrollmentHandlers } from './enrollment'
import type { QueueServices, UpstreamTarget } from './queue'

export interface CoreHandlerSources {
  config: KioskConfig
  shell: ShellName
  stationId: string
  upstream: UpstreamTarget | null
  keyProtection: KeyProtectionStatus
  audit: AuditLog
  devices: DeviceManager
  card: CardHandlers
  portrait: PortraitHandlers
  enrollment: EnrollmentHandlers
  fingerprint: FingerprintHandlers
  barcode: BarcodeHandlers
  queue: QueueServices
  officers: OfficerService
  emit: EventListener
  /** The interface language, which `settings.setLanguage` changes. */
  language: LanguageState
}

export interface LanguageState {
  get(): Language
  set(language: Language): void
}

/** The interface language of this run (the config's until an officer changes it). */
export function createLanguageState(initial: Language): LanguageState {
  let language = initial
  return {
    get: () => language,
    set: (next) => {
      language = next
    },
  }
}

/** Every contract request the core answers, over the services createCore assembled. */
export function createCoreHandlers(s: CoreHandlerSources): Handlers {
  const { audit, devices, queue, language } = s
  return {
    'app.info': () => ({
      appVersion: APP_VERSION,
      shell: s.shell === 'electron' ? 'electron' : 'host',
      language: language.get(),
      devicesMode: s.config.devices,
      stationId: s.stationId,
      upstream: { url: s.upstream?.url ?? null, training: s.upstream?.training ?? true },
      keyProtection: s.keyProtection,
    }),
    ...s.card,
    ...s.portrait,
    ...s.enrollment,
    ...s.fingerprint,
    ...s.barcode,
    ...createOfficerHandlers(s.officers),
    'devices.list': () => devices.list(),
    'devices.refresh': () => devices.refresh(),
    'settings.setLanguage': ({ language: next }, { session }) => {
      if (next !== language.get()) {
        language.set(next)
        const actor = session?.officerId ?? 'station'
        audit.append({ actor, action: 'ui.language', details: { language: next } })
        s.emit('app.languageChanged', { language: next })
      }
      return { language: language.get() }
    },
    'queue.status': () => queue.status(),
    'queue.list': (input) => queue.list(input),
    'queue.retry': ({ fileId }, { session }) => ({
      requeued: queue.sync.retry(fileId, session?.officerId ?? 'station'),
    }),
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
}
