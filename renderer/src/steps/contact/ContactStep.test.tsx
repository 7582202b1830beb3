import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { enrollmentView, intentsOf, ok, refused } from '../enrollment-fixtures'
import { renderFlow } from '../test-harness'

afterEach(cleanup)

const phone = () => screen.getByLabelText('Số điện thoại di động')
const hintOf = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby')!.split(' ').at(-1)!)

describe('step 3, contact', () => {
  it('a valid mobile number: its network and E.164 form as the hint, then contact.set', async () => {
    const { calls } = await renderFlow(enrollmentView({ step: 'contact' }), {
      'enrollment.intent': () => ok(enrollmentView({ step: 'documents' })),
    })
    fireEvent.change(phone(), { target: { value: '0912 345 678' } })
    expect(hintOf(phone())?.textContent).toBe('✓ Mạng VinaPhone · +84912345678')
    expect(hintOf(phone())?.dataset.ok).toBe('true')
    fireEvent.change(screen.getByLabelText('Thư điện tử (không bắt buộc)'), {
      target: { value: 'an@example.vn' },
    })
    fireEvent.submit(phone().closest('form')!)
    await waitFor(() =>
      expect(intentsOf(calls)).toEqual([
        { type: 'contact.set', phone: '0912 345 678', email: 'an@example.vn' },
      ]),
    )
    expect(await screen.findByRole('heading', { level: 2, name: 'Giấy tờ tích hợp' })).toBeTruthy()
  })

  it('an invalid number: the rule’s sentence says what is wrong, marked as a problem', async () => {
    await renderFlow(enrollmentView({ step: 'contact' }))
    fireEvent.change(phone(), { target: { value: '024 3825 1234' } })
    expect(hintOf(phone())?.textContent).toContain('Đây là số máy cố định')
    expect(phone().getAttribute('aria-invalid')).toBe('true')
    fireEvent.change(phone(), { target: { value: '091234' } })
    expect(hintOf(phone())?.textContent).toContain('số đã nhập có 6 chữ số')
    fireEvent.change(screen.getByLabelText('Thư điện tử (không bắt buộc)'), {
      target: { value: 'an@' },
    })
    expect(screen.getByLabelText('Thư điện tử (không bắt buộc)').getAttribute('aria-invalid')).toBe(
      'true',
    )
  })

  it('the core’s refusal is shown and the step stays as it was', async () => {
    await renderFlow(enrollmentView({ step: 'contact' }), {
      'enrollment.intent': () =>
        refused('E_ENROLLMENT_INPUT', 'rules.phone.unallocated-prefix', { prefix: '099' }),
    })
    fireEvent.change(phone(), { target: { value: '0991234567' } })
    fireEvent.submit(phone().closest('form')!)
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Đầu số 099 không thuộc mạng di động nào',
    )
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Thông tin liên lạc')
    expect(phone()).toHaveProperty('value', '0991234567')
  })
})
