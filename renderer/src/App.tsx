import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppInfo, ReplyError } from '../../electron/contract'
import type { KioskConnection } from './api/kiosk-client'
import type { ConnectionStatus } from './api/websocket-transport'
import { BilingualNotice } from './api/BilingualNotice'
import { ErrorNotice } from './components/ErrorNotice'
import { SessionGate } from './screens/session/SessionGate'
import { EnrollmentHome } from './steps/EnrollmentHome'

export function App({ connection }: { connection: KioskConnection | null }) {
  const { t, i18n } = useTranslation()
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)
  const [status, setStatus] = useState<ConnectionStatus>('connecting')
  const [opens, setOpens] = useState(0)
  // Each time the connection comes back after a drop, everything shown is fetched again.
  const reconnects = Math.max(0, opens - 1)

  useEffect(() => {
    if (!connection) return
    return connection.onStatus((next) => {
      setStatus(next)
      if (next === 'open') setOpens((n) => n + 1)
    })
  }, [connection])

  useEffect(() => {
    if (!connection) return
    return connection.client.on(
      'app.languageChanged',
      ({ language }) => void i18n.changeLanguage(language),
    )
  }, [connection, i18n])

  useEffect(() => {
    if (!connection) return
    void connection.client.app.info({}).then(async (reply) => {
      if (!reply.ok) return setError(reply.error)
      await i18n.changeLanguage(reply.value.language)
      setError(null)
      setInfo(reply.value)
    })
  }, [connection, i18n, reconnects])

  useEffect(() => {
    document.documentElement.lang = i18n.resolvedLanguage ?? 'vi'
    document.title = t('app.title')
  })

  if (!connection) return <BilingualNotice textKey="connection.noHost" />
  if (status === 'refused') return <BilingualNotice textKey="host.staleToken" />
  return (
    <main>
      {status === 'closed' && opens > 0 && (
        <p className="notice notice-error" role="alert">
          {t('connection.lost')}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      {info ? (
        <SessionGate key={reconnects} client={connection.client}>
          {(menu, session) => (
            <EnrollmentHome client={connection.client} info={info} menu={menu} session={session} />
          )}
        </SessionGate>
      ) : (
        !error && <p className="loading">{t('app.loading')}</p>
      )}
    </main>
  )
}
