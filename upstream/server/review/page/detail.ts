import type { ReviewApi, ReviewDetail } from './api'
import { renderDesk } from './desk'
import { byId, element, fill, row, type Content } from './dom'
import { renderFaces } from './faces'
import { renderImages } from './images'
import { verdictBadge } from './list'
import { ROLE_TEXTS } from './signin'
import { textOf, type PageState } from './state'
import { isReviewKey, type ReviewKey } from './texts'

type Text = ReturnType<typeof textOf>
type PassiveAuthentication = ReviewDetail['passiveAuthentication']

/** Passive authentication: the verdict, why it is not valid, each data group, signer and CSCA. */
function passiveAuthFacts(t: Text, pa: PassiveAuthentication): HTMLElement {
  const box = element('div')
  box.append(verdictBadge(t, pa.verdict))
  if (pa.reason) box.append(element('div', pa.reason))
  if (pa.dataGroups.length) {
    const groups = pa.dataGroups.map((g) => `DG${g.number} ${g.status}`).join(', ')
    box.append(element('div', `${t('dataGroups')}: ${groups}`))
  }
  if (pa.documentSigner) box.append(element('div', `${t('documentSigner')}: ${pa.documentSigner}`))
  if (pa.csca) box.append(element('div', `${t('csca')}: ${pa.csca}`))
  return box
}

/** Who approved or rejected the file, as recorded with the decision; null while it waits. */
function decidedBy(t: Text, detail: ReviewDetail): string | null {
  if (!detail.reviewer) return null
  const role = detail.reviewerRole ? t(ROLE_TEXTS[detail.reviewerRole]) : '—'
  return t('decidedBy', {
    name: detail.reviewerName ?? detail.reviewer,
    id: detail.reviewer,
    role,
    at: detail.reviewedAt ?? '—',
  })
}

function renderFacts(t: Text, detail: ReviewDetail): void {
  const facts = byId('facts', HTMLElement)
  facts.replaceChildren()
  const fact = (key: ReviewKey, value: Content) => {
    const dd = element('dd')
    fill(dd, value === null ? '—' : value)
    facts.append(element('dt', t(key)), dd)
  }
  fact('fields.fileId', detail.fileId)
  // A file still `receiving` is never shown (the API answers not_found); show the raw state if so.
  const stateKey = `states.${detail.state}`
  const stateText = isReviewKey(stateKey) ? t(stateKey) : detail.state
  fact('fields.state', stateText + (detail.reason ? ` — ${detail.reason}` : ''))
  fact('fields.decidedBy', decidedBy(t, detail))
  fact('fields.citizen', detail.citizenName)
  fact('fields.phone', detail.phone)
  fact('fields.terminal', detail.terminalId)
  fact('fields.station', detail.stationId)
  fact('fields.officer', detail.officerId)
  fact('fields.supervisor', detail.supervisorId)
  // Each approval signed into the file: the exception, who approved it, when and why.
  const approvals = (detail.approvals ?? []).map(
    (a) => `${a.exception} · ${a.supervisorId} · ${a.at} · ${a.reason}`,
  )
  fact('fields.approvals', approvals.length ? approvals.join('\n') : null)
  fact('fields.started', detail.startedAt)
  fact('fields.submitted', detail.submittedAt)
  fact('fields.received', detail.receivedAt)
  fact('fields.software', detail.software)
  fact('fields.source', t(`sources.${detail.source}`))
  fact('fields.pa', passiveAuthFacts(t, detail.passiveAuthentication))
  if (detail.simulated) facts.append(element('dt'), element('dd', t('simulated'), 'badge'))
}

function renderParts(t: Text, detail: ReviewDetail): void {
  const parts = byId('parts', HTMLTableElement)
  parts.replaceChildren(
    row([t('fields.name'), t('fields.kind'), t('fields.size'), ''], true),
    ...detail.parts.map((part) =>
      row([
        part.name,
        part.kind,
        part.size,
        part.placeholder ? element('span', t('placeholder'), 'badge') : '',
      ]),
    ),
  )
}

/** Shows the kiosk portrait and the chip photo side by side (the server decodes both). */
async function showPortrait(state: PageState, api: ReviewApi, detail: ReviewDetail) {
  const faces = byId('faces', HTMLElement)
  faces.hidden = true
  try {
    renderFaces(state, await api.portrait(detail.fileId))
  } catch (error) {
    // The rest of the file stays reviewable: the faces section says why it is empty.
    faces.hidden = false
    faces.replaceChildren(
      element('p', error instanceof Error ? error.message : String(error), 'error'),
    )
  }
}

export function renderDetail(state: PageState, api: ReviewApi, detail: ReviewDetail): void {
  const t = textOf(state)
  byId('detail', HTMLElement).hidden = false
  renderFacts(t, detail)
  renderDesk(t, detail)
  renderParts(t, detail)
  void showPortrait(state, api, detail)
  // Each image carries its own note when it fails: the rest of the file stays reviewable.
  void renderImages(t, api, detail)
  byId('actions', HTMLElement).hidden = detail.state !== 'received'
  byId('reason', HTMLTextAreaElement).value = ''
}
