import { useTranslation } from 'react-i18next'
import type { FingerName, FingerQuality, FingerState } from '../../../../electron/contract'
import { displayOf, STATUS_ICON } from './finger-status'

/** "62/100 (the kiosk's score, not NFIQ 2)" or "NFIQ 2: 62": the number with its source named. */
export function QualityText({ quality }: { quality: FingerQuality | null }) {
  const { t } = useTranslation()
  if (!quality) return <>{t('fingerprints.quality.none')}</>
  return (
    <>
      {t('fingerprints.quality.score', {
        score: quality.score,
        source: t(`fingerprints.quality.sources.${quality.source}`),
      })}
    </>
  )
}

/**
 * The ten fingers as buttons (the keyboard and touch way to choose one): name, state in words and
 * icon, attempts and the best quality kept.
 */
export function FingerList({
  fingers,
  selected,
  maxAttempts,
  onSelect,
}: {
  fingers: readonly FingerState[]
  selected: FingerName
  maxAttempts: number
  onSelect: (finger: FingerName) => void
}) {
  const { t } = useTranslation()
  return (
    <ol className="finger-list" aria-label={t('fingerprints.list')} data-testid="finger-list">
      {fingers.map((f) => {
        const display = displayOf(f)
        return (
          <li key={f.finger}>
            <button
              type="button"
              aria-pressed={f.finger === selected}
              data-finger={f.finger}
              data-status={display}
              onClick={() => onSelect(f.finger)}
            >
              <span className={`finger-icon finger-${display}`} aria-hidden="true">
                {STATUS_ICON[display]}
              </span>
              <span className="finger-name">{t(`fingerprints.fingers.${f.finger}`)}</span>
              <span className="finger-state">{t(`fingerprints.status.${display}`)}</span>
              <small>
                {t('fingerprints.attempts', { attempts: f.attempts, max: maxAttempts })} ·{' '}
                <QualityText quality={f.best} />
                {f.missing && ` · ${t(`fingerprints.reasons.${f.missing.reason}`)}`}
              </small>
            </button>
          </li>
        )
      })}
    </ol>
  )
}
