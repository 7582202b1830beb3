import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PortraitAssessment } from '../../../../drivers/camera/quality/assessment'
import { fakeKiosk, renderTranslated } from '../../test-support'
import {
  assessment,
  checkResult,
  fakeAnalyser,
  fakeCamera,
  fakePortraitApi,
  settings,
} from './portrait-fixtures'
import { PortraitScreen } from './PortraitScreen'
import { CAMERA_CHOICE_KEY } from './use-camera'

afterEach(() => {
  cleanup()
  localStorage.clear()
})

const approval = (exception: string) => ({
  ok: true,
  value: {
    approvalId: 'a-1',
    supervisorId: 's-1',
    supervisorName: 'Trần Văn Hùng',
    exception,
    reason: 'máy ảnh mờ',
    at: '2026-12-02T08:00:00.000Z',
  },
})

function mount(options: {
  frames?: () => PortraitAssessment | null
  camera?: ReturnType<typeof fakeCamera>
  check?: () => ReturnType<typeof checkResult> | null
  config?: ReturnType<typeof settings>
  load?: Promise<number>
  language?: 'vi' | 'en'
}) {
  const camera = options.camera ?? fakeCamera()
  const analyser = fakeAnalyser(options.frames ?? (() => assessment()), options.load)
  const portrait = fakePortraitApi(options.check ?? (() => checkResult()), options.config)
  const kiosk = fakeKiosk({
    'approvals.grant': (payload) => approval((payload as { exception: string }).exception),
  })
  const onAccepted = vi.fn()
  const encode = vi.fn((_: ImageData) => Promise.resolve('iVBORw0KGgoAAAANSUhEUg=='))
  const rendered = renderTranslated(
    <PortraitScreen
      client={kiosk.client}
      portrait={portrait.api}
      camera={camera.port}
      createAnalyser={analyser.create}
      encode={encode}
      onAccepted={onAccepted}
    />,
    options.language,
  )
  return { rendered, camera, analyser, portrait, kiosk, onAccepted, encode }
}

const phase = () => screen.getByTestId('portrait-screen').dataset.phase
const status = () => screen.getByTestId('portrait-status')
const row = (name: string) =>
  screen
    .getByTestId('portrait-checklist')
    .querySelector(`[data-component="${name}"]`) as HTMLElement

describe('the portrait screen: models and cameras', () => {
  it('shows model loading with its progress until the analyser is ready', async () => {
    mount({ load: new Promise(() => undefined) })
    const loading = await screen.findByTestId('portrait-loading')
    await waitFor(() => expect(loading.textContent).toContain('Nạp mô hình'))
    expect(loading.textContent).toContain('Đang tải mô hình nhận diện khuôn mặt')
    expect(loading.querySelector('progress')?.getAttribute('value')).toBe('1')
  })

  it('says so when the models cannot be loaded', async () => {
    const load = Promise.reject(new Error('wasm fetch refused'))
    load.catch(() => undefined)
    mount({ load })
    expect((await screen.findByTestId('portrait-load-failed')).textContent).toContain(
      'wasm fetch refused',
    )
  })

  it('no camera: a clear message, and Retry opens the camera again', async () => {
    const camera = fakeCamera({ fail: 'no-camera' })
    mount({ camera })
    const problem = await screen.findByTestId('camera-problem')
    expect(problem.textContent).toContain('Không tìm thấy camera')
    camera.heal()
    fireEvent.click(within(problem).getByRole('button', { name: 'Thử lại' }))
    await waitFor(() => expect(screen.queryByTestId('camera-problem')).toBeNull())
    expect(camera.opened.length).toBe(2)
  })

  it('numbers the cameras whose labels the browser does not give yet', async () => {
    mount({
      camera: fakeCamera({ fail: 'permission-denied', cameras: [{ deviceId: 'x', label: '' }] }),
    })
    await screen.findByTestId('camera-problem')
    await waitFor(() => expect(screen.getByLabelText('Chọn camera').textContent).toBe('Camera 1'))
  })

  it('permission denied: says how to allow the camera', async () => {
    mount({ camera: fakeCamera({ fail: 'permission-denied' }), language: 'en' })
    const problem = await screen.findByTestId('camera-problem')
    expect(problem.textContent).toContain('Camera permission denied')
    expect(problem.textContent).toContain('video only')
  })

  it('a frame of the wrong size: names the size and offers another camera', async () => {
    mount({ camera: fakeCamera({ fail: 'wrong-size', detail: '1280×720' }) })
    const problem = await screen.findByTestId('camera-problem')
    expect(problem.textContent).toContain('Cần ảnh 640×480, camera cho 1280×720')
    expect(screen.getByLabelText('Chọn camera')).toBeTruthy()
  })

  it('camera unplugged mid-preview: message, Retry, and the chooser remembers the new choice', async () => {
    const camera = fakeCamera()
    mount({ camera, frames: () => assessment(['HeadSize']) })
    await waitFor(() => expect(status().textContent).toContain('Chưa chụp được'))
    act(() => camera.end())
    const problem = await screen.findByTestId('camera-problem')
    expect(problem.dataset.problem).toBe('unplugged')
    expect(problem.textContent).toContain('Camera đã bị ngắt giữa chừng')
    fireEvent.change(screen.getByLabelText('Chọn camera'), { target: { value: 'cam-2' } })
    await waitFor(() => expect(camera.opened.at(-1)).toBe('cam-2'))
    expect(localStorage.getItem(CAMERA_CHOICE_KEY)).toBe('cam-2')
    await waitFor(() => expect(screen.queryByTestId('camera-problem')).toBeNull())
  })
})

