import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SessionInfo } from '../../../../electron/contract'
import { fakeKiosk, renderTranslated } from '../../test-support'
import { SessionGate } from './SessionGate'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const ok = (value: unknown) => ({ ok: true, value })
const officer: SessionInfo = {
  officerId: 'o-1',
  username: 'can-bo',
  displayName: 'Nguyễn Thị Lan',
  role: 'officer',
  locked: false,
  mustChangePassword: false,
  signedInAt: '2026-12-02T08:00:00.000Z',
}

function station(session: SessionInfo | null, overrides: Record<string, () => unknown> = {}) {
  let current = session
  const kiosk = fakeKiosk({
    'session.status': () => ok({ setupRequired: false, session: current, idleLockMinutes: 2 }),
    'session.signIn': () => ok((current = officer)),
    'session.lock': () => ok((current = { ...officer, locked: true })),
    'session.unlock': () => ok((current = officer)),
    'session.touch': () => ok({ locked: false }),
    'session.signOut': () => ok({ signedOut: true }),
    'settings.setLanguage': () => ok({ language: 'vi' }),
    ...overrides,
  })
  return kiosk
}

/** What an officer's work looks like behind the gate: a citizen's name. */
const CITIZEN = 'Citizen NGUYỄN VĂN AN'
const work = () => <p>{CITIZEN}</p>

describe('the session gate', () => {
  it('shows only the sign-in screen until an officer signs in, then the station with its menu', async () => {
    const kiosk = station(null)
    await renderTranslated(
      <SessionGate client={kiosk.client}>
        {(menu) => (
          <>
            {menu}
            {work()}
          </>
        )}
      </SessionGate>,
    )
    await screen.findByRole('heading', { name: 'Đăng nhập cán bộ' })
    expect(document.body.textContent).not.toContain('NGUYỄN VĂN AN')
    fireEvent.change(screen.getByLabelText('Tên đăng nhập'), { target: { value: 'can-bo' } })
    fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: 'một mật khẩu dài' } })
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }))
    await screen.findByText('Nguyễn Thị Lan · Cán bộ tiếp nhận')
    expect(kiosk.calls.find((c) => c.channel === 'session.signIn')?.payload).toEqual({
      username: 'can-bo',
      password: 'một mật khẩu dài',
    })
    expect(document.body.textContent).toContain('NGUYỄN VĂN AN')
    // Officers have no officers screen; supervisors do.
    expect(screen.queryByRole('button', { name: 'Quản lý cán bộ' })).toBeNull()
  })

  it('locks after 2 idle minutes (virtual clock): the work is unmounted, the password opens it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const kiosk = station(officer)
    await renderTranslated(<SessionGate client={kiosk.client}>{work}</SessionGate>)
    await screen.findByText('Citizen NGUYỄN VĂN AN')
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    fireEvent.keyDown(window, { key: 'a' })
    await act(() => vi.advanceTimersByTimeAsync(119_000))
    expect(screen.getByText('Citizen NGUYỄN VĂN AN')).toBeTruthy()
    await act(() => vi.advanceTimersByTimeAsync(2_000))
    await screen.findByRole('heading', { name: 'Màn hình đã khóa' })
    expect(document.body.textContent).not.toContain('NGUYỄN VĂN AN')
    expect(kiosk.calls.map((c) => c.channel)).toContain('session.lock')
    fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: 'một mật khẩu dài' } })
    fireEvent.click(screen.getByRole('button', { name: 'Mở khóa' }))
    await screen.findByText('Citizen NGUYỄN VĂN AN')
  })

  it('shows the core’s reason for a refused sign-in', async () => {
    const kiosk = station(null, {
      'session.signIn': () => ({
        ok: false,
        error: {
          code: 'E_ACCOUNT_LOCKED',
          message: 'locked',
          messageKey: 'messages.officers.accountLocked',
          params: { attempts: 5, until: '08:15' },
        },
      }),
    })
    await renderTranslated(<SessionGate client={kiosk.client}>{work}</SessionGate>)
    fireEvent.click(await screen.findByRole('button', { name: 'Đăng nhập' }))
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'Tài khoản tạm khóa sau 5 lần nhập sai mật khẩu, đến 08:15.',
      ),
    )
    expect((screen.getByLabelText('Mật khẩu') as HTMLInputElement).value).toBe('')
  })

  it('asks a supervisor on the spot to approve one named exception', async () => {
    const kiosk = station(officer, {
      'approvals.grant': () =>
        ok({
          approvalId: 'a-1',
          supervisorId: 's-1',
          supervisorName: 'Trần Văn Hùng',
          exception: 'manual-portrait',
          reason: 'Máy ảnh hỏng',
          at: '2026-12-02T08:01:00.000Z',
        }),
    })
    await renderTranslated(
      <SessionGate client={kiosk.client}>
        {(menu) => (
          <>
            {menu}
            {work()}
          </>
        )}
      </SessionGate>,
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Xin phê duyệt ngoại lệ' }))
    const dialog = await screen.findByRole('dialog', { name: 'Phê duyệt ngoại lệ' })
    expect(dialog.textContent).not.toContain('NGUYỄN VĂN AN')
    fireEvent.change(screen.getByLabelText('Ngoại lệ'), { target: { value: 'manual-portrait' } })
    fireEvent.change(screen.getByLabelText('Lý do'), { target: { value: 'Máy ảnh hỏng' } })
    fireEvent.change(screen.getByLabelText('Chỉ huy phê duyệt'), { target: { value: 'chi-huy' } })
    fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: 'mật khẩu chỉ huy' } })
    fireEvent.click(screen.getByRole('button', { name: 'Phê duyệt' }))
    await screen.findByText('Citizen NGUYỄN VĂN AN')
    expect(kiosk.calls.find((c) => c.channel === 'approvals.grant')?.payload).toEqual({
      username: 'chi-huy',
      password: 'mật khẩu chỉ huy',
      exception: 'manual-portrait',
      reason: 'Máy ảnh hỏng',
    })
  })
})
