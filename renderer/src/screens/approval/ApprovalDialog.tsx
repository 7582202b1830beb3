import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  approvalExceptionCodes,
  type Approval,
  type ApprovalException,
  type KioskClient,
} from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/TextField'
import { useSubmit } from '../session/use-submit'

/**
 * A supervisor (another account) signs in here, on the spot, to approve exactly one named exception
 * with a reason; the core keeps it with the officer's file in progress, for its signed manifest.
 * A screen that asks for one named exception passes `exception`: it is shown, not chosen.
 */
export function ApprovalDialog({
  client,
  exception: fixed,
  onClose,
}: {
  client: KioskClient
  exception?: ApprovalException
  onClose: (approval: Approval | null) => void
}) {
  const { t } = useTranslation()
  const [exception, setException] = useState<ApprovalException>(fixed ?? 'missing-finger')
  const [reason, setReason] = useState('')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const { busy, error, run } = useSubmit<Approval>(onClose)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const typed = password
    setPassword('')
    void run(() => client.approvals.grant({ username, password: typed, exception, reason }))
  }
  return (
    <section
      role="dialog"
      aria-modal="true"
      aria-labelledby="approval-title"
      className="panel session-screen"
    >
      <h2 id="approval-title">{t('approval.title')}</h2>
      <p className="intro">{t('approval.intro')}</p>
      <form className="session-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="approval-exception">{t('approval.exception')}</label>
          <select
            id="approval-exception"
            value={exception}
            disabled={fixed !== undefined}
            onChange={(e) => setException(e.target.value as ApprovalException)}
          >
            {approvalExceptionCodes.map((code) => (
              <option key={code} value={code}>
                {t(`approval.exceptions.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          name="reason"
          label={t('approval.reason')}
          value={reason}
          onChange={setReason}
          hint={t('approval.reasonHint')}
          autoComplete="off"
        />
        <TextField
          name="approver"
          label={t('approval.supervisor')}
          value={username}
          onChange={setUsername}
          autoComplete="off"
        />
        <TextField
          name="approverPassword"
          type="password"
          label={t('session.fields.password')}
          value={password}
          onChange={setPassword}
          autoComplete="off"
        />
        {error && <ErrorNotice error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {t('approval.submit')}
        </button>
        <button type="button" onClick={() => onClose(null)}>
          {t('approval.cancel')}
        </button>
      </form>
    </section>
  )
}