describe('the portrait screen: live analysis', () => {
  it('analysing: before the first frame comes back', async () => {
    mount({ frames: () => null })
    await waitFor(() => expect(status().textContent).toBe('Đang phân tích khung hình…'))
    expect(screen.getByRole('button', { name: 'Chụp ngay' })).toHaveProperty('disabled', true)
  })

  it('blocked: every component listed with its value and verdict, hints for the failing ones', async () => {
    mount({ frames: () => assessment(['SingleFacePresent'], 2) })
    await waitFor(() => expect(status().textContent).toContain('Thấy 2 khuôn mặt'))
    expect(screen.getByTestId('portrait-checklist').querySelectorAll('tbody tr')).toHaveLength(27)
    expect(row('SingleFacePresent').dataset.verdict).toBe('failed')
    expect(row('SingleFacePresent').textContent).toContain('Chỉ để một người trong khung hình')
    expect(row('SingleFacePresent').textContent).toContain('12')
    expect(row('HeadSize').dataset.verdict).toBe('passed')
    expect(row('HeadSize').textContent).not.toContain('Điều chỉnh khoảng cách')
    expect(row('EyesVisible').dataset.verdict).toBe('notMeasured')
    expect(row('EyesVisible').textContent).toContain('Chưa đo được')
    expect(row('ExpressionNeutrality').textContent).toContain('(tham khảo)')
  })

  it('no face: says so and never captures', async () => {
    const { portrait, analyser } = mount({ frames: () => assessment(['SingleFacePresent'], 0) })
    await waitFor(() => expect(analyser.analysedCount()).toBeGreaterThan(5))
    expect(status().textContent).toContain('Không thấy khuôn mặt nào')
    expect(portrait.checks).toHaveLength(0)
  })

  it('the checklist speaks English when the kiosk does', async () => {
    mount({ frames: () => assessment(['InterEyeDistance']), language: 'en' })
    await waitFor(() => expect(row('InterEyeDistance').textContent).toContain('Move closer'))
    expect(row('InterEyeDistance').textContent).toContain('Inter-eye distance')
  })
})

