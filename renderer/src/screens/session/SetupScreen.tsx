import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { KioskClient, ReplyError, SessionInfo } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { LanguageSwitch } from '../../components/LanguageSwitch'
import { TextField } from '../../components/TextField'
import { useSubmit } from './use-submit'

const mismatch: ReplyError = {
  code: 'E_PASSWORD_POLICY',
  message: 'passwords differ',
  messageKey: 'session.passwordsDiffer',
}

const profileFields = [
  ['code', 'session.setup.code', 'one-time-code'],
  ['username', 'session.fields.username', 'username'],
  ['displayName', 'session.fields.displayName', 'name'],
  ['policeId', 'session.fields.policeId', 'off'],
] as const

/** First run: the one-time code printed on the station creates the first supervisor. */
export function SetupScreen({
  client,
  onSignedIn,
}: {
  client: KioskClient
  onSignedIn: (session: SessionInfo) => void
}) {
  const { t } = useTranslation()
  const [form, setForm] = useState({ code: '', username: '', displayName: '', policeId: '' })
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const { busy, error, setError, run } = useSubmit(onSignedIn)
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (password !== again) return setError(mismatch)
    void run(() => client.session.setup({ ...form, password }))
  }
  return (
    <section className="session-screen" aria-labelledby="setup-title">
      <header className="topbar">
        <div>
          <h1 id="setup-title">{t('session.setup.title')}</h1>
          <p className="agency">{t('app.title')}</p>
        </div>
        <LanguageSwitch client={client} />
      </header>
      <p className="intro">{t('session.setup.intro')}</p>
      <form className="session-form" onSubmit={submit}>
        {profileFields.map(([key, label, autoComplete], i) => (
          <TextField
            key={key}
            name={key}
            label={t(label)}
            value={form[key]}
            onChange={set(key)}
            autoComplete={autoComplete}
            autoFocus={i === 0}
          />
        ))}
        <TextField
          name="password"
          type="password"
          label={t('session.fields.password')}
          value={password}
          onChange={setPassword}
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
          {busy ? t('session.busy') : t('session.setup.submit')}
        </button>
      </form>
    </section>
  )
}
