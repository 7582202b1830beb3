/* global document, window, history */
// The review page of the reference upstream: no framework, no inline code (the CSP forbids it).
// Every visible string is in STRINGS, in Vietnamese and English.
'use strict'

const STRINGS = {
  vi: {
    title: 'Duyệt hồ sơ định danh điện tử mức 2',
    training: 'Máy chủ huấn luyện',
    tokenLabel: 'Mã truy cập của người duyệt',
    signIn: 'Đăng nhập',
    tabReceived: 'Chờ duyệt',
    tabApproved: 'Đã duyệt',
    tabRejected: 'Đã từ chối',
    tabOutbox: 'Tin nhắn SMS',
    refresh: 'Làm mới',
    detailTitle: 'Chi tiết hồ sơ',
    parts: 'Thành phần',
    approve: 'Phê duyệt',
    reject: 'Từ chối',
    reason: 'Lý do từ chối',
    reasonNeeded: 'Hãy nhập lý do (ít nhất 3 ký tự).',
    empty: 'Không có hồ sơ.',
    fileId: 'Mã hồ sơ',
    terminal: 'Máy trạm',
    station: 'Điểm tiếp nhận',
    officer: 'Cán bộ',
    supervisor: 'Cán bộ giám sát',
    started: 'Bắt đầu',
    submitted: 'Nộp lúc',
    received: 'Nhận lúc',
    state: 'Trạng thái',
    citizen: 'Công dân',
    phone: 'Điện thoại',
    software: 'Phần mềm',
    source: 'Nguồn',
    pa: 'Xác thực thụ động chip',
    chip: 'Chip',
    verdicts: {
      valid: 'hợp lệ',
      untrusted: 'chưa tin cậy',
      invalid: 'không hợp lệ',
      'not-checked': 'không kiểm tra',
    },
    dataGroups: 'Nhóm dữ liệu',
    documentSigner: 'Người ký tài liệu',
    csca: 'CSCA',
    simulated: 'MÔ PHỎNG',
    placeholder: 'giữ chỗ',
    name: 'Tên',
    kind: 'Loại',
    size: 'Kích thước',
    to: 'Đến',
    message: 'Nội dung',
    created: 'Tạo lúc',
    stats: 'Đã nhận {received} · duyệt {approved} · từ chối {rejected} · trùng {duplicates}',
    states: { received: 'chờ duyệt', approved: 'đã duyệt', rejected: 'đã từ chối' },
    sources: { upload: 'đồng bộ', import: 'nhập từ thiết bị lưu trữ' },
    unauthorized: 'Mã truy cập không đúng.',
  },
  en: {
    title: 'Level-2 electronic identification: file review',
    training: 'Training upstream',
    tokenLabel: 'Reviewer access token',
    signIn: 'Sign in',
    tabReceived: 'Awaiting review',
    tabApproved: 'Approved',
    tabRejected: 'Rejected',
    tabOutbox: 'SMS outbox',
    refresh: 'Refresh',
    detailTitle: 'File details',
    parts: 'Parts',
    approve: 'Approve',
    reject: 'Reject',
    reason: 'Reason for rejection',
    reasonNeeded: 'Enter a reason (at least 3 characters).',
    empty: 'No files.',
    fileId: 'File id',
    terminal: 'Terminal',
    station: 'Station',
    officer: 'Officer',
    supervisor: 'Supervisor',
    started: 'Started',
    submitted: 'Submitted',
    received: 'Received',
    state: 'State',
    citizen: 'Citizen',
    phone: 'Phone',
    software: 'Software',
    source: 'Source',
    pa: 'Chip passive authentication',
    chip: 'Chip',
    verdicts: {
      valid: 'valid',
      untrusted: 'untrusted',
      invalid: 'invalid',
      'not-checked': 'not checked',
    },
    dataGroups: 'Data groups',
    documentSigner: 'Document signer',
    csca: 'CSCA',
    simulated: 'SIMULATED',
    placeholder: 'placeholder',
    name: 'Name',
    kind: 'Kind',
    size: 'Size',
    to: 'To',
    message: 'Message',
    created: 'Created',
    stats:
      'Received {received} · approved {approved} · rejected {rejected} · duplicates {duplicates}',
    states: { received: 'awaiting review', approved: 'approved', rejected: 'rejected' },
    sources: { upload: 'sync', import: 'removable media' },
    unauthorized: 'Wrong access token.',
  },
}

