import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { KioskClient, SessionInfo } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/TextField'
import { useSubmit } from './use-submit'

/**
 * The idle lock: nothing of the work in progress is mounted behind it. The same officer opens it
 * with the password; another officer may sign in instead (the first one's draft stays theirs).
 */
export function LockScreen({
  client,
  session,
  onUnlocked,
  onOtherOfficer,
}: {
  client: KioskClient
  session: SessionInfo
  onUnlocked: (session: SessionInfo) => void
  onOtherOfficer: () => void
}) {
  const { t } = useTranslation()
  const [password, setPassword] = useState('')
  const { busy, error, run } = useSubmit(onUnlocked)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const typed = password
    setPassword('')
    void run(() => client.session.unlock({ password: typed }))
  }
  return (
    <section className="session-screen" aria-labelledby="lock-title">
      <h1 id="lock-title">{t('session.lock.title')}</h1>
      <p className="intro">{t('session.lock.intro', { name: session.displayName })}</p>
      <form className="session-form" onSubmit={submit}>
        <TextField
          name="password"
          type="password"
          label={t('session.fields.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          autoFocus
        />
        {error && <ErrorNotice error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('session.busy') : t('session.lock.unlock')}
        </button>
        <button type="button" onClick={onOtherOfficer}>
          {t('session.lock.other')}
        </button>
      </form>
    </section>
  )
}
