import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { chipIdentity, enrollmentView, intentsOf, ok } from '../enrollment-fixtures'
import { renderFlow } from '../test-harness'

afterEach(cleanup)

describe('step 1, the QR code on the card', () => {
  it('a pasted or scanned QR code, once confirmed, is sent as the identity from the QR', async () => {
    const QR = '001203004567|123456789|Nguyễn Văn An|05042003|Nam|Số 1, Phường A, Hà Nội|01012021'
    const person = {
      fullName: 'Nguyễn Văn An',
      idNumber: '001203004567',
      dateOfBirth: '2003-04-05',
      sex: 'M',
      nationality: 'vn',
      placeOfResidence: 'Số 1, Phường A, Hà Nội',
    }
    const { calls } = await renderFlow(enrollmentView(), {
      'barcode.parseCccdQr': () =>
        ok({
          person,
          document: 'cccd',
          dateOfIssue: '2021-01-01',
          oldIdNumber: '123456789',
          variant: 'standard',
        }),
      'barcode.listen': () => ok({ listening: true, scannerReady: false }),
      'barcode.unlisten': () => ok({ listening: false, scannerReady: false }),
      'enrollment.intent': () =>
        ok(
          enrollmentView({
            identity: chipIdentity({ source: 'qr', chip: null, chipFaceDataUrl: null }),
          }),
        ),
    })
    fireEvent.click(screen.getByRole('button', { name: 'Mã QR trên thẻ' }))
    fireEvent.paste(screen.getByLabelText('Mã từ máy quét hoặc dán vào đây'), {
      clipboardData: { getData: () => `${QR}\r\n` },
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Đúng, dùng thông tin này' }))
    await waitFor(() =>
      expect(intentsOf(calls)).toEqual([
        { type: 'identify.entered', source: 'qr', person, document: 'cccd' },
      ]),
    )
    expect((await screen.findByTestId('identity-source')).textContent).toBe('Từ mã QR')
  })
})