const state = {
  lang: localStorage.getItem('review.lang') === 'en' ? 'en' : 'vi',
  token: sessionStorage.getItem('review.token'),
  tab: 'received',
  selected: null,
  portraitUrl: null,
}

const $ = (id) => document.getElementById(id)
const t = (key) => STRINGS[state.lang][key]

function element(tag, text, className) {
  const node = document.createElement(tag)
  if (text !== undefined && text !== null) node.textContent = String(text)
  if (className) node.className = className
  return node
}

function row(cells, header) {
  const tr = document.createElement('tr')
  for (const cell of cells) {
    const td = element(header ? 'th' : 'td')
    if (cell instanceof window.Node) td.append(cell)
    else td.textContent = cell === undefined || cell === null ? '' : String(cell)
    tr.append(td)
  }
  return tr
}

function showError(message) {
  const box = $('error')
  box.textContent = message || ''
  box.hidden = !message
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: {
      authorization: `Bearer ${state.token}`,
      ...(options.body ? { 'content-type': 'application/json' } : {}),
    },
  })
  if (response.status === 401) {
    sessionStorage.removeItem('review.token')
    state.token = null
    render()
    throw new Error(t('unauthorized'))
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null)
    throw new Error(body && body.error ? body.error.message : `HTTP ${response.status}`)
  }
  return response
}

function applyLanguage() {
  document.documentElement.lang = state.lang
  for (const node of document.querySelectorAll('[data-i18n]'))
    node.textContent = t(node.dataset.i18n)
  $('lang').textContent = state.lang === 'vi' ? 'English' : 'Tiếng Việt'
}

async function loadStats() {
  const stats = await (await api('/review/api/stats')).json()
  $('stats').textContent = t('stats').replace(/\{(\w+)\}/g, (_, key) => String(stats[key]))
}

