// What the review page does: no framework, no inline code (the CSP forbids it). Every visible
// text comes from `review.*` of the message catalogue, bundled at build time.
import { createReviewApi, type ReviewApi } from './api'
import { renderDetail } from './detail'
import { byId } from './dom'
import { loadList, loadStats } from './list'
import { isTab, LANGUAGE_KEY, loadState, textOf, TOKEN_KEY, type PageState } from './state'
import { isReviewKey } from './texts'

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

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
  const api: ReviewApi = createReviewApi(state, () => render())

  async function select(fileId: string): Promise<void> {
    state.selected = fileId
    showError('')
    try {
      renderDetail(state, api, await api.detail(fileId))
      await loadList(state, api, (id) => void select(id))
    } catch (error) {
      showError(messageOf(error))
    }
  }

  async function refresh(): Promise<void> {
    for (const tab of document.querySelectorAll<HTMLElement>('.tab'))
      tab.setAttribute('aria-pressed', String(tab.dataset.tab === state.tab))
    try {
      await Promise.all([loadList(state, api, (id) => void select(id)), loadStats(state, api)])
    } catch (error) {
      showError(messageOf(error))
    }
  }

  async function decide(action: 'approve' | 'reject'): Promise<void> {
    const fileId = state.selected
    if (!fileId) return
    const reason = byId('reason', HTMLTextAreaElement).value.trim()
    if (action === 'reject' && reason.length < 3) {
      showError(textOf(state)('reasonNeeded'))
      return
    }
    showError('')
    try {
      await api.decide(fileId, action, reason)
      byId('detail', HTMLElement).hidden = true
      state.selected = null
      await refresh()
    } catch (error) {
      showError(messageOf(error))
    }
  }

  function render(): void {
    applyLanguage(state)
    byId('login', HTMLElement).hidden = Boolean(state.token)
    byId('main', HTMLElement).hidden = !state.token
    if (state.token) void refresh()
  }

  return { select, refresh, decide, render }
}

async function showTraining(): Promise<void> {
  const response = await fetch('/v1/upstream')
  if (!response.ok) return
  const info: unknown = await response.json()
  const training = typeof info === 'object' && info !== null && 'training' in info && info.training
  byId('training', HTMLElement).hidden = !training
}

/** The serve command prints /review/#token=…: keep the token for this tab, drop it from the URL. */
function takeTokenFromAddress(state: PageState): void {
  const fromHash = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (!fromHash?.[1]) return
  state.token = decodeURIComponent(fromHash[1])
  sessionStorage.setItem(TOKEN_KEY, state.token)
  history.replaceState(null, '', window.location.pathname)
}

/** Wires the page's controls to its state, reads the token from the address, and shows it. */
export function startReviewPage(): void {
  const state = loadState()
  const page = createPage(state)
  takeTokenFromAddress(state)
  byId('lang', HTMLButtonElement).addEventListener('click', () => {
    state.lang = state.lang === 'vi' ? 'en' : 'vi'
    localStorage.setItem(LANGUAGE_KEY, state.lang)
    page.render()
    if (state.selected) void page.select(state.selected)
  })
  byId('login-button', HTMLButtonElement).addEventListener('click', () => {
    state.token = byId('token', HTMLInputElement).value.trim()
    sessionStorage.setItem(TOKEN_KEY, state.token)
    page.render()
  })
  for (const tab of document.querySelectorAll<HTMLElement>('.tab'))
    tab.addEventListener('click', () => {
      if (!isTab(tab.dataset.tab)) return
      state.tab = tab.dataset.tab
      state.selected = null
      byId('detail', HTMLElement).hidden = true
      void page.refresh()
    })
  byId('refresh', HTMLButtonElement).addEventListener('click', () => void page.refresh())
  byId('approve', HTMLButtonElement).addEventListener('click', () => void page.decide('approve'))
  byId('reject', HTMLButtonElement).addEventListener('click', () => void page.decide('reject'))
  void showTraining()
  page.render()
}
