import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CHIP_FACE,
  CITIZEN_ID,
  CITIZEN_NAME,
  enrollmentView,
  ok,
  reviewView,
} from '../enrollment-fixtures'
import { renderFlow } from '../test-harness'

afterEach(cleanup)

const FILE_ID = '0b7f1e52-3c4d-4e5f-8a9b-0c1d2e3f4a5b'
const receiptView = enrollmentView({
  step: 'receipt',
  phase: 'submitted',
  receipt: {
    fileId: FILE_ID,
    submittedAt: '2026-12-03T03:20:00.000Z',
    fullName: CITIZEN_NAME,
    statusCode: FILE_ID,
  },
})

describe('step 8, receipt', () => {
  it('after submit: the file number, the name and the status QR, and nothing else of the citizen', async () => {
    await renderFlow(reviewView(), { 'enrollment.intent': () => ok(receiptView) })
    // Before: the review shows the ID number and the chip photo.
    expect(document.body.innerHTML).toContain(CITIZEN_ID)
    fireEvent.click(screen.getByRole('button', { name: 'Nộp hồ sơ' }))
    const qr = await screen.findByTestId('receipt-qr')
    expect(qr.getAttribute('aria-label')).toBe('Mã QR tra cứu tình trạng hồ sơ')
    expect(qr.querySelector('svg path')).not.toBeNull()
    expect(screen.getByTestId('receipt-file-id').textContent).toBe(FILE_ID)
    expect(screen.getByTestId('receipt-name').textContent).toBe(CITIZEN_NAME)
    // 03:20 UTC is 10:20 on Vietnam's clock.
    expect(screen.getByTestId('receipt-time').textContent).toContain('10:20')
    const html = document.body.innerHTML
    expect(html).not.toContain(CITIZEN_ID)
    expect(html).not.toContain(CHIP_FACE)
    expect(html).not.toContain('data:image')
    expect(html).not.toContain('+84912345678')
    // Steps done, the last one current; no back, no cancel.
    expect(document.querySelector('[aria-current="step"]')?.textContent).toContain('Giấy hẹn')
    expect(screen.queryByRole('button', { name: 'Quay lại' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Hủy hồ sơ' })).toBeNull()
  })

  it('prints with the browser’s print, and “Done” finishes the enrollment and leaves', async () => {
    // happy-dom has no print(): the test stands in for the browser's.
    const print = vi.fn()
    Object.defineProperty(window, 'print', { value: print, configurable: true })
    const { calls, exits } = await renderFlow(receiptView)
    await screen.findByTestId('receipt-qr')
    fireEvent.click(screen.getByRole('button', { name: 'In giấy hẹn' }))
    expect(print).toHaveBeenCalledTimes(1)
    fireEvent.click(screen.getByRole('button', { name: 'Xong' }))
    await waitFor(() => expect(exits()).toBe(1))
    expect(calls.filter((c) => c.channel === 'enrollment.finish')).toHaveLength(1)
  })

  it('the QR holds the status code, readable by the qrcode package’s own encoder', async () => {
    await renderFlow(receiptView)
    const qr = await screen.findByTestId('receipt-qr')
    const QRCode = await import('qrcode')
    const expected = document.createElement('div')
    expected.innerHTML = await QRCode.toString(FILE_ID, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    })
    const modules = (root: Element) =>
      [...root.querySelectorAll('path')].map((p) => p.getAttribute('d'))
    expect(modules(qr)).toEqual(modules(expected))
    // Another text makes another code: the comparison can tell them apart.
    expected.innerHTML = await QRCode.toString('other', { type: 'svg' })
    expect(modules(qr)).not.toEqual(modules(expected))
  })
})
