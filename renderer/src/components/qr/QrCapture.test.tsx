import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { IdentityDocument, ParsedCccdQr, Person } from '../../../../electron/contract'
import { fakeKiosk, renderTranslated } from '../../test-support'
import { QrCameraError, type OpenQrCamera } from './browser-qr'
import { QrCapture, type QrCaptureProps } from './QrCapture'
import type { QrDecoder, QrFrame } from './qr-decoder'
import type { FrameScheduler } from './use-qr-camera'

afterEach(cleanup)

const QR = '001099012345|123456789|Nguyễn Văn A|15031999|Nam|Số 1, Phường A, Hà Nội|01012021'
const PARSED: ParsedCccdQr = {
  person: {
    fullName: 'Nguyễn Văn A',
    idNumber: '001099012345',
    dateOfBirth: '1999-03-15',
    sex: 'M',
    nationality: 'vn',
    placeOfResidence: 'Số 1, Phường A, Hà Nội',
  },
  document: 'cccd',
  dateOfIssue: '2021-01-01',
  oldIdNumber: '123456789',
  variant: 'standard',
}
const INVALID = {
  ok: false,
  error: { code: 'E_QR_INVALID', message: 'not a CCCD QR code', messageKey: 'errors.E_QR_INVALID' },
}

/** The core's answers: a CCCD payload parses, anything else is refused as the core refuses it. */
function kiosk(scannerReady = false) {
  return fakeKiosk({
    'barcode.parseCccdQr': (input) =>
      (input as { payload: string }).payload === QR ? { ok: true, value: PARSED } : INVALID,
    'barcode.listen': () => ({ ok: true, value: { listening: true, scannerReady } }),
    'barcode.unlisten': () => ({ ok: true, value: { listening: false, scannerReady } }),
  })
}

/** A frame loop the test drives: each `tick()` is one frame interval. */
function handTicker(): FrameScheduler & { tick(): Promise<void>; running: boolean } {
  let fn: (() => void) | null = null
  return {
    every(_ms, f) {
      fn = f
      return () => (fn = null)
    },
    get running() {
      return fn !== null
    },
    async tick() {
      await act(async () => fn?.())
    },
  }
}

const FRAME: QrFrame = { width: 2, height: 2, data: new Uint8ClampedArray(16) }

/** A camera that always has a frame; `closed` says whether it was let go. */
function fakeCamera() {
  const state = { opened: 0, closed: 0 }
  const open: OpenQrCamera = async () => {
    state.opened += 1
    return { grab: () => FRAME as ImageData, close: () => void (state.closed += 1) }
  }
  return { open, state }
}

/** A decoder that finds `text` from the `after`-th frame on. */
function decoderFinding(text: string | null, after: number): QrDecoder & { frames: number } {
  const decoder = Object.assign(
    async () => {
      decoder.frames += 1
      return decoder.frames >= after ? text : null
    },
    { frames: 0 },
  )
  return decoder
}

async function renderCapture(props: Partial<QrCaptureProps> & { scannerReady?: boolean } = {}) {
  const fake = kiosk(props.scannerReady)
  const identities: [Person, IdentityDocument][] = []
  const view = await renderTranslated(
    <QrCapture
      client={fake.client}
      onIdentity={(person, document) => identities.push([person, document])}
      openCamera={fakeCamera().open}
      decoder={decoderFinding(null, 1)}
      scheduler={handTicker()}
      now={() => 0}
      {...props}
    />,
  )
  return { ...fake, identities, view }
}

const capture = () => document.querySelector('.qr-capture') as HTMLElement
const wedgeInput = () => screen.getByLabelText('Mã từ máy quét hoặc dán vào đây')

/** Types `text` into the wedge field with `gapMs` between keys, then Enter. */
function typeKeys(text: string, gapMs: number, clock: { t: number }) {
  const input = wedgeInput()
  for (const key of text) {
    clock.t += gapMs
    fireEvent.keyDown(input, { key })
  }
  clock.t += gapMs
  fireEvent.keyDown(input, { key: 'Enter' })
}

