import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { KioskClient, SessionInfo } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { LanguageSwitch } from '../../components/LanguageSwitch'
import { TextField } from '../../components/TextField'
import { useSubmit } from './use-submit'

/** Officer sign-in: username and password; the core answers the same for unknown and wrong. */
export function SignInScreen({
  client,
  onSignedIn,
}: {
  client: KioskClient
  onSignedIn: (session: SessionInfo) => void
}) {
  const { t } = useTranslation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const { busy, error, run } = useSubmit(onSignedIn)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    // The password field is emptied whatever the answer: it never stays on screen.
    const typed = password
    setPassword('')
    void run(() => client.session.signIn({ username, password: typed }))
  }
  return (
    <section className="session-screen" aria-labelledby="sign-in-title">
      <header className="topbar">
        <div>
          <h1 id="sign-in-title">{t('session.signIn.title')}</h1>
          <p className="agency">{t('app.title')}</p>
        </div>
        <LanguageSwitch client={client} />
      </header>
      <form className="session-form" onSubmit={submit}>
        <TextField
          name="username"
          label={t('session.fields.username')}
          value={username}
          onChange={setUsername}
          autoComplete="username"
          autoFocus
        />
        <TextField
          name="password"
          type="password"
          label={t('session.fields.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        {error && <ErrorNotice error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('session.busy') : t('session.signIn.submit')}
        </button>
      </form>
    </section>
  )
}
