import { forwardRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { QueueItem, SyncProgress } from '../../../../electron/contract'
import { formatStationTime } from './format-time'
import { percentSent, rowStatus } from './row-status'

export interface QueueRowProps {
  item: QueueItem
  progress: SyncProgress | undefined
  /** Whether the row is the list's one tab stop (roving focus). */
  tabStop: boolean
  onStartEnrollment?: (recreates?: string) => void
}

/** One file of the outbox: id, when, status, and what goes with the status. */
export const QueueRow = forwardRef<HTMLLIElement, QueueRowProps>(function QueueRow(
  { item, progress, tabStop, onStartEnrollment },
  ref,
) {
  const { t, i18n } = useTranslation()
  const status = rowStatus(item, progress)
  return (
    <li
      ref={ref}
      className={`queue-row status-${status}`}
      data-file-id={item.fileId}
      tabIndex={tabStop ? 0 : -1}
    >
      <span className="queue-file-id" title={t('queue.fileId')}>
        {item.fileId}
      </span>
      <span className="queue-status" role="status">
        {t(`queue.status.${status}`)}
      </span>
      <span className="queue-submitted detail">
        {t('queue.submittedAt', {
          time: formatStationTime(item.submittedAt, i18n.resolvedLanguage ?? 'vi'),
        })}
        {item.simulated && <span className="badge source-simulated">{t('queue.simulated')}</span>}
      </span>
      {status === 'uploading' && progress && <UploadProgress progress={progress} />}
      {status === 'rejected' && (
        <div className="queue-rejected">
          {item.upstreamReason && <span>{t('queue.reason', { reason: item.upstreamReason })}</span>}
          {onStartEnrollment && (
            <>
              <span className="detail">{t('queue.recreateHint')}</span>
              <button
                type="button"
                className="primary"
                onClick={() => onStartEnrollment(item.fileId)}
              >
                {t('queue.recreate')}
              </button>
            </>
          )}
        </div>
      )}
      {status === 'dead' && (
        <div className="queue-dead">
          {item.deadReason && <span>{t('queue.reason', { reason: item.deadReason })}</span>}
          <span className="detail">{t('queue.deadHint')}</span>
        </div>
      )}
    </li>
  )
})

function UploadProgress({ progress }: { progress: SyncProgress }) {
  const { t } = useTranslation()
  const percent = percentSent(progress)
  const text = t('queue.progress', { percent })
  return (
    <div
      className="upload-progress"
      role="progressbar"
      aria-label={t('queue.progressLabel')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={text}
    >
      <span className="upload-progress-bar" style={{ width: `${percent}%` }} />
      <span className="upload-progress-text">{text}</span>
    </div>
  )
}
