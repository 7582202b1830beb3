import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
  requiredDeviceKinds,
  type AppInfo,
  type DeviceInfo,
  type KioskClient,
  type ReplyError,
} from '../../../../electron/contract'
import { DeviceHealthPanel } from '../../components/DeviceHealthPanel'
import { ErrorNotice } from '../../components/ErrorNotice'
import { LanguageSwitch } from '../../components/LanguageSwitch'

/** The station's home: who we are, which mode, and whether every device an enrollment needs is ready. */
export function StationHome({
  client,
  info,
  menu,
}: {
  client: KioskClient
  info: AppInfo
  /** The station menu (who is signed in, sign out…), when an officer is. */
  menu?: ReactNode
}) {
  const { t } = useTranslation()
  const [devices, setDevices] = useState<DeviceInfo[]>([])
  const [refreshing, setRefreshing] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)

  useEffect(() => {
    const stop = client.on('devices.changed', setDevices)
    void client.devices
      .list({})
      .then((reply) => (reply.ok ? setDevices(reply.value) : setError(reply.error)))
    return stop
  }, [client])

  const refresh = useCallback(async () => {
    setRefreshing(true)
    const reply = await client.devices.refresh({})
    setRefreshing(false)
    if (reply.ok) {
      setDevices(reply.value)
      setError(null)
    } else {
      setError(reply.error)
    }
  }, [client])

  const ready = requiredDeviceKinds.every((kind) =>
    devices.some((d) => d.kind === kind && d.health.status === 'ready'),
  )
  const training = info.devicesMode === 'simulated' || info.upstream.training

  return (
    <div className="home">
      <header className="topbar">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="agency">{t('app.agency')}</p>
        </div>
        <LanguageSwitch client={client} />
      </header>
      {menu}
      {training && (
        <p className="notice notice-training" data-testid="training-banner">
          {t('app.trainingBanner')}
        </p>
      )}
      <StationFacts info={info} />
      <p className={`readiness ${ready ? 'is-ready' : 'is-not-ready'}`} data-testid="readiness">
        {ready ? t('home.ready') : t('home.notReady')}
      </p>
      {error && <ErrorNotice error={error} />}
      <DeviceHealthPanel
        devices={devices}
        mode={info.devicesMode}
        refreshing={refreshing}
        onRefresh={() => void refresh()}
      />
    </div>
  )
}

/** Station id, upstream (marked when it is the training one) and version. */
function StationFacts({ info }: { info: AppInfo }) {
  const { t } = useTranslation()
  return (
    <dl className="station-facts">
      <dt>{t('app.station')}</dt>
      <dd data-testid="station-id">{info.stationId}</dd>
      <dt>{t('app.upstream')}</dt>
      <dd data-testid="upstream">
        {info.upstream.training ? (
          <>
            <span className="label-training">{t('app.trainingUpstream')}</span>
            {info.upstream.url && (
              <span className="upstream-url">
                {t('app.trainingUpstreamAt', { url: info.upstream.url })}
              </span>
            )}
          </>
        ) : (
          info.upstream.url
        )}
      </dd>
      <dt>{t('app.version')}</dt>
      <dd>{info.appVersion}</dd>
    </dl>
  )
}
