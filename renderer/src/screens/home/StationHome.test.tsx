import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppInfo, DeviceInfo, QueueStatus } from '../../../../electron/contract'
import { device, fakeKiosk, renderTranslated, type RequestHandler } from '../../test-support'
import { queueStatus } from '../queue/queue-fixtures'
import { StationHome } from './StationHome'

afterEach(cleanup)

const info: AppInfo = {
  appVersion: '0.1.0',
  shell: 'host',
  language: 'vi',
  devicesMode: 'real',
  stationId: 'station-42',
  upstream: { url: 'https://intake.example.vn', training: false },
}

const allReady: DeviceInfo[] = [
  device({ id: 'real:reader', kind: 'card-reader', name: 'ACS ACR1281' }),
  device({ id: 'real:fp', kind: 'fingerprint', name: 'R307' }),
  device({ id: 'real:camera', kind: 'camera', name: 'Logitech C920' }),
]

const ok = (value: unknown) => ({ ok: true, value })

const LOADING = 'Đang kiểm tra trạng thái trạm…'
const NOT_READY = 'Trạm chưa sẵn sàng tiếp nhận hồ sơ:'

async function renderHome(
  devices: DeviceInfo[],
  options: {
    info?: AppInfo
    status?: QueueStatus
    handlers?: Record<string, RequestHandler>
    onStartEnrollment?: (recreates?: string) => void
  } = {},
) {
  const kiosk = fakeKiosk({
    'devices.list': () => ok(devices),
    'devices.refresh': () => ok(devices),
    'settings.setLanguage': (payload) => ok(payload),
    'queue.status': () => ok(options.status ?? queueStatus()),
    'queue.list': () => ok([]),
    ...options.handlers,
  })
  const rendered = await renderTranslated(
    <StationHome
      client={kiosk.client}
      info={options.info ?? info}
      {...(options.onStartEnrollment ? { onStartEnrollment: options.onStartEnrollment } : {})}
    />,
  )
  // The list arrives with the reply to devices.list, after the first render.
  if (devices.length > 0) await screen.findByTestId('device-list')
  else await screen.findByText('Chưa tìm thấy thiết bị nào.')
  // Readiness waits for the queue status too.
  await waitFor(() => expect(readiness()).not.toBe(LOADING))
  return { ...rendered, ...kiosk }
}

const readiness = (): string => screen.getByTestId('readiness').textContent ?? ''
/** The codes of the failing conditions listed, in order. */
const failing = (): (string | null)[] =>
  Array.from(screen.queryByTestId('readiness-failures')?.querySelectorAll('li') ?? []).map((li) =>
    li.getAttribute('data-code'),
  )
const statuses = (): string[] =>
  within(screen.getByTestId('device-list'))
    .getAllByRole('status')
    .map((s) => s.textContent ?? '')

