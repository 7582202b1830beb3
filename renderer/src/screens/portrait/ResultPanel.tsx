import { useTranslation } from 'react-i18next'
import type { PortraitCheckResult } from '../../../../electron/contract'

function TokenImage({ token }: { token: PortraitCheckResult['token'] }) {
  const { t } = useTranslation()
  if (!token) return <p>{t('portrait.result.noToken')}</p>
  return (
    <figure className="token-image">
      <img
        src={`data:image/jpeg;base64,${token.jpegBase64}`}
        width={token.width}
        height={token.height}
        alt={t('portrait.result.token')}
        data-testid="portrait-token"
      />
      <figcaption>
        {t('portrait.result.tokenSize', { width: token.width, height: token.height })}
      </figcaption>
    </figure>
  )
}

function MatchLine({ match }: { match: PortraitCheckResult['match'] }) {
  const { t } = useTranslation()
  return (
    <p
      className={`match match-${match.verdict}`}
      data-testid="portrait-match"
      data-verdict={match.verdict}
    >
      <strong>{t(`portrait.verdicts.${match.verdict}`)}</strong>
      {match.score !== null && (
        <span>
          {t('portrait.result.score', {
            score: match.score.toFixed(2),
            threshold: match.threshold.toFixed(2),
          })}
        </span>
      )}
    </p>
  )
}

function RefusedList({ failing }: { failing: PortraitCheckResult['assessment']['failing'] }) {
  const { t } = useTranslation()
  return (
    <div className="notice notice-error" role="alert">
      <span>{t('portrait.result.refusedHint')}</span>
      <ul>
        {failing.map((name) => (
          <li key={name}>
            {t(`portrait.components.${name}.label`)}: {t(`portrait.components.${name}.hint`)}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** What portrait.check said: the token image, the match against the chip photo, what next. */
export function ResultPanel({
  result,
  capture,
  mismatchApproved,
  onAccept,
  onAskApproval,
  onRetake,
}: {
  result: PortraitCheckResult
  capture: 'auto' | 'manual'
  mismatchApproved: boolean
  onAccept: () => void
  onAskApproval: () => void
  onRetake: () => void
}) {
  const { t } = useTranslation()
  const mismatch = result.match.verdict === 'mismatch' && !mismatchApproved
  const state = !result.accepted ? 'refused' : mismatch ? 'mismatch' : 'accepted'
  const heading = !result.accepted
    ? 'portrait.result.refused'
    : capture === 'manual'
      ? 'portrait.result.manual'
      : 'portrait.result.accepted'
  return (
    <div className="portrait-result" data-testid="portrait-result" data-state={state}>
      <h3 data-testid="portrait-result-title">{t(heading)}</h3>
      <TokenImage token={result.token} />
      <MatchLine match={result.match} />
      {result.presentationGate === 'failed' && (
        <p className="notice notice-error">{t('portrait.result.presentationFailed')}</p>
      )}
      {!result.accepted && <RefusedList failing={result.assessment.failing} />}
      <div className="actions">
        {state === 'accepted' && (
          <button type="button" className="primary" onClick={onAccept}>
            {t('portrait.accept')}
          </button>
        )}
        {state === 'mismatch' && (
          <button type="button" className="primary" onClick={onAskApproval}>
            {t('portrait.askApproval')}
          </button>
        )}
        <button type="button" onClick={onRetake}>
          {t('portrait.retake')}
        </button>
      </div>
    </div>
  )
}
