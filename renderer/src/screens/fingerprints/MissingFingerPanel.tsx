import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  missingFingerReasons,
  type FingerState,
  type MissingFingerReason,
} from '../../../../electron/contract'
import type { FingerprintFlow } from './use-fingerprint-flow'

/**
 * "Finger missing": the officer picks the reason, a supervisor approves it in the approval dialog;
 * an excused finger shows its reason and who approved, and can be taken back.
 */
export function MissingFingerPanel({ flow, state }: { flow: FingerprintFlow; state: FingerState }) {
  const { t } = useTranslation()
  const [reason, setReason] = useState<MissingFingerReason>('amputated')
  if (state.missing) {
    const key = state.missing.approvedBy ? 'approved' : 'pending'
    return (
      <div className="missing-panel" data-testid="missing-panel" data-state={key}>
        <p className="notice">
          {t(`fingerprints.missing.${key}`, {
            reason: t(`fingerprints.reasons.${state.missing.reason}`),
          })}
        </p>
        {!state.missing.approvedBy && (
          <button
            type="button"
            onClick={() => flow.declareMissing(state.missing?.reason ?? reason)}
          >
            {t('fingerprints.missing.askAgain')}
          </button>
        )}
        <button type="button" onClick={() => flow.withdrawMissing(state.finger)}>
          {t('fingerprints.missing.withdraw')}
        </button>
      </div>
    )
  }
  if (state.status === 'accepted' || flow.capturing) return null
  return (
    <fieldset className="missing-panel" data-testid="missing-panel" data-state="none">
      <legend>{t('fingerprints.missing.title')}</legend>
      <label htmlFor="missing-reason">{t('fingerprints.missing.reason')}</label>
      <select
        id="missing-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value as MissingFingerReason)}
      >
        {missingFingerReasons.map((r) => (
          <option key={r} value={r}>
            {t(`fingerprints.reasons.${r}`)}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => flow.declareMissing(reason)}>
        {t('fingerprints.missing.declare')}
      </button>
    </fieldset>
  )
}
