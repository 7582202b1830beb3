// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { startReviewPage } from './page'
import { clockTime } from './refusals'
import {
  $,
  click,
  LOCKED_UNTIL,
  openSignedIn,
  PASSWORD,
  text,
  TOKEN,
  TRAINING_TOKEN,
  typeAndSubmit,
  useFakeUpstream,
} from './page-test-support'

const fake = useFakeUpstream()

function openAt(address = '/review/') {
  history.replaceState(null, '', address)
  startReviewPage()
}

const signedOut = () => {
  expect($('#login')?.hidden).toBe(false)
  expect($('#main')?.hidden).toBe(true)
  expect($('#who')?.hidden).toBe(true)
  expect($('#sign-out')?.hidden).toBe(true)
}

describe('review page sign-in', () => {
  it('shows only the sign-in form before signing in, and asks for both fields', async () => {
    openAt()
    signedOut()
    expect(text('#login h2')).toBe('Đăng nhập để duyệt hồ sơ')
    expect($('#login-error')?.hidden).toBe(true)
    typeAndSubmit('hoa', '')
    expect(text('#login-error')).toBe('Hãy nhập tên đăng nhập và mật khẩu.')
    expect(fake.current().calls).toEqual([expect.objectContaining({ path: '/v1/upstream' })])
  })

  it('says how many tries are left after a wrong password, in Vietnamese and English', async () => {
    openAt()
    typeAndSubmit('hoa', 'sai mật khẩu')
    await vi.waitFor(() =>
      expect(text('#login-error')).toBe(
        'Sai tên đăng nhập hoặc mật khẩu. Còn 4 lần thử trước khi tài khoản bị khóa 15 phút.',
      ),
    )
    signedOut()
    expect(($('#password') as HTMLInputElement).value).toBe('')
    click('#lang')
    typeAndSubmit('hoa', 'still wrong')
    await vi.waitFor(() =>
      expect(text('#login-error')).toBe(
        'Wrong username or password. 3 tries left before the account is locked for 15 minutes.',
      ),
    )
    typeAndSubmit('hoa', PASSWORD)
    await vi.waitFor(() => expect($('#main')?.hidden).toBe(false))
    expect($('#login-error')?.hidden).toBe(true)
  })

  it('says until when a locked account is locked, that a disabled one is disabled, and to wait', async () => {
    openAt()
    typeAndSubmit('locked', PASSWORD)
    await vi.waitFor(() => expect(text('#login-error')).toContain('Tài khoản bị khóa'))
    expect(text('#login-error')).toContain(`đến ${clockTime(LOCKED_UNTIL)}.`)
    expect(clockTime(LOCKED_UNTIL)).toMatch(/^\d\d:\d\d$/)
    typeAndSubmit('disabled', PASSWORD)
    await vi.waitFor(() =>
      expect(text('#login-error')).toBe(
        'Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ quản trị viên.',
      ),
    )
    typeAndSubmit('flood', PASSWORD)
    await vi.waitFor(() =>
      expect(text('#login-error')).toBe(
        'Quá nhiều lần đăng nhập từ máy này. Hãy thử lại sau 10 phút.',
      ),
    )
    signedOut()
  })

  it('sends the reviewer back to the form when the session expires', async () => {
    await openSignedIn()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    fake.current().control.expired = true
    click('#refresh')
    await vi.waitFor(() =>
      expect(text('#login-error')).toBe('Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.'),
    )
    signedOut()
    expect(sessionStorage.getItem('review.session')).toBeNull()
  })

  it('signs out: the server forgets the session, the page shows the form', async () => {
    await openSignedIn()
    click('#sign-out')
    await vi.waitFor(() => expect($('#login')?.hidden).toBe(false))
    signedOut()
    expect(sessionStorage.getItem('review.session')).toBeNull()
    expect(fake.current().calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/review/api/session',
      authorization: `Bearer ${TOKEN}`,
    })
  })

  it('signs in the training token from the address as the trainer, and drops it from there', async () => {
    openAt(`/review/#token=${TRAINING_TOKEN}`)
    expect(window.location.hash).toBe('')
    await vi.waitFor(() => expect($('#main')?.hidden).toBe(false))
    expect(text('#who')).toBe('Trainer · người duyệt cấp cao')
    expect(fake.current().calls).toContainEqual(
      expect.objectContaining({
        path: '/review/api/session/training',
        body: { trainingToken: TRAINING_TOKEN },
      }),
    )
  })

  it('says so when the address holds a wrong training token', async () => {
    openAt('/review/#token=wrong')
    await vi.waitFor(() => expect(text('#login-error')).toBe('Mã truy cập không đúng.'))
    signedOut()
    expect(sessionStorage.getItem('review.session')).toBeNull()
  })
})
