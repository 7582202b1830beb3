// What the review page does: no framework, no inline code (the CSP forbids it). Every visible
// text comes from `review.*` of the message catalogue, bundled at build time.
import { createReviewApi, endsSession, type ReviewApi } from './api'
import { confirmDecision } from './confirm'
import { renderDetail } from './detail'
import { byId } from './dom'
import { loadList, loadStats } from './list'
import { refusalText } from './refusals'
import { showSignedIn, signInWith, takeTrainingToken } from './signin'
import { isTab, keepSession, LANGUAGE_KEY, loadState, textOf, type PageState } from './state'
import { isReviewKey } from './texts'

function showError(message: string): void {
  const box = byId('error', HTMLElement)
  box.textContent = message
  box.hidden = !message
}

function applyLanguage(state: PageState): void {
  const t = textOf(state)
  document.documentElement.lang = state.lang
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = node.dataset.i18n ?? ''
    node.textContent = isReviewKey(key) ? t(key) : key
  }
  byId('lang', HTMLButtonElement).textContent = t('otherLanguage')
}

/** The page's behaviour over its state: each function is one thing a reviewer can do. */
function createPage(state: PageState) {
  const api: ReviewApi = createReviewApi(state)

  /** Shows a refusal; one that ends the session sends the reviewer back to the sign-in form. */
  function fail(error: unknown): void {
    const message = refusalText(textOf(state), error)
    if (!endsSession(error)) return showError(message)
    keepSession(state, null)
    render(message)
  }

  async function select(fileId: string): Promise<void> {
    state.selected = fileId
    showError('')
    try {
      state.detail = await api.detail(fileId)
      renderDetail(state, api, state.detail)
      await loadList(state, api, (id) => void select(id))
    } catch (error) {
      fail(error)
    }
  }

  async function refresh(): Promise<void> {
    for (const tab of document.querySelectorAll<HTMLElement>('.tab'))
      tab.setAttribute('aria-pressed', String(tab.dataset.tab === state.tab))
    try {
      await Promise.all([loadList(state, api, (id) => void select(id)), loadStats(state, api)])
    } catch (error) {
      fail(error)
    }
  }

  /** Approve or reject the file shown, once the reviewer confirms it in the dialog. */
  async function decide(action: 'approve' | 'reject'): Promise<void> {
    const { detail } = state
    if (!detail) return
    const t = textOf(state)
    const reason = byId('reason', HTMLTextAreaElement).value.trim()
    if (action === 'reject' && reason.length < 3) return showError(t('reasonNeeded'))
    showError('')
    if (!(await confirmDecision(t, detail, action, reason))) return
    try {
      await api.decide(detail.fileId, action, reason)
      byId('detail', HTMLElement).hidden = true
      state.selected = null
      state.detail = null
      await refresh()
    } catch (error) {
      fail(error)
    }
  }

  async function signIn(trainingToken: string | null = null): Promise<void> {
    const refused = await signInWith(state, api, trainingToken)
    if (refused !== null) render(refused)
  }

  async function signOut(): Promise<void> {
    // The session ends here even if the server cannot be reached; it expires there anyway.
    await api.signOut().catch(() => undefined)
    keepSession(state, null)
    state.selected = null
    state.detail = null
    byId('detail', HTMLElement).hidden = true
    render()
  }

  function render(loginMessage = ''): void {
    applyLanguage(state)
    showSignedIn(state, loginMessage)
    if (state.session) void refresh()
  }

  return { select, refresh, decide, signIn, signOut, render }
}

async function showTraining(): Promise<void> {
  const response = await fetch('/v1/upstream')
  if (!response.ok) return
  const info: unknown = await response.json()
  const training = typeof info === 'object' && info !== null && 'training' in info && info.training
  byId('training', HTMLElement).hidden = !training
}

/** Wires the page's controls to its state, signs in a training token, and shows the page. */
export function startReviewPage(): void {
  const state = loadState()
  const page = createPage(state)
  byId('lang', HTMLButtonElement).addEventListener('click', () => {
    state.lang = state.lang === 'vi' ? 'en' : 'vi'
    localStorage.setItem(LANGUAGE_KEY, state.lang)
    page.render()
    if (state.selected) void page.select(state.selected)
  })
  byId('login-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault()
    void page.signIn()
  })
  byId('sign-out', HTMLButtonElement).addEventListener('click', () => void page.signOut())
  for (const tab of document.querySelectorAll<HTMLElement>('.tab'))
    tab.addEventListener('click', () => {
      if (!isTab(tab.dataset.tab)) return
      state.tab = tab.dataset.tab
      state.selected = null
      state.detail = null
      byId('detail', HTMLElement).hidden = true
      void page.refresh()
    })
  byId('refresh', HTMLButtonElement).addEventListener('click', () => void page.refresh())
  byId('approve', HTMLButtonElement).addEventListener('click', () => void page.decide('approve'))
  byId('reject', HTMLButtonElement).addEventListener('click', () => void page.decide('reject'))
  void showTraining()
  const trainingToken = takeTrainingToken()
  if (trainingToken) void page.signIn(trainingToken)
  else page.render()
}
