import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import {
  enrollmentSteps,
  type AppInfo,
  type EnrollmentView,
  type SessionInfo,
} from '../../../electron/contract'
import { SessionGate } from '../screens/session/SessionGate'
import { queueStatus } from '../screens/queue/queue-fixtures'
import { device, fakeKiosk, renderTranslated, type RequestHandler } from '../test-support'
import { EnrollmentHome } from './EnrollmentHome'
import {
  CITIZEN_NAME,
  chipIdentity,
  enrollmentView,
  intentsOf,
  ok,
  refused,
  reviewView,
} from './enrollment-fixtures'

afterEach(cleanup)

const info: AppInfo = {
  appVersion: '0.1.0',
  shell: 'host',
  language: 'vi',
  devicesMode: 'real',
  stationId: 'station-42',
  upstream: { url: 'https://intake.example.vn', training: false },
}
const officer: SessionInfo = {
  officerId: 'o-1',
  username: 'can-bo',
  displayName: 'Nguyễn Thị Lan',
  role: 'officer',
  locked: false,
  mustChangePassword: false,
  signedInAt: '2026-12-03T01:00:00.000Z',
}
const ready = [
  device({ id: 'real:reader', kind: 'card-reader' }),
  device({ id: 'real:fp', kind: 'fingerprint' }),
  device({ id: 'real:camera', kind: 'camera' }),
]

/** The station behind the session gate, as App.tsx renders it. */
async function renderStation(handlers: Partial<Record<string, RequestHandler>>, session = officer) {
  let current = session
  const kiosk = fakeKiosk({
    'session.status': () => ok({ setupRequired: false, session: current, idleLockMinutes: 2 }),
    'session.lock': () => ok((current = { ...session, locked: true })),
    'session.unlock': () => ok((current = session)),
    'session.touch': () => ok({ locked: false }),
    'devices.list': () => ok(ready),
    'devices.refresh': () => ok(ready),
    'queue.status': () => ok(queueStatus()),
    'queue.list': () => ok([]),
    'settings.setLanguage': (payload) => ok(payload),
    'enrollment.cancel': () => ok({ cancelled: true }),
    ...handlers,
  })
  const rendered = await renderTranslated(
    <SessionGate client={kiosk.client}>
      {(menu, signedIn) => (
        <EnrollmentHome client={kiosk.client} info={info} menu={menu} session={signedIn} />
      )}
    </SessionGate>,
  )
  return { ...kiosk, ...rendered }
}

const stepShown = async () => (await screen.findByTestId('step-heading')).dataset.step
/** A view at `step` with what the steps before it hold. */
const viewAt = (step: EnrollmentView['step']): EnrollmentView =>
  step === 'receipt'
    ? enrollmentView({
        step,
        phase: 'submitted',
        receipt: {
          fileId: '0b7f1e52-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
          submittedAt: 'x',
          fullName: CITIZEN_NAME,
          statusCode: 'x',
        },
      })
    : reviewView({ step })

describe('the enrollment on the station', () => {
  it.each(enrollmentSteps)('resumes a draft at %s on sign-in', async (step) => {
    await renderStation({ 'enrollment.current': () => ok(viewAt(step)) })
    expect(await stepShown()).toBe(step)
    expect(document.querySelector('[aria-current="step"]')?.getAttribute('data-state')).toBe(
      'current',
    )
  })

  it('without a draft shows the home; starting opens step 1', async () => {
    const { calls } = await renderStation({
      'enrollment.current': () => ok(null),
      'enrollment.start': () => ok(enrollmentView()),
    })
    const start = await screen.findByRole('button', { name: 'Bắt đầu đăng ký' })
    await waitFor(() => expect(start).toHaveProperty('disabled', false))
    fireEvent.click(start)
    expect(await stepShown()).toBe('identify')
    expect(calls.find((c) => c.channel === 'enrollment.start')?.payload).toEqual({})
  })

  it('an unusable draft: says so, and goes back home', async () => {
    await renderStation({
      'enrollment.current': () => refused('E_DRAFT_UNUSABLE'),
    })
    const notice = await screen.findByTestId('draft-unusable')
    expect(notice.textContent).toContain('Không mở lại được bản nháp hồ sơ đã lưu')
    fireEvent.click(screen.getByRole('button', { name: 'Về màn hình chính' }))
    expect(await screen.findByRole('button', { name: 'Bắt đầu đăng ký' })).toBeTruthy()
  })

  it('locked: no citizen detail in the page; unlocking fetches the enrollment again', async () => {
    const { calls } = await renderStation({
      'enrollment.current': () =>
        ok(enrollmentView({ step: 'identify', identity: chipIdentity() })),
    })
    await screen.findByTestId('person-name')
    fireEvent.click(screen.getByRole('button', { name: 'Khóa màn hình' }))
    await screen.findByRole('heading', { name: 'Màn hình đã khóa' })
    expect(document.body.textContent).not.toContain(CITIZEN_NAME)
    expect(document.body.innerHTML).not.toContain('data:image')
    fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: 'một mật khẩu dài' } })
    fireEvent.click(screen.getByRole('button', { name: 'Mở khóa' }))
    await screen.findByTestId('person-name')
    expect(calls.filter((c) => c.channel === 'enrollment.current')).toHaveLength(2)
  })

  it('cancel asks first, then deletes the enrollment and goes home', async () => {
    const { calls } = await renderStation({
      'enrollment.current': () => ok(reviewView({ step: 'contact' })),
    })
    await stepShown()
    fireEvent.click(screen.getByRole('button', { name: 'Hủy hồ sơ' }))
    expect(screen.getByRole('alertdialog').textContent).toContain(
      'Mọi thông tin của công dân đã nhập sẽ bị xóa',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Không, làm tiếp' }))
    expect(calls.some((c) => c.channel === 'enrollment.cancel')).toBe(false)
    fireEvent.click(screen.getByRole('button', { name: 'Hủy hồ sơ' }))
    fireEvent.click(screen.getByRole('button', { name: 'Có, hủy hồ sơ' }))
    expect(await screen.findByRole('button', { name: 'Bắt đầu đăng ký' })).toBeTruthy()
    expect(document.body.textContent).not.toContain(CITIZEN_NAME)
  })

  it('back goes to the step before, and the new step’s heading takes the focus', async () => {
    const { calls } = await renderStation({
      'enrollment.current': () => ok(reviewView({ step: 'documents' })),
      'enrollment.intent': () => ok(reviewView({ step: 'contact' })),
    })
    await stepShown()
    fireEvent.click(screen.getByRole('button', { name: 'Quay lại' }))
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Thông tin liên lạc'))
    expect(intentsOf(calls)).toEqual([{ type: 'back' }])
  })

  it('support staff do not enroll: the home without a start button, no enrollment asked for', async () => {
    const { calls } = await renderStation({}, { ...officer, role: 'support' })
    await screen.findByTestId('readiness')
    expect(screen.queryByRole('button', { name: 'Bắt đầu đăng ký' })).toBeNull()
    expect(calls.some((c) => c.channel === 'enrollment.current')).toBe(false)
  })
})
