import { useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { KioskClient, QueueStatus } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { formatStationTime } from './format-time'
import { QueueRow } from './QueueRow'
import { useQueuePage } from './use-queue-page'
import { useSyncProgress } from './use-sync-progress'

/**
 * The outbox by status, a page at a time (the arrow keys move between files), with the freeze
 * state and the last sync above it. `status` is the station home's, kept current by the core.
 */
export function QueueScreen({
  client,
  status,
  onStartEnrollment,
}: {
  client: KioskClient
  status: QueueStatus | null
  onStartEnrollment?: (recreates?: string) => void
}) {
  const { t } = useTranslation()
  const page = useQueuePage(client, status)
  const progress = useSyncProgress(client)
  const rows = useRef<(HTMLLIElement | null)[]>([])

  const onKeyDown = (event: KeyboardEvent) => {
    const list = rows.current.filter((row): row is HTMLLIElement => row !== null)
    const at = list.findIndex((row) => row === document.activeElement)
    const target = rowToFocus(event.key, at, list.length)
    if (target === null) return
    event.preventDefault()
    list[target]?.focus()
  }

  return (
    <section className="panel queue-screen" aria-labelledby="queue-title">
      <header className="panel-header">
        <h2 id="queue-title">{t('queue.title')}</h2>
      </header>
      {status && <QueueSummary status={status} />}
      {page.error && <ErrorNotice error={page.error} />}
      {page.items === null ? (
        !page.error && <p>{t('queue.loading')}</p>
      ) : page.items.length === 0 && page.page === 0 ? (
        <p data-testid="queue-empty">{t('queue.empty')}</p>
      ) : (
        <ol className="queue-list" data-testid="queue-list" onKeyDown={onKeyDown}>
          {page.items.map((item, index) => (
            <QueueRow
              key={item.fileId}
              ref={(row) => {
                rows.current[index] = row
              }}
              item={item}
              progress={progress.get(item.fileId)}
              tabStop={index === 0}
              {...(onStartEnrollment ? { onStartEnrollment } : {})}
            />
          ))}
        </ol>
      )}
      <nav className="pager" aria-label={t('queue.title')}>
        <button type="button" disabled={!page.hasNewer} onClick={page.newer}>
          {t('queue.newer')}
        </button>
        <span data-testid="queue-page">{t('queue.page', { page: page.page + 1 })}</span>
        <button type="button" disabled={!page.hasOlder} onClick={page.older}>
          {t('queue.older')}
        </button>
      </nav>
    </section>
  )
}

/** The row index the key moves focus to, or null when the key is not a list move. */
function rowToFocus(key: string, at: number, count: number): number | null {
  if (count === 0) return null
  if (key === 'Home') return 0
  if (key === 'End') return count - 1
  if (key === 'ArrowDown') return Math.min(count - 1, at + 1)
  if (key === 'ArrowUp') return Math.max(0, at - 1)
  return null
}

/** Freeze state with its reason, last successful sync (or never), and the counts by status. */
function QueueSummary({ status }: { status: QueueStatus }) {
  const { t, i18n } = useTranslation()
  const { freeze, sync, counts } = status
  const lastSuccess = sync.lastSuccessAt
  return (
    <div className="queue-summary">
      {freeze ? (
        <p className="notice notice-frozen" data-testid="queue-freeze" role="alert">
          {t('queue.frozen', { reason: t(`messages.freeze.${freeze.code}`) })}
          <small className="detail">{freeze.message}</small>
        </p>
      ) : (
        <p data-testid="queue-freeze">{t('queue.notFrozen')}</p>
      )}
      <p data-testid="queue-last-sync">
        {lastSuccess
          ? t('queue.lastSync', {
              time: formatStationTime(lastSuccess, i18n.resolvedLanguage ?? 'vi'),
            })
          : t('queue.neverSynced')}
      </p>
      <p className="detail" data-testid="queue-counts">
        {t('queue.counts', counts)}
      </p>
    </div>
  )
}
