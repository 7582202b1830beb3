import { useTranslation } from 'react-i18next'
import type { KeyProtectionInfo } from '../../../../electron/contract'

/** The protectors the core names (electron/core/keys); anything else is shown as its raw name. */
const KNOWN_KINDS = new Set(['tpm', 'safe-storage', 'passphrase', 'plain-training', 'injected'])

/**
 * How the station keys are protected, and — when the station passed over a stronger protector or
 * let a weak one through — why, with what to do. Keys in clear (training) are called out.
 */
export function KeyProtectionNotice({ protection }: { protection: KeyProtectionInfo | undefined }) {
  const { t } = useTranslation()
  // An older core does not say: show nothing rather than guess.
  if (!protection) return null
  const plain = protection.kind === 'plain-training'
  const warn = plain || protection.notes.length > 0
  const kind = KNOWN_KINDS.has(protection.kind)
    ? t(`keyProtection.kind.${protection.kind}`)
    : protection.kind
  return (
    <section
      className={warn ? 'notice notice-warning' : 'notice notice-ok'}
      data-testid="key-protection"
      data-kind={protection.kind}
      aria-labelledby="key-protection-title"
    >
      <p>
        <strong id="key-protection-title">{t('keyProtection.title')}:</strong> {kind}
      </p>
      {plain && <p data-testid="key-protection-plain">{t('keyProtection.plainTraining')}</p>}
      {protection.notes.length > 0 && (
        <>
          <p>{t('keyProtection.passedOver')}</p>
          <ul data-testid="key-protection-notes">
            {protection.notes.map((note) => (
              <li key={note.reason} data-reason={note.reason}>
                {t(`messages.keys.${note.reason}`, note.params)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
