import type { KeyRefusal } from './key-protection-error'
import type { KeysConfig, ProtectorKind } from './key-config'

/** Electron's safeStorage as the shell sees it; null in the host and the CLI. */
export interface SafeStorageOffer {
  available: boolean
  /** `safeStorage.getSelectedStorageBackend()` on Linux; null elsewhere. */
  backend: string | null
}

/** What this machine and this run offer for protecting the keys. */
export interface ProtectionOffer {
  /** Training mode: simulated devices or the in-process training upstream. */
  training: boolean
  platform: NodeJS.Platform
  /** The TPM's TCTI when one is configured or `/dev/tpmrm0` is there; null when none. */
  tpmTcti: string | null
  tpmToolsInstalled: boolean
  safeStorage: SafeStorageOffer | null
  /** `given`: a passphrase file; `prompt`: a terminal to type it on; `none`: neither. */
  passphrase: 'given' | 'prompt' | 'none'
}

/** One reason a protector was passed over (auto) or refused (asked for by name). */
export interface ProtectorNote {
  reason: KeyRefusal
  params: Record<string, string>
}

export type ProtectorChoice =
  | { ok: true; kind: ProtectorKind; tcti: string | null; notes: ProtectorNote[] }
  | { ok: false; refusal: ProtectorNote; notes: ProtectorNote[] }

/** Linux backends of safeStorage that keep the key in a real keyring (Chromium's names). */
const STRONG_LINUX_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])

/** `warning`: accepted, but the home screen and doctor should say why it is weak. */
type Verdict =
  { ok: true; tcti: string | null; warning?: ProtectorNote } | { ok: false; note: ProtectorNote }

const note = (reason: KeyRefusal, params: Record<string, string> = {}): ProtectorNote => ({
  reason,
  params,
})

function tpmVerdict(offer: ProtectionOffer): Verdict {
  if (offer.tpmTcti === null) return { ok: false, note: note('noTpm') }
  if (!offer.tpmToolsInstalled) return { ok: false, note: note('tpmToolsMissing') }
  return { ok: true, tcti: offer.tpmTcti }
}

function safeStorageVerdict(offer: ProtectionOffer, config: KeysConfig): Verdict {
  const storage = offer.safeStorage
  if (!storage) return { ok: false, note: note('safeStorageNotInShell') }
  if (!storage.available) return { ok: false, note: note('safeStorageUnavailable') }
  const backend = storage.backend ?? 'unknown'
  if (offer.platform === 'linux' && !STRONG_LINUX_BACKENDS.has(backend)) {
    return config.allowWeakSafeStorage
      ? { ok: true, tcti: null, warning: note('weakSafeStorageAllowed', { backend }) }
      : { ok: false, note: note('weakSafeStorage', { backend }) }
  }
  return { ok: true, tcti: null }
}

function passphraseVerdict(offer: ProtectionOffer, byName: boolean): Verdict {
  // Unasked, a training run is not stopped for a passphrase prompt: it may use plain keys.
  const usable =
    offer.passphrase === 'given' || (offer.passphrase === 'prompt' && (byName || !offer.training))
  return usable ? { ok: true, tcti: null } : { ok: false, note: note('passphraseMissing') }
}

function plainVerdict(offer: ProtectionOffer): Verdict {
  return offer.training
    ? { ok: true, tcti: null }
    : { ok: false, note: note('plainOutsideTraining') }
}

function verdictFor(
  kind: ProtectorKind,
  offer: ProtectionOffer,
  config: KeysConfig,
  byName: boolean,
): Verdict {
  switch (kind) {
    case 'tpm':
      return tpmVerdict(offer)
    case 'safe-storage':
      return safeStorageVerdict(offer, config)
    case 'passphrase':
      return passphraseVerdict(offer, byName)
    case 'plain-training':
      return plainVerdict(offer)
  }
}

const warnings = (verdict: { warning?: ProtectorNote }): ProtectorNote[] =>
  verdict.warning ? [verdict.warning] : []

const AUTO_ORDER: readonly ProtectorKind[] = ['tpm', 'safe-storage', 'passphrase', 'plain-training']

/** Passed-over reasons that only state an absence, not a problem worth showing on the home screen. */
const QUIET: ReadonlySet<KeyRefusal> = new Set([
  'noTpm',
  'safeStorageNotInShell',
  'passphraseMissing',
])

/**
 * Which protector seals the station's keys: the one the config names, or (auto) the strongest
 * the machine offers — TPM, then safeStorage (on Linux only with a real keyring backend unless
 * `allowWeakSafeStorage`), then a passphrase, then, in training only, the key in clear. A refusal
 * names the reason most worth acting on; `notes` say why stronger protectors were passed over.
 */
export function chooseProtector(config: KeysConfig, offer: ProtectionOffer): ProtectorChoice {
  const setting = config.protector ?? 'auto'
  if (setting !== 'auto') {
    const verdict = verdictFor(setting, offer, config, true)
    return verdict.ok
      ? { ok: true, kind: setting, tcti: verdict.tcti, notes: warnings(verdict) }
      : { ok: false, refusal: verdict.note, notes: [verdict.note] }
  }
  const notes: ProtectorNote[] = []
  for (const kind of AUTO_ORDER) {
    const verdict = verdictFor(kind, offer, config, false)
    if (verdict.ok)
      return { ok: true, kind, tcti: verdict.tcti, notes: [...notes, ...warnings(verdict)] }
    if (!QUIET.has(verdict.note.reason)) notes.push(verdict.note)
  }
  // The first problem is the one to fix (a weak keyring before a missing passphrase).
  const refusal =
    notes.find((n) => n.reason !== 'plainOutsideTraining') ?? note('passphraseMissing')
  return { ok: false, refusal, notes }
}
