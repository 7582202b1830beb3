import { useTranslation } from 'react-i18next'
import type { DeviceInfo, DeviceMode } from '../../../electron/contract'

export interface DeviceHealthPanelProps {
  devices: readonly DeviceInfo[]
  mode: DeviceMode
  refreshing: boolean
  onRefresh: () => void
}

/**
 * One row per device: what it is, where it comes from, and whether it can be used now. The reason
 * is always the translated sentence of its code; the technical detail only follows as small print
 * for support staff.
 */
export function DeviceHealthPanel({
  devices,
  mode,
  refreshing,
  onRefresh,
}: DeviceHealthPanelProps) {
  const { t } = useTranslation()
  return (
    <section className="panel" aria-labelledby="devices-title">
      <header className="panel-header">
        <h2 id="devices-title">{t('devices.title')}</h2>
        <span className="mode">{t(`devices.mode.${mode}`)}</span>
        <button type="button" onClick={onRefresh} disabled={refreshing} aria-busy={refreshing}>
          {refreshing ? t('devices.refreshing') : t('devices.refresh')}
        </button>
      </header>
      {devices.length === 0 ? (
        <p>{t('devices.empty')}</p>
      ) : (
        <ul className="device-list" data-testid="device-list">
          {devices.map((device) => {
            const { reason, detail } = device.health
            return (
              <li
                key={device.id}
                className={`device status-${device.health.status}`}
                data-device-id={device.id}
              >
                <span className="device-kind">{t(`devices.kind.${device.kind}`)}</span>
                <span className="device-name">{device.name || t('devices.unnamed')}</span>
                <span className={`badge source-${device.source}`}>
                  {t(`devices.source.${device.source}`)}
                </span>
                <span className="device-status" role="status">
                  {t(`devices.status.${device.health.status}`)}
                </span>
                {reason && <span className="device-reason">{t(`devices.reason.${reason}`)}</span>}
                {reason && detail && <small className="device-detail detail">{detail}</small>}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
