import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { QueueItem, QueueStatus } from '../../../../electron/contract'
import { fakeKiosk, renderTranslated, type RequestHandler } from '../../test-support'
import { fileIdOf, queueItem, queueStatus } from './queue-fixtures'
import { QueueScreen } from './QueueScreen'

afterEach(cleanup)

const ok = (value: unknown) => ({ ok: true, value })

/** Answers queue.list like the core: newest first, `before` strictly earlier, `limit` rows. */
function listOf(items: QueueItem[]): RequestHandler {
  return (payload) => {
    const newestFirst = [...items].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
    const { limit, before } = payload as { limit?: number; before?: string }
    const rows = newestFirst.filter((i) => before === undefined || i.submittedAt < before)
    return ok(rows.slice(0, limit ?? 100))
  }
}

async function renderQueue(
  items: QueueItem[],
  options: {
    status?: QueueStatus | null
    onStartEnrollment?: (recreates?: string) => void
    language?: 'vi' | 'en'
  } = {},
) {
  const kiosk = fakeKiosk({ 'queue.list': listOf(items) })
  const status = options.status === undefined ? queueStatus() : options.status
  const rendered = await renderTranslated(
    <QueueScreen
      client={kiosk.client}
      status={status}
      {...(options.onStartEnrollment ? { onStartEnrollment: options.onStartEnrollment } : {})}
    />,
    options.language,
  )
  if (items.length === 0) await screen.findByTestId('queue-empty')
  else await screen.findByTestId('queue-list')
  return { ...rendered, ...kiosk }
}

const rowOf = (n: number): HTMLElement => {
  const row = document.querySelector<HTMLElement>(`[data-file-id="${fileIdOf(n)}"]`)
  if (!row) throw new Error(`no row for file ${n}`)
  return row
}
const statusOf = (n: number): string => within(rowOf(n)).getByRole('status').textContent ?? ''