describe('the portrait screen: capture', () => {
  it('auto-captures after N acceptable frames: the analysed frame, as PNG, to portrait.check', async () => {
    const { portrait, encode, analyser } = mount({})
    await screen.findByTestId('portrait-result')
    expect(analyser.analysedCount()).toBeGreaterThanOrEqual(3)
    expect(encode).toHaveBeenCalledTimes(1)
    expect(portrait.checks).toEqual([{ pngBase64: 'iVBORw0KGgoAAAANSUhEUg==', capture: 'auto' }])
  })

  it('counts down once the frames pass, and a failing frame cancels the countdown', async () => {
    let n = 0
    const frames = () => (++n < 6 ? assessment() : assessment(['HeadPoseYaw']))
    mount({ frames, config: settings({ autoCaptureFrames: 2, countdownSeconds: 3 }) })
    await waitFor(() => expect(screen.getByTestId('portrait-countdown').textContent).toBe('3'))
    expect(status().textContent).toContain('Chụp sau 3 giây')
    await waitFor(() => expect(screen.queryByTestId('portrait-countdown')).toBeNull())
    expect(status().textContent).toContain('Chưa chụp được')
    expect(phase()).toBe('live')
  })

  it('captures when the countdown ends on passing frames', async () => {
    const { portrait } = mount({ config: settings({ autoCaptureFrames: 1, countdownSeconds: 1 }) })
    await screen.findByTestId('portrait-countdown')
    await screen.findByTestId('portrait-result', undefined, { timeout: 3000 })
    expect(portrait.checks).toHaveLength(1)
  })

  it('checking: while the main process re-checks', async () => {
    mount({ check: () => null })
    expect((await screen.findByTestId('portrait-checking')).textContent).toContain(
      'Đang kiểm tra lại ảnh',
    )
  })

  it('accepted: token image, score and verdict; Accept hands the result on', async () => {
    const { onAccepted } = mount({})
    const result = await screen.findByTestId('portrait-result')
    expect(result.dataset.state).toBe('accepted')
    expect(screen.getByTestId('portrait-token').getAttribute('src')).toMatch(
      /^data:image\/jpeg;base64,/,
    )
    expect(result.textContent).toContain('480×640')
    expect(screen.getByTestId('portrait-match').textContent).toContain('Khớp với ảnh trong chip')
    expect(screen.getByTestId('portrait-match').textContent).toContain('0.83')
    fireEvent.click(screen.getByRole('button', { name: 'Chấp nhận ảnh' }))
    expect(onAccepted).toHaveBeenCalledWith(
      expect.objectContaining({ capture: 'auto', approvals: [] }),
    )
    expect(screen.getByTestId('portrait-done')).toBeTruthy()
  })

  it('re-check refused: the failing components, and R retakes', async () => {
    const refused = checkResult({
      accepted: false,
      assessment: assessment(['Sharpness']) as ReturnType<typeof checkResult>['assessment'],
      token: null,
    })
    let checked = false
    mount({
      check: () => ((checked = true), refused),
      frames: () => (checked ? assessment(['Sharpness']) : assessment()),
    })
    const result = await screen.findByTestId('portrait-result')
    expect(result.dataset.state).toBe('refused')
    expect(result.textContent).toContain('Ảnh không đạt khi kiểm tra lại')
    expect(result.textContent).toContain('Độ nét: Giữ yên người')
    expect(screen.queryByRole('button', { name: 'Chấp nhận ảnh' })).toBeNull()
    fireEvent.keyDown(document.body, { key: 'r' })
    await waitFor(() => expect(phase()).toBe('live'))
  })

  it('mismatch: a supervisor approves portrait-mismatch before the photo can be accepted', async () => {
    const { kiosk, onAccepted } = mount({ check: () => checkResult({ verdict: 'mismatch' }) })
    const result = await screen.findByTestId('portrait-result')
    expect(result.dataset.state).toBe('mismatch')
    expect(result.textContent).toContain('Không khớp với ảnh trong chip')
    expect(result.textContent).toContain('0.21')
    fireEvent.click(screen.getByRole('button', { name: 'Xin chỉ huy phê duyệt' }))
    const dialog = await screen.findByRole('dialog')
    expect((within(dialog).getByLabelText('Ngoại lệ') as HTMLSelectElement).value).toBe(
      'portrait-mismatch',
    )
    fireEvent.change(within(dialog).getByLabelText('Lý do'), {
      target: { value: 'ảnh chip cũ 10 năm' },
    })
    fireEvent.change(within(dialog).getByLabelText('Chỉ huy phê duyệt'), {
      target: { value: 'chi-huy' },
    })
    fireEvent.change(within(dialog).getByLabelText('Mật khẩu'), {
      target: { value: 'mật khẩu dài' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Phê duyệt' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Chấp nhận ảnh' }))
    expect(kiosk.calls.find((c) => c.channel === 'approvals.grant')?.payload).toMatchObject({
      exception: 'portrait-mismatch',
    })
    expect(onAccepted.mock.calls[0]?.[0].approvals[0].exception).toBe('portrait-mismatch')
  })

  it('manual capture: needs a reason and a supervisor, then sends capture "manual"', async () => {
    const { portrait } = mount({ frames: () => assessment(['EyesOpen']) })
    await waitFor(() => expect(status().textContent).toContain('Chưa chụp được'))
    fireEvent.click(screen.getByRole('button', { name: 'Chụp thủ công (cần chỉ huy phê duyệt)' }))
    const dialog = await screen.findByRole('dialog')
    expect((within(dialog).getByLabelText('Ngoại lệ') as HTMLSelectElement).value).toBe(
      'manual-portrait',
    )
    fireEvent.change(within(dialog).getByLabelText('Lý do'), {
      target: { value: 'công dân khiếm thị' },
    })
    fireEvent.change(within(dialog).getByLabelText('Chỉ huy phê duyệt'), {
      target: { value: 'chi-huy' },
    })
    fireEvent.change(within(dialog).getByLabelText('Mật khẩu'), {
      target: { value: 'mật khẩu dài' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Phê duyệt' }))
    await screen.findByTestId('portrait-result')
    expect(portrait.checks).toEqual([expect.objectContaining({ capture: 'manual' })])
    expect(screen.getByTestId('portrait-result-title').textContent).toBe(
      'Ảnh chụp thủ công, đã được chỉ huy phê duyệt',
    )
  })

  it('Space captures a passing frame at once (before the streak is complete)', async () => {
    const { portrait } = mount({ config: settings({ autoCaptureFrames: 100 }) })
    await waitFor(() => expect(status().textContent).toContain('Mọi tiêu chí đạt'))
    fireEvent.keyDown(document.body, { key: ' ' })
    await screen.findByTestId('portrait-result')
    expect(portrait.checks).toHaveLength(1)
  })

  it('a failed check: the error, and a way back to the preview', async () => {
    const portraitFail = mount({ check: () => null })
    portraitFail.portrait.api.check = () =>
      Promise.resolve({ ok: false, error: { code: 'E_INTERNAL', message: 'boom' } })
    await screen.findByTestId('portrait-check-failed')
    fireEvent.click(screen.getByRole('button', { name: 'Chụp lại' }))
    await waitFor(() => expect(phase()).toBe('live'))
  })
})
