import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { KioskClient, ReplyError, SessionInfo } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/TextField'
import { useSubmit } from './use-submit'

const mismatch: ReplyError = {
  code: 'E_PASSWORD_POLICY',
  message: 'passwords differ',
  messageKey: 'session.passwordsDiffer',
}

/** Change the password: required after a supervisor's reset, or from the station menu. */
export function ChangePasswordScreen({
  client,
  required,
  onChanged,
  onCancel,
}: {
  client: KioskClient
  required: boolean
  onChanged: (session: SessionInfo) => void
  onCancel?: () => void
}) {
  const { t } = useTranslation()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [again, setAgain] = useState('')
  const { busy, error, setError, run } = useSubmit(onChanged)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (next !== again) return setError(mismatch)
    void run(() => client.session.changePassword({ currentPassword: current, newPassword: next }))
  }
  return (
    <section className="session-screen" aria-labelledby="change-title">
      <h1 id="change-title">{t('session.changePassword.title')}</h1>
      {required && <p className="intro">{t('session.changePassword.required')}</p>}
      <form className="session-form" onSubmit={submit}>
        <TextField
          name="currentPassword"
          type="password"
          label={t('session.fields.currentPassword')}
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
          autoFocus
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('session.fields.newPassword')}
          value={next}
          onChange={setNext}
          autoComplete="new-password"
          hint={t('session.passwordHint')}
        />
        <TextField
          name="passwordConfirm"
          type="password"
          label={t('session.fields.passwordConfirm')}
          value={again}
          onChange={setAgain}
          autoComplete="new-password"
        />
        {error && <ErrorNotice error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {t('session.changePassword.submit')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('session.changePassword.cancel')}
          </button>
        )}
      </form>
    </section>
  )
}
