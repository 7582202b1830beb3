import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FingerprintSession, FingerState } from '../../../../electron/contract'
import { fakeKiosk, renderTranslated, type RequestHandler } from '../../test-support'
import { accepted, allDone, failed, finger, ok, PREVIEW_PNG, session } from './fingerprint-fixtures'
import { FingerprintScreen } from './FingerprintScreen'

afterEach(cleanup)

function mount(
  initial: FingerprintSession,
  handlers: Partial<Record<string, RequestHandler>> = {},
  language: 'vi' | 'en' = 'vi',
) {
  let current = initial
  const kiosk = fakeKiosk({
    'fingerprint.session': () => ok(current),
    'fingerprint.cancel': () => ok({ cancelled: true }),
    ...handlers,
  })
  const onDone = vi.fn()
  const rendered = renderTranslated(
    <FingerprintScreen client={kiosk.client} onDone={onDone} />,
    language,
  )
  return {
    kiosk,
    onDone,
    rendered,
    /** What the core will answer to the next `fingerprint.session`. */
    set: (next: FingerprintSession) => {
      current = next
    },
    calls: (channel: string) => kiosk.calls.filter((c) => c.channel === channel),
  }
}

const instruction = () => screen.getByTestId('fingerprint-instruction')
const listButton = (name: string) =>
  within(screen.getByTestId('finger-list')).getByText(name).closest('button') as HTMLElement
