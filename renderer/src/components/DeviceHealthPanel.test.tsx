import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceInfo, DeviceMode } from '../../../electron/contract'
import { device, renderTranslated } from '../test-support'
import { DeviceHealthPanel } from './DeviceHealthPanel'

afterEach(cleanup)

async function renderPanel(
  devices: DeviceInfo[],
  options: {
    mode?: DeviceMode
    refreshing?: boolean
    onRefresh?: () => void
    lang?: 'vi' | 'en'
  } = {},
) {
  return renderTranslated(
    <DeviceHealthPanel
      devices={devices}
      mode={options.mode ?? 'real'}
      refreshing={options.refreshing ?? false}
      onRefresh={options.onRefresh ?? (() => undefined)}
    />,
    options.lang ?? 'vi',
  )
}

/** The row of the device `id`, by the attribute the panel writes on it. */
function row(id: string): HTMLElement {
  const item = screen
    .getAllByRole('listitem')
    .find((li) => li.getAttribute('data-device-id') === id)
  if (!item) throw new Error(`no row for ${id}`)
  return item
}

const statusOf = (id: string): string => within(row(id)).getByRole('status').textContent ?? ''
const reasonOf = (id: string): string | null =>
  row(id).querySelector('.device-reason')?.textContent ?? null

// One device per health status, each with a distinct kind or id so its row can be found.
const everyStatus: DeviceInfo[] = [
  device({ id: 'real:reader', kind: 'card-reader', name: 'ACS ACR1281' }),
  device({ id: 'real:fp', kind: 'fingerprint', name: 'R307', health: { status: 'busy' } }),
  device({
    id: 'real:camera',
    kind: 'camera',
    name: 'Logitech C920',
    health: { status: 'degraded', reason: 'video-error', detail: 'v4l2 slow' },
  }),
  device({
    id: 'absent:reader',
    kind: 'card-reader',
    name: '',
    connection: '',
    health: { status: 'absent', reason: 'pcscd-down', detail: 'no /run/pcscd/pcscd.comm' },
  }),
  device({
    id: 'real:barcode',
    kind: 'barcode',
    name: 'Honeywell 1900',
    health: { status: 'error', reason: 'probe-failed', detail: 'EACCES /dev/hidraw0' },
  }),
]

describe('DeviceHealthPanel', () => {
  it('labels every health status with its own words, in Vietnamese', async () => {
    await renderPanel(everyStatus)
    expect(statusOf('real:reader')).toBe('Sẵn sàng')
    expect(statusOf('real:fp')).toBe('Đang dùng')
    expect(statusOf('real:camera')).toBe('Hoạt động kém')
    expect(statusOf('absent:reader')).toBe('Không có')
    expect(statusOf('real:barcode')).toBe('Lỗi')
    expect(screen.getAllByRole('listitem')).toHaveLength(5)
  })

  it('labels every health status in English', async () => {
    await renderPanel(everyStatus, { lang: 'en' })
    expect(
      ['real:reader', 'real:fp', 'real:camera', 'absent:reader', 'real:barcode'].map(statusOf),
    ).toEqual(['Ready', 'In use', 'Degraded', 'Missing', 'Error'])
  })

  it('shows why a device is missing, degraded or failing, and no reason for a ready one', async () => {
    await renderPanel(everyStatus)
    expect(reasonOf('real:reader')).toBeNull()
    expect(reasonOf('real:fp')).toBeNull()
    // The exact sentences belong to the message catalogue; here: a reason is shown, and it is
    // the one of its own device (pcscd for the missing reader, the probe for the failing one).
    expect(reasonOf('absent:reader')).toMatch(/pcscd/)
    expect(reasonOf('real:barcode')).toBeTruthy()
    expect(reasonOf('real:camera')).toBeTruthy()
    expect(reasonOf('real:barcode')).not.toBe(reasonOf('absent:reader'))
    // A device with no name is one the station expected and did not find.
    expect(within(row('absent:reader')).getByText('Chưa kết nối')).toBeTruthy()
    expect(within(row('absent:reader')).getByText('Đầu đọc thẻ CCCD gắn chíp')).toBeTruthy()
  })

  it('marks a simulated device as simulated even when the station asks for real devices', async () => {
    await renderPanel(
      [
        device({ id: 'real:fp', kind: 'fingerprint', name: 'R307' }),
        device({ id: 'sim:camera', kind: 'camera', name: 'Fake capture', source: 'simulated' }),
      ],
      { mode: 'real' },
    )
    expect(screen.getByText('Chỉ thiết bị thật')).toBeTruthy()
    expect(within(row('sim:camera')).getByText('Mô phỏng')).toBeTruthy()
    expect(within(row('sim:camera')).queryByText('Thiết bị thật')).toBeNull()
    expect(within(row('real:fp')).getByText('Thiết bị thật')).toBeTruthy()
    expect(within(row('real:fp')).queryByText('Mô phỏng')).toBeNull()
  })

  it('says so when no device was found, with no list at all', async () => {
    await renderPanel([])
    expect(screen.getByText('Chưa tìm thấy thiết bị nào.')).toBeTruthy()
    expect(screen.queryByRole('list')).toBeNull()
    expect(screen.queryAllByRole('status')).toEqual([])
  })

  it('re-checks on request, and cannot be pressed again while checking', async () => {
    let presses = 0
    const { rerender } = await renderPanel(everyStatus, { onRefresh: () => presses++ })
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra lại' }))
    expect(presses).toBe(1)
    // The caller flips `refreshing` while the probe runs.
    rerender(
      <DeviceHealthPanel
        devices={everyStatus}
        mode="real"
        refreshing
        onRefresh={() => presses++}
      />,
    )
    const busy = screen.getByRole('button', { name: 'Đang kiểm tra…' })
    expect(busy.hasAttribute('disabled')).toBe(true)
    fireEvent.click(busy)
    expect(presses).toBe(1)
  })
})
