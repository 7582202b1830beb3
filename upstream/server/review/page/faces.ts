import type { ReviewFaceView, ReviewPortrait } from '../review-portrait'
import { byId, element } from './dom'
import { textOf, type PageState } from './state'

type Text = ReturnType<typeof textOf>

/** Object URLs of the faces shown, revoked when another file replaces them. */
const shownUrls: string[] = []

function figure(title: string, view: ReviewFaceView, id: string): HTMLElement {
  const box = element('figure')
  box.append(element('figcaption', title))
  if (!view.ok) {
    box.append(element('p', view.note, 'error'))
    return box
  }
  // The CSP allows blob: images only: the base64 becomes a blob, not a data: URL.
  const bytes = Uint8Array.from(atob(view.base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: view.mediaType }))
  shownUrls.push(url)
  const img = element('img')
  img.id = id
  img.alt = title
  img.src = url
  box.append(img)
  return box
}

function assessmentFacts(t: Text, portrait: ReviewPortrait): HTMLElement {
  const facts = element('dl')
  const fact = (label: string, value: string) =>
    facts.append(element('dt', label), element('dd', value))
  const a = portrait.assessment
  if (!a) {
    facts.append(element('p', portrait.assessmentNote, 'error'))
    return facts
  }
  const { match, presentation } = a
  fact(t('portrait.verdict'), t(`portrait.verdicts.${match.verdict}`))
  fact(t('portrait.score'), match.score === null ? '—' : match.score.toFixed(2))
  fact(t('portrait.threshold'), match.threshold.toFixed(2))
  fact(t('portrait.capture'), t(`portrait.captures.${a.capture}`))
  const score = (v: number | null) => (v === null ? '—' : v.toFixed(2))
  fact(
    t('portrait.presentation'),
    `${score(presentation.real)} / ${score(presentation.live)} (${t(`portrait.gates.${presentation.gate}`)})`,
  )
  const failing = a.components.filter((c) => c.passed === false).map((c) => c.name)
  fact(t('portrait.failing'), failing.length ? failing.join(', ') : '—')
  return facts
}

/** The two faces side by side, with the score, threshold, verdict and the failing components. */
export function renderFaces(state: PageState, portrait: ReviewPortrait): void {
  const t = textOf(state)
  for (const url of shownUrls.splice(0)) URL.revokeObjectURL(url)
  const faces = byId('faces', HTMLElement)
  const pair = element('div', null, 'pair')
  pair.append(
    figure(t('portrait.kioskTitle'), portrait.kiosk, 'kiosk-face'),
    figure(t('portrait.chipTitle'), portrait.chip, 'chip-face'),
  )
  faces.replaceChildren(pair, assessmentFacts(t, portrait))
  faces.hidden = false
}
