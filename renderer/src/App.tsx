import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppInfo, ReplyError } from '../../electron/contract'
import type { KioskConnection } from './api/kiosk-client'
import type { ConnectionStatus } from './api/websocket-transport'
import { ErrorNotice } from './components/ErrorNotice'
import { StationHome } from './screens/home/StationHome'

export function App({ connection }: { connection: KioskConnection | null }) {
  const { t, i18n } = useTranslation()
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)
  const [status, setStatus] = useState<ConnectionStatus>('connecting')

  useEffect(() => {
    if (!connection) return
    const { client } = connection
    const stopStatus = connection.onStatus(setStatus)
    const stopLanguage = client.on(
      'app.languageChanged',
      ({ language }) => void i18n.changeLanguage(language),
    )
    void client.app.info({}).then(async (reply) => {
      if (!reply.ok) return setError(reply.error)
      await i18n.changeLanguage(reply.value.language)
      setInfo(reply.value)
    })
    return () => {
      stopStatus()
      stopLanguage()
    }
  }, [connection, i18n])

  useEffect(() => {
    document.documentElement.lang = i18n.resolvedLanguage ?? 'vi'
    document.title = t('app.title')
  })

  if (!connection) return <p className="notice notice-error">{t('connection.noHost')}</p>
  return (
    <main>
      {status === 'closed' && (
        <p className="notice notice-error" role="alert">
          {t('connection.lost')}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      {info ? (
        <StationHome client={connection.client} info={info} />
      ) : (
        !error && <p className="loading">{t('app.loading')}</p>
      )}
    </main>
  )
}
