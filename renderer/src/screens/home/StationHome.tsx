import { useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { stationReadiness, type AppInfo, type KioskClient } from '../../../../electron/contract'
import { DeviceHealthPanel } from '../../components/DeviceHealthPanel'
import { ErrorNotice } from '../../components/ErrorNotice'
import { KeyProtectionNotice } from './KeyProtectionNotice'
import { LanguageSwitch } from '../../components/LanguageSwitch'
import { QueueScreen } from '../queue/QueueScreen'
import { ReadinessPanel } from './ReadinessPanel'
import { StationTabs, type StationTab } from './StationTabs'
import { useDevices } from './use-devices'
import { useQueueStatus } from './use-queue-status'

/**
 * The station's home: who we are, which mode, whether an enrollment can start (and if not, why
 * and what to do), the devices, and the file queue on its own tab.
 */
export function StationHome({
  client,
  info,
  menu,
  onStartEnrollment,
}: {
  client: KioskClient
  info: AppInfo
  /** The station menu (who is signed in, sign out…), when an officer is. */
  menu?: ReactNode
  /**
   * Starts an enrollment; `recreates` is the file id of a rejected file whose application is made
   * again (pre-filled from the card). The button shows only when this is given.
   */
  onStartEnrollment?: (recreates?: string) => void
}) {
  const { t } = useTranslation()
  const [tab, setTab] = useState<StationTab>('station')
  const queue = useQueueStatus(client)
  const { devices, refreshing, error, refresh } = useDevices(client)

  const readiness = useMemo(() => {
    if (!queue.status && !queue.error) return null
    return stationReadiness({
      registered: queue.status ? queue.status.terminal.registered : null,
      trainingUpstream: info.upstream.training,
      freeze: queue.status?.freeze ?? null,
      devices,
    })
  }, [queue.status, queue.error, info.upstream.training, devices])
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
      <KeyProtectionNotice protection={info.keyProtection} />
      <ReadinessPanel readiness={readiness} {...(onStartEnrollment ? { onStartEnrollment } : {})} />
      <StationTabs selected={tab} onSelect={setTab} />
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'station' ? (
          <>
            {error && <ErrorNotice error={error} />}
            <DeviceHealthPanel
              devices={devices}
              mode={info.devicesMode}
              refreshing={refreshing}
              onRefresh={() => void Promise.all([refresh(), queue.reload()])}
            />
          </>
        ) : (
          <QueueScreen
            client={client}
            status={queue.status}
            {...(onStartEnrollment ? { onStartEnrollment } : {})}
          />
        )}
      </div>
      {queue.error && <ErrorNotice error={queue.error} />}
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
