// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceInfo, ReplyError } from '../../../electron/contract'
import { createI18n } from '../i18n'
import { DeviceHealthPanel } from './DeviceHealthPanel'
import { ErrorNotice } from './ErrorNotice'

afterEach(cleanup)

async function inLanguage(language: 'vi' | 'en', element: React.ReactElement) {
  const i18n = await createI18n(language)
  return render(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>)
}

const failedSimulator: DeviceInfo = {
  id: 'sim:fingerprint',
  kind: 'fingerprint',
  name: 'EF01 fingerprint module',
  source: 'simulated',
  connection: 'in-process',
  health: {
    status: 'error',
    reason: 'simulator-failed',
    detail: 'Ef01TimeoutError: ack after 500 ms',
    checkedAt: '2026-12-01T00:00:00Z',
  },
}

describe('DeviceHealthPanel', () => {
  it('shows the translated reason, and the technical detail only as small print', async () => {
    const { container } = await inLanguage(
      'vi',
      <DeviceHealthPanel
        devices={[failedSimulator]}
        mode="simulated"
        refreshing={false}
        onRefresh={() => {}}
      />,
    )
    expect(container.querySelector('.device-reason')?.textContent).toBe(
      'Thiết bị mô phỏng không khởi động được. Kiểm tra lại; nếu vẫn lỗi, hãy gọi hỗ trợ kỹ thuật.',
    )
    expect(container.querySelector('small.device-detail')?.textContent).toBe(
      'Ef01TimeoutError: ack after 500 ms',
    )
  })

  it('shows no reason and no detail for a device that is simply ready', async () => {
    const ready: DeviceInfo = {
      ...failedSimulator,
      health: { status: 'ready', detail: '256×288 at 500 ppi', checkedAt: '2026-12-01T00:00:00Z' },
    }
    const { container } = await inLanguage(
      'en',
      <DeviceHealthPanel
        devices={[ready]}
        mode="simulated"
        refreshing={false}
        onRefresh={() => {}}
      />,
    )
    expect(screen.getByRole('status').textContent).toBe('Ready')
    expect(container.querySelector('.device-reason')).toBeNull()
    expect(container.querySelector('.device-detail')).toBeNull()
  })
})

describe('ErrorNotice', () => {
  it('shows the exact sentence the core named, with its values', async () => {
    const error: ReplyError = {
      code: 'E_CARD_READ_FAILED',
      message: 'SW 63C1',
      messageKey: 'messages.sw.AUTHENTICATION_FAILED_RETRIES',
      params: { retriesLeft: 1 },
    }
    await inLanguage('vi', <ErrorNotice error={error} />)
    expect(screen.getByRole('alert').querySelector('strong')?.textContent).toBe(
      'Xác thực thất bại, còn 1 lần thử',
    )
    expect(screen.getByRole('alert').querySelector('.detail')?.textContent).toBe('SW 63C1')
  })

  it('falls back to the text of the code without a key, or with one it does not know', async () => {
    for (const error of [
      { code: 'E_NO_CARD', message: 'x' },
      { code: 'E_NO_CARD', message: 'x', messageKey: 'messages.fromANewerCore.text' },
    ] satisfies ReplyError[]) {
      await inLanguage('en', <ErrorNotice error={error} />)
      expect(screen.getByRole('alert').querySelector('strong')?.textContent).toBe(
        'No card on the reader. Place the card on the reader, then try again.',
      )
      cleanup()
    }
  })
})