async function loadList() {
  const list = $('list')
  list.replaceChildren()
  if (state.tab === 'outbox') {
    const { messages } = await (await api('/review/api/outbox?limit=100')).json()
    const table = element('table')
    table.append(row([t('fileId'), t('to'), t('message'), t('created')], true))
    for (const m of messages)
      table.append(row([m.fileId, m.phone, state.lang === 'vi' ? m.bodyVi : m.bodyEn, m.createdAt]))
    list.append(messages.length ? table : element('p', t('empty')))
    return
  }
  const { files } = await (await api(`/review/api/files?state=${state.tab}&limit=200`)).json()
  if (!files.length) {
    list.append(element('p', t('empty')))
    return
  }
  const table = element('table')
  table.append(row([t('fileId'), t('terminal'), t('received'), t('chip'), ''], true))
  for (const file of files) {
    const badge = file.simulated ? element('span', t('simulated'), 'badge') : ''
    const tr = row([
      file.fileId.slice(0, 8),
      file.terminalId,
      file.receivedAt,
      verdictBadge(file.chipVerdict),
      badge,
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
  list.append(table)
}

/** The chip verdict as a coloured badge (class verdict-valid, verdict-untrusted, …). */
function verdictBadge(verdict) {
  return element('span', t('verdicts')[verdict] || verdict, `badge verdict-${verdict}`)
}

/** Passive authentication: the verdict, why it is not valid, each data group, signer and CSCA. */
function passiveAuthFacts(pa) {
  const box = element('div')
  box.append(verdictBadge(pa.verdict))
  if (pa.reason) box.append(element('div', pa.reason))
  if (pa.dataGroups.length)
    box.append(
      element(
        'div',
        `${t('dataGroups')}: ${pa.dataGroups.map((g) => `DG${g.number} ${g.status}`).join(', ')}`,
      ),
    )
  if (pa.documentSigner) box.append(element('div', `${t('documentSigner')}: ${pa.documentSigner}`))
  if (pa.csca) box.append(element('div', `${t('csca')}: ${pa.csca}`))
  return box
}

async function select(fileId) {
  state.selected = fileId
  showError('')
  try {
    const detail = await (await api(`/review/api/files/${fileId}`)).json()
    renderDetail(detail)
    await loadList()
  } catch (error) {
    showError(error.message)
  }
}

function renderDetail(detail) {
  $('detail').hidden = false
  const facts = $('facts')
  facts.replaceChildren()
  const fact = (key, value) => {
    const dd = element('dd', value === null || value instanceof window.Node ? undefined : value)
    if (value === null) dd.textContent = '—'
    else if (value instanceof window.Node) dd.append(value)
    facts.append(element('dt', t(key)), dd)
  }
  fact('fileId', detail.fileId)
  fact('state', t('states')[detail.state] + (detail.reason ? ` — ${detail.reason}` : ''))
  fact('citizen', detail.citizenName)
  fact('phone', detail.phone)
  fact('terminal', detail.terminalId)
  fact('station', detail.stationId)
  fact('officer', detail.officerId)
  fact('supervisor', detail.supervisorId)
  fact('started', detail.startedAt)
  fact('submitted', detail.submittedAt)
  fact('received', detail.receivedAt)
  fact('software', detail.software)
  fact('source', t('sources')[detail.source])
  fact('pa', passiveAuthFacts(detail.passiveAuthentication))
  if (detail.simulated) facts.append(element('dt'), element('dd', t('simulated'), 'badge'))

  const parts = $('parts')
  parts.replaceChildren(row([t('name'), t('kind'), t('size'), ''], true))
  for (const part of detail.parts)
    parts.append(
      row([
        part.name,
        part.kind,
        part.size,
        part.placeholder ? element('span', t('placeholder'), 'badge') : '',
      ]),
    )
  void showPortrait(detail)
  $('actions').hidden = detail.state !== 'received'
  $('reason').value = ''
}

async function showPortrait(detail) {
  const img = $('portrait')
  img.hidden = true
  if (state.portraitUrl) URL.revokeObjectURL(state.portraitUrl)
  state.portraitUrl = null
  const portrait = detail.parts.find(
    (p) => p.kind === 'portrait' && !p.placeholder && /^image\/(jpeg|png)$/.test(p.mediaType),
  )
  if (!portrait) return
  const response = await api(
    `/review/api/files/${detail.fileId}/part?name=${encodeURIComponent(portrait.name)}`,
  )
  state.portraitUrl = URL.createObjectURL(await response.blob())
  img.src = state.portraitUrl
  img.hidden = false
}

async function decide(action) {
  const fileId = state.selected
  if (!fileId) return
  const reason = $('reason').value.trim()
  if (action === 'reject' && reason.length < 3) {
    showError(t('reasonNeeded'))
    return
  }
  showError('')
  try {
    await api(`/review/api/files/${fileId}/${action}`, {
      method: 'POST',
      body: JSON.stringify(action === 'reject' ? { reason } : {}),
    })
    $('detail').hidden = true
    state.selected = null
    await refresh()
  } catch (error) {
    showError(error.message)
  }
}

async function refresh() {
  for (const tab of document.querySelectorAll('.tab'))
    tab.setAttribute('aria-pressed', String(tab.dataset.tab === state.tab))
  try {
    await Promise.all([loadList(), loadStats()])
  } catch (error) {
    showError(error.message)
  }
}

function render() {
  applyLanguage()
  $('login').hidden = Boolean(state.token)
  $('main').hidden = !state.token
  if (state.token) void refresh()
}

async function showTraining() {
  const response = await fetch('/v1/upstream')
  if (response.ok) $('training').hidden = !(await response.json()).training
}

function start() {
  // The serve command prints /review/#token=…: keep the token for this tab, drop it from the URL.
  const fromHash = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (fromHash) {
    state.token = decodeURIComponent(fromHash[1])
    sessionStorage.setItem('review.token', state.token)
    history.replaceState(null, '', window.location.pathname)
  }
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'vi' ? 'en' : 'vi'
    localStorage.setItem('review.lang', state.lang)
    render()
    if (state.selected) void select(state.selected)
  })
  $('login-button').addEventListener('click', () => {
    state.token = $('token').value.trim()
    sessionStorage.setItem('review.token', state.token)
    render()
  })
  for (const tab of document.querySelectorAll('.tab'))
    tab.addEventListener('click', () => {
      state.tab = tab.dataset.tab
      state.selected = null
      $('detail').hidden = true
      void refresh()
    })
  $('refresh').addEventListener('click', () => void refresh())
  $('approve').addEventListener('click', () => void decide('approve'))
  $('reject').addEventListener('click', () => void decide('reject'))
  void showTraining()
  render()
}

document.addEventListener('DOMContentLoaded', start)
