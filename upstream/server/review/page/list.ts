import type { ReviewApi, ReviewSummary, SmsMessage } from './api'
import { byId, element, row } from './dom'
import { textOf, type PageState } from './state'

type Text = ReturnType<typeof textOf>

/** The chip verdict as a coloured badge (class verdict-valid, verdict-untrusted, …). */
export function verdictBadge(t: Text, verdict: ReviewSummary['chipVerdict']): HTMLSpanElement {
  return element('span', t(`verdicts.${verdict}`), `badge verdict-${verdict}`)
}

function outboxTable(state: PageState, messages: readonly SmsMessage[]): HTMLElement {
  const t = textOf(state)
  if (!messages.length) return element('p', t('empty'))
  const table = element('table')
  const header = [t('fields.fileId'), t('fields.to'), t('fields.message'), t('fields.created')]
  table.append(row([...header, t('fields.smsStatus')], true))
  for (const m of messages) {
    const status = t(`smsStatus.${m.status}`) + (m.lastError ? ` (${m.lastError})` : '')
    const body = state.lang === 'vi' ? m.bodyVi : m.bodyEn
    table.append(row([m.fileId, m.phone, body, m.createdAt, status]))
  }
  return table
}

function filesTable(
  state: PageState,
  files: readonly ReviewSummary[],
  select: (fileId: string) => void,
): HTMLElement {
  const t = textOf(state)
  if (!files.length) return element('p', t('empty'))
  const table = element('table')
  const header = [t('fields.fileId'), t('fields.terminal'), t('fields.received'), t('fields.chip')]
  table.append(row([...header, ''], true))
  for (const file of files) {
    const tr = row([
      file.fileId.slice(0, 8),
      file.terminalId,
      file.receivedAt,
      verdictBadge(t, file.chipVerdict),
      file.simulated ? element('span', t('simulated'), 'badge') : '',
    ])
    tr.className = 'row'
    tr.tabIndex = 0
    tr.setAttribute('aria-selected', String(file.fileId === state.selected))
    tr.addEventListener('click', () => select(file.fileId))
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') select(file.fileId)
    })
    table.append(tr)
  }
  return table
}

/** Fills #list with the current tab: the files in that state, or the SMS outbox. */
export async function loadList(
  state: PageState,
  api: ReviewApi,
  select: (fileId: string) => void,
): Promise<void> {
  const content =
    state.tab === 'outbox'
      ? outboxTable(state, await api.outbox())
      : filesTable(state, await api.files(state.tab), select)
  // Replaced in one step once the answer is in: the list never shows empty while it reloads.
  byId('list', HTMLElement).replaceChildren(content)
}

export async function loadStats(state: PageState, api: ReviewApi): Promise<void> {
  const stats = await api.stats()
  byId('stats', HTMLElement).textContent = textOf(state)('stats', { ...stats })
}