const shape = (name: string) =>
  screen.getByTestId('hand-diagram').querySelector(`[data-finger="${name}"]`) as HTMLElement

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('the fingerprint screen', () => {
  it('idle: both hands, the first finger selected, what to do, and the scanner named', async () => {
    mount(session())
    await screen.findByTestId('hand-diagram')
    expect(shape('right-thumb').dataset.selected).toBe('true')
    expect(shape('left-little').dataset.status).toBe('pending')
    expect(within(shape('right-thumb')).getByText('○')).toBeTruthy()
    expect(listButton('Ngón cái phải').getAttribute('aria-pressed')).toBe('true')
    expect(instruction().textContent).toContain('Bấm Chụp')
    expect(screen.getByTestId('scanner').textContent).toBe('Đầu đọc: R503 (sim)')
    expect(screen.getByRole('button', { name: 'Chụp' })).toBeTruthy()
    expect(screen.getByTestId('finger-quality').textContent).toContain('chưa có ảnh')
  })

  it('capturing: the phase, the live preview from the scanner, and Stop', async () => {
    const capture = deferred<unknown>()
    const { kiosk, calls } = mount(session(), { 'fingerprint.capture': () => capture.promise })
    fireEvent.click(await screen.findByRole('button', { name: 'Chụp' }))
    await waitFor(() =>
      expect(screen.getByTestId('fingerprint-screen').dataset.capturing).toBe('true'),
    )
    act(() => {
      kiosk.emit('fingerprint.progress', {
        finger: 'right-thumb',
        attempt: 1,
        phase: 'place-finger',
        bytesReceived: 0,
        bytesTotal: 0,
      })
    })
    expect(instruction().textContent).toBe('Đặt ngón tay lên mặt kính.')
    act(() => {
      kiosk.emit('fingerprint.preview', {
        finger: 'right-thumb',
        attempt: 1,
        width: 128,
        height: 144,
        pngBase64: PREVIEW_PNG,
      })
    })
    const preview = screen.getByTestId('finger-preview') as HTMLImageElement
    expect(preview.getAttribute('src')).toBe(`data:image/png;base64,${PREVIEW_PNG}`)
    expect(preview.getAttribute('alt')).toContain('Ngón cái phải')
    expect(calls('fingerprint.capture')[0]?.payload).toEqual({ finger: 'right-thumb' })
    fireEvent.click(screen.getByRole('button', { name: 'Dừng' }))
    await waitFor(() => expect(calls('fingerprint.cancel')).toHaveLength(1))
    capture.resolve(failed('E_CANCELLED'))
    await screen.findByText('Đã dừng chụp. Bấm Chụp khi công dân sẵn sàng.')
  })

  it('low quality: says so, names the score’s source, and offers a retry that keeps the best', async () => {
    const retry: Partial<FingerState> = {
      status: 'retry',
      attempts: 1,
      remainingAttempts: 2,
      best: { score: 31, source: 'kiosk-quality-score' },
    }
    const m = mount(session(), {
      'fingerprint.capture': () => {
        m.set(session({ 'right-thumb': retry }))
        return ok(finger('right-thumb', retry))
      },
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Chụp' }))
    await screen.findByTestId('retry-hint')
    expect(screen.getByTestId('retry-hint').textContent).toContain('Còn 2 lượt')
    expect(screen.getByTestId('finger-quality').textContent).toContain(
      'chất lượng 31/100 (điểm của trạm, không phải NFIQ 2)',
    )
    // The selection stays on the finger to retry.
    expect(shape('right-thumb').dataset.selected).toBe('true')
    expect(shape('right-thumb').dataset.status).toBe('retry')
    expect(screen.getByRole('button', { name: 'Chụp lại (giữ ảnh tốt nhất)' })).toBeTruthy()
  })

  it('best kept: no attempts left, the best image kept, no capture button', async () => {
    mount(
      session({
        'right-thumb': {
          status: 'best-kept',
          attempts: 3,
          remainingAttempts: 0,
          best: { score: 35, source: 'device-nfiq2' },
        },
      }),
    )
    await screen.findByTestId('finger-list')
    fireEvent.click(listButton('Ngón cái phải'))
    await screen.findByTestId('best-kept-hint')
    expect(screen.getByTestId('finger-quality').textContent).toContain('(NFIQ 2 do thiết bị tính)')
    expect(screen.queryByRole('button', { name: /^Chụp/ })).toBeNull()
    expect(within(shape('right-thumb')).getByText('★')).toBeTruthy()
  })

  it('accepted: the finger shows accepted and the selection moves to the next finger', async () => {
    const m = mount(session(), {
      'fingerprint.capture': () => {
        m.set(session({ 'right-thumb': accepted(81) }))
        return ok(finger('right-thumb', accepted(81)))
      },
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Chụp' }))
    await waitFor(() => expect(shape('right-index').dataset.selected).toBe('true'))
    expect(shape('right-thumb').dataset.status).toBe('accepted')
    expect(listButton('Ngón cái phải').textContent).toContain('Đạt')
    expect(listButton('Ngón cái phải').textContent).toContain('81/100')
  })

  it('missing finger: the reason, then the approval dialog while it waits, then approved', async () => {
    const pending = session({
      'right-thumb': {
        status: 'exception-pending',
        missing: { reason: 'bandaged', declaredBy: 'o-1', approvalId: null, approvedBy: null },
      },
    })
    const approved = session({
      'right-thumb': {
        status: 'exception-approved',
        missing: { reason: 'bandaged', declaredBy: 'o-1', approvalId: 'a-1', approvedBy: 's-1' },
      },
    })
    let approvalHeld = false
    const m = mount(session(), {
      'fingerprint.markMissing': () => {
        m.set(approvalHeld ? approved : pending)
        return approvalHeld
          ? ok(approved.fingers[0])
          : failed('E_APPROVAL_REQUIRED', 'right-thumb missing needs a supervisor approval')
      },
      'approvals.grant': () => {
        approvalHeld = true
        return ok({
          approvalId: 'a-1',
          supervisorId: 's-1',
          supervisorName: 'Trần Văn Hùng',
          exception: 'missing-finger',
          reason: 'ngón bị băng',
          at: '2026-12-03T06:00:00.000Z',
        })
      },
    })
    fireEvent.change(await screen.findByLabelText('Lý do'), { target: { value: 'bandaged' } })
    fireEvent.click(screen.getByRole('button', { name: /Khai báo thiếu ngón/ }))
    const dialog = await screen.findByRole('dialog')
    expect(m.calls('fingerprint.markMissing')[0]?.payload).toEqual({
      finger: 'right-thumb',
      reason: 'bandaged',
    })
    expect(screen.getByTestId('missing-panel').dataset.state).toBe('pending')
    expect(screen.getByTestId('missing-panel').textContent).toContain('Đang băng bó')
    expect(within(shape('right-thumb')).getByText('⌛')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect((within(dialog).getByLabelText('Ngoại lệ') as HTMLSelectElement).value).toBe(
      'missing-finger',
    )
    fireEvent.change(within(dialog).getByLabelText('Lý do'), { target: { value: 'ngón bị băng' } })
    fireEvent.change(within(dialog).getByLabelText('Chỉ huy phê duyệt'), {
      target: { value: 'giamsat' },
    })
    fireEvent.change(within(dialog).getByLabelText('Mật khẩu'), {
      target: { value: 'mat-khau-dai' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Phê duyệt' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    // Excused: the selection moves on to the next finger to take.
    await waitFor(() => expect(shape('right-thumb').dataset.status).toBe('exception-approved'))
    expect(m.calls('fingerprint.markMissing')).toHaveLength(2)
    expect(shape('right-index').dataset.selected).toBe('true')
    expect(listButton('Ngón cái phải').textContent).toContain('Thiếu ngón, đã phê duyệt')
    fireEvent.click(listButton('Ngón cái phải'))
    expect(screen.getByTestId('missing-panel').dataset.state).toBe('approved')
    expect(screen.getByTestId('missing-panel').textContent).toContain(
      'đã được kiểm soát viên phê duyệt',
    )
  })

  it('duplicate: warns as the finger arrives and recaptures the finger on request', async () => {
    const m = mount(session(), {
      'fingerprint.discard': () => {
        m.set(session({ 'right-index': accepted() }))
        return ok(finger('right-middle'))
      },
    })
    await screen.findByTestId('hand-diagram')
    expect(screen.queryByTestId('duplicate-warning')).toBeNull()
    act(() => {
      m.kiosk.emit('fingerprint.duplicate', {
        finger: 'right-middle',
        pairs: [{ a: 'right-index', b: 'right-middle', score: 0.79 }],
      })
    })
    const warning = screen.getByTestId('duplicate-warning')
    expect(warning.textContent).toContain(
      'Ngón trỏ phải và Ngón giữa phải có vẻ là cùng một ngón tay',
    )
    fireEvent.click(within(warning).getByRole('button', { name: 'Chụp lại Ngón giữa phải' }))
    await waitFor(() => expect(screen.queryByTestId('duplicate-warning')).toBeNull())
    expect(m.calls('fingerprint.discard')[0]?.payload).toEqual({ finger: 'right-middle' })
    expect(shape('right-middle').dataset.selected).toBe('true')
  })

  it('duplicate: a pair the session still holds is shown when the screen opens', async () => {
    mount(
      session(
        {
          'right-index': { ...accepted(), duplicateOf: ['right-middle'] },
          'right-middle': { ...accepted(), duplicateOf: ['right-index'] },
        },
        { duplicates: [{ a: 'right-index', b: 'right-middle', score: 0.79 }] },
      ),
    )
    expect((await screen.findByTestId('duplicate-warning')).textContent).toContain(
      'Chụp lại Ngón giữa phải',
    )
    expect(within(shape('right-middle')).getByText('⚠')).toBeTruthy()
    expect(listButton('Ngón trỏ phải').textContent).toContain('Trùng với ngón khác')
  })

  it('scanner error: the bilingual sentence with the next step', async () => {
    mount(
      session(),
      { 'fingerprint.capture': () => failed('E_SCANNER_REMOVED', 'transport-removed') },
      'en',
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Capture' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The fingerprint scanner was unplugged during the capture.')
    expect(alert.textContent).toContain('Plug it back in and press Capture again')
    expect(screen.getByTestId('fingerprint-screen').dataset.capturing).toBe('false')
  })

  it('all done: says so and continues', async () => {
    const done = allDone()
    const { onDone } = mount(done)
    const notice = await screen.findByTestId('fingerprints-done')
    expect(notice.textContent).toContain('Đã xong mười ngón')
    fireEvent.click(within(notice).getByRole('button', { name: 'Tiếp tục' }))
    expect(onDone).toHaveBeenCalledWith(done)
  })

  it('keyboard: arrows move between fingers, Enter captures the selected one', async () => {
    const { calls } = mount(session(), {
      'fingerprint.capture': () => ok(finger('right-index', accepted())),
    })
    await screen.findByTestId('hand-diagram')
    // The keys work once the session has arrived (the diagram may show before): until then the
    // arrow moves nothing, and is pressed again. Each press renders at once (act), so none is
    // counted twice.
    await waitFor(() => {
      fireEvent.keyDown(window, { key: 'ArrowRight' })
      expect(shape('right-index').dataset.selected).toBe('true')
    })
    fireEvent.keyDown(window, { key: 'ArrowLeft' })
    fireEvent.keyDown(window, { key: 'ArrowLeft' })
    expect(shape('left-little').dataset.selected).toBe('true')
    fireEvent.keyDown(window, { key: 'ArrowRight' })
    fireEvent.keyDown(window, { key: 'ArrowRight' })
    fireEvent.keyDown(window, { key: 'Enter' })
    await waitFor(() => expect(calls('fingerprint.capture')).toHaveLength(1))
    expect(calls('fingerprint.capture')[0]?.payload).toEqual({ finger: 'right-index' })
    // The session still has the right thumb first, so the selection follows it back.
    await waitFor(() => expect(shape('right-thumb').dataset.selected).toBe('true'))
    // In the reason picker the arrows choose a reason, not a finger.
    fireEvent.keyDown(screen.getByLabelText('Lý do'), { key: 'ArrowDown' })
    expect(shape('right-thumb').dataset.selected).toBe('true')
  })
})