describe('QueueScreen', () => {
  it('says the queue is empty', async () => {
    await renderQueue([])
    expect(screen.getByTestId('queue-empty').textContent).toBe('Chưa có hồ sơ nào trong hàng đợi.')
    expect(screen.getByRole('button', { name: 'Trang sau' }).hasAttribute('disabled')).toBe(true)
    expect(screen.getByRole('button', { name: 'Trang trước' }).hasAttribute('disabled')).toBe(true)
  })

  it.each<[string, Partial<QueueItem>, string]>([
    ['queued', {}, 'Chờ gửi'],
    ['sent', { state: 'sent' }, 'Đã gửi, chờ máy chủ tiếp nhận'],
    ['received', { state: 'sent', upstreamState: 'received' }, 'Máy chủ đã tiếp nhận'],
    ['approved', { state: 'sent', upstreamState: 'approved' }, 'Đã được duyệt'],
    ['dead', { state: 'dead', deadReason: 'Tệp hỏng / Body damaged' }, 'Không gửi được'],
  ])('shows a %s file', async (_, fields, label) => {
    await renderQueue([queueItem(1, fields)])
    expect(statusOf(1)).toBe(label)
    expect(within(rowOf(1)).getByText(fileIdOf(1))).toBeTruthy()
    // Vietnam's clock (UTC+7), whatever the test machine's zone.
    expect(rowOf(1).textContent).toContain('14:01')
    expect(within(rowOf(1)).queryByRole('progressbar')).toBeNull()
    expect(within(rowOf(1)).queryByRole('button', { name: 'Tạo lại hồ sơ' })).toBeNull()
  })

  it('tells what to do with a file that can no longer be sent', async () => {
    await renderQueue([queueItem(1, { state: 'dead', deadReason: 'Tệp hỏng / Body damaged' })])
    expect(rowOf(1).textContent).toContain('Lý do: Tệp hỏng / Body damaged')
    expect(rowOf(1).textContent).toContain('Gọi hỗ trợ kỹ thuật')
  })

  it('shows a rejected file with its reason and recreates its application', async () => {
    const started: (string | undefined)[] = []
    await renderQueue(
      [
        queueItem(1, {
          state: 'sent',
          upstreamState: 'rejected',
          upstreamReason: 'Ảnh chân dung không đạt',
        }),
      ],
      { onStartEnrollment: (recreates) => started.push(recreates) },
    )
    expect(statusOf(1)).toBe('Bị từ chối')
    expect(rowOf(1).textContent).toContain('Lý do: Ảnh chân dung không đạt')
    fireEvent.click(within(rowOf(1)).getByRole('button', { name: 'Tạo lại hồ sơ' }))
    expect(started).toEqual([fileIdOf(1)])
  })

  it('shows the upload progress the sync service reports, then forgets it when the queue changes', async () => {
    const { emit } = await renderQueue([queueItem(1), queueItem(2)])
    act(() => emit('sync.progress', { fileId: fileIdOf(2), bytesSent: 250, bytesTotal: 1000 }))
    expect(statusOf(2)).toBe('Đang gửi')
    expect(statusOf(1)).toBe('Chờ gửi')
    const bar = within(rowOf(2)).getByRole('progressbar')
    expect(bar.getAttribute('aria-valuenow')).toBe('25')
    expect(bar.textContent).toBe('Đã gửi 25%')
    act(() => emit('sync.progress', { fileId: fileIdOf(2), bytesSent: 1000, bytesTotal: 1000 }))
    expect(within(rowOf(2)).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
    act(() => emit('queue.changed', queueStatus()))
    expect(statusOf(2)).toBe('Chờ gửi')
  })

  it('shows the freeze with its reason', async () => {
    await renderQueue([], {
      status: queueStatus({
        freeze: { code: 'sync-overdue', message: 'Quá lâu chưa đồng bộ / Sync overdue: 80 h' },
      }),
    })
    const freeze = screen.getByTestId('queue-freeze')
    expect(freeze.getAttribute('role')).toBe('alert')
    expect(freeze.textContent).toBe(
      'Trạm đang tạm dừng nhận hồ sơ: Quá lâu chưa đồng bộQuá lâu chưa đồng bộ / Sync overdue: 80 h',
    )
  })

  it('says when the station is not frozen, and when it last synced', async () => {
    await renderQueue([])
    expect(screen.getByTestId('queue-freeze').textContent).toBe('Trạm đang nhận hồ sơ bình thường.')
    expect(screen.getByTestId('queue-last-sync').textContent).toBe(
      'Đồng bộ thành công gần nhất: 14:00 02/12/2026',
    )
  })

  it('says when the station never synced', async () => {
    await renderQueue([], { status: queueStatus({ sync: { lastSuccessAt: null } }) })
    expect(screen.getByTestId('queue-last-sync').textContent).toBe(
      'Trạm chưa đồng bộ thành công lần nào.',
    )
  })

  it('shows the counts by status, in English too', async () => {
    await renderQueue([], {
      status: queueStatus({ counts: { queued: 3, sent: 2, approved: 1, rejected: 4, dead: 5 } }),
      language: 'en',
    })
    expect(screen.getByTestId('queue-counts').textContent).toBe(
      'Waiting: 3 · Sent: 2 · Approved: 1 · Rejected: 4 · Failed: 5',
    )
    expect(screen.getByTestId('queue-empty').textContent).toBe('No files in the queue yet.')
  })

  it('pages through the files, newest first', async () => {
    const items = Array.from({ length: 23 }, (_, i) => queueItem(i + 1))
    const { calls } = await renderQueue(items)
    const shown = () =>
      within(screen.getByTestId('queue-list'))
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('data-file-id'))
    expect(shown()).toEqual(Array.from({ length: 10 }, (_, i) => fileIdOf(23 - i)))
    fireEvent.click(screen.getByRole('button', { name: 'Trang sau' }))
    await waitFor(() => expect(shown()[0]).toBe(fileIdOf(13)))
    expect(screen.getByTestId('queue-page').textContent).toBe('Trang 2')
    fireEvent.click(screen.getByRole('button', { name: 'Trang sau' }))
    await waitFor(() => expect(shown()).toEqual([fileIdOf(3), fileIdOf(2), fileIdOf(1)]))
    expect(screen.getByRole('button', { name: 'Trang sau' }).hasAttribute('disabled')).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Trang trước' }))
    await waitFor(() => expect(shown()[0]).toBe(fileIdOf(13)))
    // Page 2 is what comes before page 1's last (oldest) file.
    expect(calls.at(-1)?.payload).toEqual({ limit: 11, before: items[13]?.submittedAt })
  })

  it('moves between files with the arrow keys, one tab stop for the list', async () => {
    await renderQueue([queueItem(1), queueItem(2), queueItem(3)])
    const rows = within(screen.getByTestId('queue-list')).getAllByRole('listitem')
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1])
    rows[0]?.focus()
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(rows[1])
    fireEvent.keyDown(rows[1]!, { key: 'End' })
    expect(document.activeElement).toBe(rows[2])
    fireEvent.keyDown(rows[2]!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(rows[2])
    fireEvent.keyDown(rows[2]!, { key: 'Home' })
    expect(document.activeElement).toBe(rows[0])
  })

  it('fetches the page again when the queue status changes', async () => {
    const items = [queueItem(1)]
    const { client, rerender } = await renderQueue(items)
    expect(statusOf(1)).toBe('Chờ gửi')
    items[0] = queueItem(1, { state: 'sent', upstreamState: 'approved' })
    rerender(<QueueScreen client={client} status={queueStatus({ counts: { approved: 1 } })} />)
    await waitFor(() => expect(statusOf(1)).toBe('Đã được duyệt'))
  })
})
