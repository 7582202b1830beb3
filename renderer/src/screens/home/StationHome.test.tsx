import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppInfo, DeviceInfo } from '../../../../electron/contract'
import { device, fakeKiosk, renderTranslated, type RequestHandler } from '../../test-support'
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

async function renderHome(
  devices: DeviceInfo[],
  options: { info?: AppInfo; handlers?: Record<string, RequestHandler> } = {},
) {
  const kiosk = fakeKiosk({
    'devices.list': () => ok(devices),
    'devices.refresh': () => ok(devices),
    'settings.setLanguage': (payload) => ok(payload),
    ...options.handlers,
  })
  const rendered = await renderTranslated(
    <StationHome client={kiosk.client} info={options.info ?? info} />,
  )
  // The list arrives with the reply to devices.list, after the first render.
  if (devices.length > 0) await screen.findByTestId('device-list')
  else await screen.findByText('Chưa tìm thấy thiết bị nào.')
  return { ...rendered, ...kiosk }
}

const readiness = (): string => screen.getByTestId('readiness').textContent ?? ''
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
    expect(readiness()).toBe('Trạm chưa sẵn sàng: kiểm tra các thiết bị đánh dấu bên dưới.')
  })

  it('is not ready with no devices, nor with only the optional barcode scanner ready', async () => {
    await renderHome([])
    expect(readiness()).toBe('Trạm chưa sẵn sàng: kiểm tra các thiết bị đánh dấu bên dưới.')
    cleanup()
    await renderHome([
      ...allReady.filter((d) => d.kind !== 'camera'),
      device({ id: 'real:barcode', kind: 'barcode' }),
    ])
    expect(readiness()).toBe('Trạm chưa sẵn sàng: kiểm tra các thiết bị đánh dấu bên dưới.')
  })

  it('follows hot-plug events from the core', async () => {
    const { emit } = await renderHome(allReady)
    const unplugged = allReady.map((d) =>
      d.kind === 'card-reader' ? device({ ...d, health: { status: 'absent' } }) : d,
    )
    act(() => emit('devices.changed', unplugged))
    expect(statuses()).toEqual(['Không có', 'Sẵn sàng', 'Sẵn sàng'])
    expect(readiness()).toBe('Trạm chưa sẵn sàng: kiểm tra các thiết bị đánh dấu bên dưới.')
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
    expect(calls.map((c) => c.channel)).toEqual(['devices.list', 'devices.refresh'])
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
})