describe('QrCapture', () => {
  it('starts idle: the three ways in, and listens for the serial scanner', async () => {
    const { calls } = await renderCapture()
    expect(capture().dataset.phase).toBe('idle')
    expect(screen.getByRole('heading', { name: 'Mã QR trên thẻ CCCD' })).toBeTruthy()
    expect(wedgeInput()).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Quét bằng máy ảnh' })).toBeTruthy()
    await waitFor(() =>
      expect(screen.getByTestId('qr-serial').textContent).toContain('Không có máy quét QR'),
    )
    expect(calls.map((c) => c.channel)).toEqual(['barcode.listen'])
  })

  it('says when a serial scanner is ready, and stops listening when it goes away', async () => {
    const { calls, view } = await renderCapture({ scannerReady: true })
    await waitFor(() =>
      expect(screen.getByTestId('qr-serial').textContent).toContain('đã sẵn sàng'),
    )
    view.unmount()
    expect(calls.map((c) => c.channel)).toEqual(['barcode.listen', 'barcode.unlisten'])
  })

  it('shows the identity from a serial scan, and hands it over once confirmed', async () => {
    const { emit, identities, calls } = await renderCapture()
    await waitFor(() => expect(screen.getByTestId('qr-serial')).toBeTruthy())
    act(() => emit('barcode.scanned', { payload: QR }))
    await screen.findByTestId('qr-found')
    expect(capture().dataset.phase).toBe('found')
    expect(screen.getByText('Đọc bằng máy quét nối cổng')).toBeTruthy()
    const field = (name: string) => document.querySelector(`[data-field="${name}"]`)?.textContent
    expect(field('fullName')).toBe('Nguyễn Văn A')
    expect(field('dateOfBirth')).toBe('15/03/1999')
    expect(field('sex')).toBe('Nam')
    expect(field('dateOfIssue')).toBe('01/01/2021')
    expect(identities).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Đúng, dùng thông tin này' }))
    expect(identities).toEqual([[PARSED.person, 'cccd']])
    expect(calls.find((c) => c.channel === 'barcode.parseCccdQr')?.payload).toEqual({ payload: QR })
  })

  it('refuses a payload that is not a CCCD QR with the next step, and scans again', async () => {
    const { emit } = await renderCapture()
    await waitFor(() => expect(screen.getByTestId('qr-serial')).toBeTruthy())
    act(() => emit('barcode.scanned', { payload: 'https://example.com' }))
    const invalid = await screen.findByTestId('qr-invalid')
    expect(capture().dataset.phase).toBe('invalid')
    expect(invalid.textContent).toContain('không phải mã QR trên thẻ CCCD')
    expect(invalid.textContent).toContain('nhập số định danh')
    act(() => emit('barcode.scanned', { payload: QR }))
    await screen.findByTestId('qr-found')
  })

  it('takes a fast burst ended by Enter in the field as a scan', async () => {
    const clock = { t: 0 }
    await renderCapture({ keyTime: () => clock.t })
    typeKeys(QR, 4, clock)
    await screen.findByTestId('qr-found')
    expect(screen.getByText('Đọc bằng máy quét (kiểu bàn phím)')).toBeTruthy()
  })

  it('does not take typing at a person’s pace for a scan, and says where typing belongs', async () => {
    const clock = { t: 0 }
    const { calls } = await renderCapture({ keyTime: () => clock.t })
    typeKeys(QR, 120, clock)
    expect(screen.getByRole('status').textContent).toContain('không nhận gõ tay')
    expect(capture().dataset.phase).toBe('idle')
    expect(calls.some((c) => c.channel === 'barcode.parseCccdQr')).toBe(false)
  })

  it('takes a paste', async () => {
    await renderCapture()
    fireEvent.paste(wedgeInput(), { clipboardData: { getData: () => `${QR}\r\n` } })
    await screen.findByTestId('qr-found')
    expect(screen.getByText('Nội dung dán vào')).toBeTruthy()
  })

  it('scans with the camera until a code is found, then lets the camera go', async () => {
    const ticker = handTicker()
    const camera = fakeCamera()
    const decoder = decoderFinding(QR, 3)
    await renderCapture({ scheduler: ticker, openCamera: camera.open, decoder })
    fireEvent.click(screen.getByRole('button', { name: 'Quét bằng máy ảnh' }))
    await screen.findByTestId('qr-camera-status')
    expect(screen.getByTestId('qr-camera-status').textContent).toContain('Đưa mã QR')
    expect(screen.getByRole('button', { name: 'Tắt máy ảnh' }).getAttribute('aria-pressed')).toBe(
      'true',
    )
    await ticker.tick()
    await ticker.tick()
    expect(capture().dataset.phase).toBe('idle')
    await ticker.tick()
    await screen.findByTestId('qr-found')
    expect(screen.getByText('Đọc bằng máy ảnh')).toBeTruthy()
    expect(decoder.frames).toBe(3)
    expect(camera.state).toEqual({ opened: 1, closed: 1 })
    expect(ticker.running).toBe(false)
  })

  it('says what to do when no code shows up after the set time, and keeps looking', async () => {
    const ticker = handTicker()
    const clock = { t: 0 }
    await renderCapture({ scheduler: ticker, now: () => clock.t, noQrAfterMs: 8000 })
    fireEvent.click(screen.getByRole('button', { name: 'Quét bằng máy ảnh' }))
    await screen.findByTestId('qr-camera-status')
    clock.t = 7999
    await ticker.tick()
    expect(screen.getByTestId('qr-camera-status').textContent).not.toContain('Chưa thấy')
    clock.t = 8000
    await ticker.tick()
    expect(screen.getByTestId('qr-camera-status').textContent).toContain(
      'Chưa thấy mã QR sau 8 giây. Đưa thẻ lại gần máy ảnh hơn',
    )
    expect(ticker.running).toBe(true)
  })

  it('explains a camera that may not be used, in Vietnamese and English', async () => {
    const denied: OpenQrCamera = async () => {
      throw new QrCameraError('denied', 'NotAllowedError')
    }
    const { view } = await renderCapture({ openCamera: denied })
    fireEvent.click(screen.getByRole('button', { name: 'Quét bằng máy ảnh' }))
    const problem = await screen.findByTestId('qr-camera-problem')
    expect(problem.textContent).toContain('Máy ảnh chưa được phép sử dụng. Hãy dùng máy quét')
    await act(() => view.i18n.changeLanguage('en'))
    expect(screen.getByTestId('qr-camera-problem').textContent).toContain(
      'The camera may not be used. Use the scanner',
    )
  })

  it('stops the camera with its button, and when a serial scan comes in first', async () => {
    const ticker = handTicker()
    const camera = fakeCamera()
    const { emit } = await renderCapture({ scheduler: ticker, openCamera: camera.open })
    fireEvent.click(screen.getByRole('button', { name: 'Quét bằng máy ảnh' }))
    await screen.findByTestId('qr-camera-status')
    fireEvent.click(screen.getByRole('button', { name: 'Tắt máy ảnh' }))
    expect(camera.state.closed).toBe(1)
    expect(screen.queryByTestId('qr-camera-status')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Quét bằng máy ảnh' }))
    await screen.findByTestId('qr-camera-status')
    act(() => emit('barcode.scanned', { payload: QR }))
    await screen.findByTestId('qr-found')
    expect(camera.state).toEqual({ opened: 2, closed: 2 })
  })
})