describe('StationHome', () => {
  it('says the station is ready when every required device is ready', async () => {
    await renderHome(allReady)
    expect(statuses()).toEqual(['Sẵn sàng', 'Sẵn sàng', 'Sẵn sàng'])
    expect(readiness()).toBe('Trạm sẵn sàng tiếp nhận hồ sơ.')
    expect(screen.getByTestId('station-id').textContent).toBe('station-42')
    expect(screen.getByTestId('upstream').textContent).toBe('https://intake.example.vn')
    expect(screen.queryByTestId('training-banner')).toBeNull()
  })

  it.each([
    ['busy', 'Đang dùng'],
    ['degraded', 'Hoạt động kém'],
    ['absent', 'Không có'],
    ['error', 'Lỗi'],
  ] as const)('is not ready while the fingerprint scanner is %s', async (status, label) => {
    const devices = allReady.map((d) =>
      d.kind === 'fingerprint' ? device({ ...d, health: { status, reason: 'not-found' } }) : d,
    )
    await renderHome(devices)
    expect(statuses()).toEqual(['Sẵn sàng', label, 'Sẵn sàng'])
    expect(readiness()).toBe(NOT_READY)
  })

  it('is not ready with no devices, nor with only the optional barcode scanner ready', async () => {
    await renderHome([])
    expect(readiness()).toBe(NOT_READY)
    expect(failing()).toEqual(['card-reader-missing', 'fingerprint-missing'])
    cleanup()
    await renderHome([
      ...allReady.filter((d) => d.kind !== 'camera'),
      device({ id: 'absent:camera', kind: 'camera', health: { status: 'absent' } }),
      device({ id: 'real:barcode', kind: 'barcode' }),
    ])
    expect(readiness()).toBe(NOT_READY)
    expect(failing()).toEqual(['camera-missing'])
  })

  it('follows hot-plug events from the core', async () => {
    const { emit } = await renderHome(allReady)
    const unplugged = allReady.map((d) =>
      d.kind === 'card-reader' ? device({ ...d, health: { status: 'absent' } }) : d,
    )
    act(() => emit('devices.changed', unplugged))
    expect(statuses()).toEqual(['Không có', 'Sẵn sàng', 'Sẵn sàng'])
    expect(readiness()).toBe(NOT_READY)
    act(() => emit('devices.changed', allReady))
    expect(readiness()).toBe('Trạm sẵn sàng tiếp nhận hồ sơ.')
  })

  it('re-checks the devices through the client and shows the new list', async () => {
    const withScanner = [...allReady, device({ id: 'real:barcode', kind: 'barcode' })]
    const { calls } = await renderHome(allReady, {
      handlers: { 'devices.refresh': () => ok(withScanner) },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra lại' }))
    await waitFor(() => expect(statuses()).toHaveLength(4))
    expect(calls.map((c) => c.channel).filter((c) => c.startsWith('devices.'))).toEqual([
      'devices.list',
      'devices.refresh',
    ])
    expect(screen.getByRole('button', { name: 'Kiểm tra lại' }).hasAttribute('disabled')).toBe(
      false,
    )
  })

  it('shows the training banner and upstream in simulated mode', async () => {
    await renderHome(allReady, {
      info: {
        ...info,
        devicesMode: 'simulated',
        upstream: { url: 'http://127.0.0.1:4100', training: true },
      },
    })
    expect(screen.getByTestId('training-banner').textContent).toBeTruthy()
    expect(screen.getByTestId('upstream').textContent).toContain('http://127.0.0.1:4100')
    expect(screen.getByText('Thiết bị mô phỏng')).toBeTruthy()
  })

  it('switches to English through the core, and marks the chosen language', async () => {
    const { calls } = await renderHome(allReady)
    const english = screen.getByRole('button', { name: 'English' })
    expect(english.getAttribute('aria-pressed')).toBe('false')
    expect(screen.getByRole('button', { name: 'Tiếng Việt' }).getAttribute('aria-pressed')).toBe(
      'true',
    )
    fireEvent.click(english)
    await screen.findByRole('heading', {
      level: 1,
      name: 'Level-2 electronic identification account registration',
    })
    expect(calls.at(-1)).toEqual({ channel: 'settings.setLanguage', payload: { language: 'en' } })
    expect(english.getAttribute('aria-pressed')).toBe('true')
    expect(statuses()).toEqual(['Ready', 'Ready', 'Ready'])
    expect(readiness()).toBe('The station is ready to take enrollments.')
  })

  it('keeps the language and shows the error when the core refuses the switch', async () => {
    await renderHome(allReady, {
      handlers: {
        'settings.setLanguage': () => ({
          ok: false,
          error: { code: 'E_CLOSED', message: 'core is shutting down' },
        }),
      },
    })
    fireEvent.click(screen.getByRole('button', { name: 'English' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('core is shutting down')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Đăng ký tài khoản định danh điện tử mức 2',
    )
    expect(statuses()).toEqual(['Sẵn sàng', 'Sẵn sàng', 'Sẵn sàng'])
  })

  it.each<[string, QueueStatus, string, string]>([
    [
      'an unregistered station',
      queueStatus({ terminal: { registered: false, upstreamId: null } }),
      'not-registered',
      'Trạm chưa đăng ký với máy chủ tiếp nhận. Nhờ cán bộ kỹ thuật chạy lệnh "kiosk terminal register MÃ" với mã do máy chủ cấp, hoặc gọi hỗ trợ kỹ thuật.',
    ],
    [
      'a station frozen for disk space',
      queueStatus({
        freeze: { code: 'disk-low', message: 'Ổ đĩa sắp đầy / Disk low: 90 MB free' },
      }),
      'frozen-disk-low',
      'Trạm tạm dừng nhận hồ sơ vì ổ đĩa sắp đầy. Kết nối mạng để gửi các hồ sơ đang chờ, rồi gọi hỗ trợ kỹ thuật để giải phóng ổ đĩa.Ổ đĩa sắp đầy / Disk low: 90 MB free',
    ],
    [
      'a station frozen with too many unsent files',
      queueStatus({ freeze: { code: 'too-many-unsynced', message: 'x' } }),
      'frozen-too-many-unsynced',
      'Trạm tạm dừng nhận hồ sơ vì có quá nhiều hồ sơ chưa gửi. Kết nối mạng và đồng bộ để gửi các hồ sơ đang chờ.x',
    ],
    [
      'a station frozen for an overdue sync',
      queueStatus({ freeze: { code: 'sync-overdue', message: 'y' } }),
      'frozen-sync-overdue',
      'Trạm tạm dừng nhận hồ sơ vì quá lâu chưa đồng bộ với máy chủ. Kết nối mạng và đồng bộ ngay.y',
    ],
  ])('says what to do on %s, with every device ready', async (_, status, code, sentence) => {
    await renderHome(allReady, { status })
    expect(readiness()).toBe(NOT_READY)
    expect(failing()).toEqual([code])
    const line = screen.getByTestId('readiness-failures').querySelector('li')
    expect(line?.textContent).toBe(sentence)
  })

  it.each([
    ['card-reader', 'absent', 'card-reader-missing', 'Không có đầu đọc thẻ CCCD.'],
    ['card-reader', 'error', 'card-reader-faulty', 'Đầu đọc thẻ CCCD đang lỗi.'],
    ['fingerprint', 'absent', 'fingerprint-missing', 'Không có máy thu vân tay.'],
    ['fingerprint', 'error', 'fingerprint-faulty', 'Máy thu vân tay đang lỗi.'],
    ['camera', 'absent', 'camera-missing', 'Không có máy ảnh chân dung.'],
    ['camera', 'error', 'camera-faulty', 'Máy ảnh chân dung đang lỗi.'],
    ['fingerprint', 'busy', 'device-busy', 'Máy thu vân tay đang được dùng.'],
  ] as const)('names the %s when it is %s', async (kind, status, code, start) => {
    const devices = allReady.map((d) =>
      d.kind === kind ? device({ ...d, health: { status } }) : d,
    )
    await renderHome(devices)
    expect(failing()).toEqual([code])
    expect(screen.getByTestId('readiness-failures').textContent).toMatch(new RegExp(`^${start}`))
  })

  it('says ready on the training upstream before its registration lands', async () => {
    await renderHome(allReady, {
      info: { ...info, upstream: { url: 'http://127.0.0.1:4100', training: true } },
      status: queueStatus({ terminal: { registered: false, upstreamId: null } }),
    })
    expect(readiness()).toBe('Trạm sẵn sàng tiếp nhận hồ sơ.')
  })

  it('cannot say ready when the queue status cannot be read', async () => {
    await renderHome(allReady, {
      handlers: {
        'queue.status': () => ({ ok: false, error: { code: 'E_CLOSED', message: 'closing' } }),
      },
    })
    expect(readiness()).toBe(NOT_READY)
    expect(failing()).toEqual(['status-unknown'])
    expect(screen.getByRole('alert').textContent).toContain('closing')
  })

  it('reads the queue status again on "check again"', async () => {
    let answers = 0
    await renderHome(allReady, {
      handlers: {
        'queue.status': () =>
          answers++ === 0
            ? { ok: false, error: { code: 'E_CLOSED', message: 'closing' } }
            : ok(queueStatus()),
      },
    })
    expect(failing()).toEqual(['status-unknown'])
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra lại' }))
    await waitFor(() => expect(readiness()).toBe('Trạm sẵn sàng tiếp nhận hồ sơ.'))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('follows the queue status the core pushes', async () => {
    const { emit } = await renderHome(allReady)
    expect(readiness()).toBe('Trạm sẵn sàng tiếp nhận hồ sơ.')
    act(() =>
      emit('queue.changed', queueStatus({ freeze: { code: 'sync-overdue', message: '80 h' } })),
    )
    expect(failing()).toEqual(['frozen-sync-overdue'])
    act(() => emit('queue.changed', queueStatus()))
    expect(readiness()).toBe('Trạm sẵn sàng tiếp nhận hồ sơ.')
  })

  it('starts an enrollment from the primary button when ready', async () => {
    const started: (string | undefined)[] = []
    await renderHome(allReady, { onStartEnrollment: (recreates) => started.push(recreates) })
    const start = screen.getByRole('button', { name: 'Bắt đầu đăng ký' })
    expect(start.hasAttribute('disabled')).toBe(false)
    expect(start.getAttribute('aria-describedby')).toBeNull()
    fireEvent.click(start)
    expect(started).toEqual([undefined])
  })

  it('disables the start button with the reason while not ready', async () => {
    const started: (string | undefined)[] = []
    await renderHome(allReady, {
      status: queueStatus({ terminal: { registered: false } }),
      onStartEnrollment: (recreates) => started.push(recreates),
    })
    const start = screen.getByRole('button', { name: 'Bắt đầu đăng ký' })
    expect(start.hasAttribute('disabled')).toBe(true)
    const reason = document.getElementById(start.getAttribute('aria-describedby') ?? '')
    expect(reason?.textContent).toBe('Chưa bắt đầu được: trạm chưa sẵn sàng (xem lý do ở trên).')
    fireEvent.click(start)
    expect(started).toEqual([])
  })

  it('shows no start button when no enrollment flow is given', async () => {
    await renderHome(allReady)
    expect(screen.queryByRole('button', { name: 'Bắt đầu đăng ký' })).toBeNull()
  })

  it('opens the file queue on its tab, by touch and by the arrow keys', async () => {
    await renderHome(allReady)
    const stationTab = screen.getByRole('tab', { name: 'Trạm' })
    const queueTab = screen.getByRole('tab', { name: 'Hàng đợi hồ sơ' })
    expect(stationTab.getAttribute('aria-selected')).toBe('true')
    fireEvent.click(queueTab)
    expect(await screen.findByTestId('queue-empty')).toBeTruthy()
    expect(screen.queryByTestId('device-list')).toBeNull()
    expect(queueTab.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(queueTab, { key: 'ArrowRight' })
    expect(stationTab.getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(stationTab)
    expect(screen.getByTestId('device-list')).toBeTruthy()
  })
})

describe('StationHome: station key protection', () => {
  it('shows why the keyring was refused, from app.info.keyProtection', async () => {
    await renderHome(allReady, {
      info: {
        ...info,
        keyProtection: {
          kind: 'passphrase',
          notes: [{ reason: 'weakSafeStorage', params: { backend: 'basic_text' } }],
        },
      },
    })
    const notice = screen.getByTestId('key-protection')
    expect(notice.getAttribute('data-kind')).toBe('passphrase')
    expect(notice.textContent).toContain('Kho khoá của hệ điều hành dùng cơ chế "basic_text"')
  })

  it('shows no key notice when app.info does not carry one', async () => {
    await renderHome(allReady)
    expect(screen.queryByTestId('key-protection')).toBeNull()
  })
})
