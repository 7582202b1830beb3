import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import {
  eligibilityView,
  enrollmentView,
  chipIdentity,
  intentsOf,
  ok,
  refused,
} from '../enrollment-fixtures'
import { renderFlow } from '../test-harness'

afterEach(cleanup)

const atEligibility = (fields: Parameters<typeof eligibilityView>[0] = {}) =>
  enrollmentView({
    step: 'eligibility',
    identity: chipIdentity(),
    eligibility: eligibilityView(fields),
  })

const grant = (level: 'level1' | 'level2') =>
  within(screen.getByTestId('eligibility')).getByText(
    level === 'level1' ? 'Tài khoản mức 1' : 'Tài khoản mức 2',
  ).nextElementSibling as HTMLElement

describe('step 2, eligibility', () => {
  it('granted: both levels, the age and the reason sentence; continue confirms', async () => {
    const { calls } = await renderFlow(atEligibility(), {
      'enrollment.intent': () => ok(enrollmentView({ step: 'contact' })),
    })
    expect(grant('level1').dataset.grant).toBe('granted')
    expect(grant('level2').textContent).toContain('Được cấp')
    expect(screen.getByTestId('age').textContent).toBe('23 tuổi')
    expect(screen.getByTestId('eligibility-reason').textContent).toContain(
      'Công dân từ đủ 14 tuổi (23 tuổi)',
    )
    expect(screen.queryByTestId('guardian-form')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }))
    await waitFor(() => expect(intentsOf(calls)).toEqual([{ type: 'eligibility.confirm' }]))
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Thông tin liên lạc' }),
    ).toBeTruthy()
  })

  it('on request with a guardian: the approximate age, the form, and the core refusing to go on without', async () => {
    const view = atEligibility({
      level1: 'on-request',
      level2: 'on-request',
      guardianRequired: true,
      age: 9,
      ageApproximate: true,
      reason: { key: 'rules.eligibility.citizen-6-to-14', params: { age: 9 } },
    })
    const recorded = atEligibility({
      ...view.eligibility!,
      guardian: { fullName: 'Nguyễn Thị Mai', idNumber: '001180001234', relationship: 'mother' },
    })
    let n = 0
    const { calls } = await renderFlow(view, {
      'enrollment.intent': () =>
        ++n === 1
          ? refused('E_ENROLLMENT_INPUT', 'enrollment.eligibility.guardianNeeded')
          : ok(recorded),
    })
    expect(grant('level2').textContent).toContain('Cấp khi có đề nghị')
    expect(screen.getByTestId('age').textContent).toBe('9 tuổi (ước tính: ngày sinh không đầy đủ)')
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }))
    expect((await screen.findByRole('alert')).textContent).toContain(
      'cần ghi thông tin người đại diện hợp pháp',
    )
    const form = screen.getByTestId('guardian-form')
    fireEvent.change(within(form).getByLabelText('Họ và tên người đại diện'), {
      target: { value: 'Nguyễn Thị Mai' },
    })
    fireEvent.change(within(form).getByLabelText('Số định danh của người đại diện (12 số)'), {
      target: { value: '0011 8000 1234' },
    })
    fireEvent.submit(form)
    await waitFor(() => expect(intentsOf(calls)).toHaveLength(2))
    expect(intentsOf(calls)[1]).toEqual({
      type: 'eligibility.guardian',
      guardian: { fullName: 'Nguyễn Thị Mai', idNumber: '001180001234', relationship: 'mother' },
    })
    expect((await screen.findByTestId('guardian-recorded')).textContent).toBe(
      'Đã ghi: Nguyễn Thị Mai (Mẹ)',
    )
  })

  it('refuses a guardian ID that is not 12 digits before sending it', async () => {
    const { calls } = await renderFlow(
      atEligibility({ guardianRequired: true, level2: 'on-request' }),
    )
    const form = screen.getByTestId('guardian-form')
    fireEvent.change(within(form).getByLabelText('Họ và tên người đại diện'), {
      target: { value: 'A' },
    })
    fireEvent.change(within(form).getByLabelText('Số định danh của người đại diện (12 số)'), {
      target: { value: '12345' },
    })
    fireEvent.submit(form)
    expect(await screen.findByText('Số định danh gồm đúng 12 chữ số.')).toBeTruthy()
    expect(intentsOf(calls)).toEqual([])
  })

  it('refused: the screen explains itself and ends the enrollment without a file', async () => {
    const reason = { key: 'rules.eligibility.citizen-under-6', params: { age: 4 } }
    const refusedView = enrollmentView({
      step: 'eligibility',
      phase: 'refused',
      identity: chipIdentity(),
      eligibility: eligibilityView({ level1: 'on-request', level2: 'refused', age: 4, reason }),
      refusal: reason,
    })
    const { calls, exits } = await renderFlow(refusedView)
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(
      'Không thể cấp tài khoản mức 2',
    )
    expect(screen.getByTestId('refusal-reason').textContent).toContain('Trẻ dưới 6 tuổi (4 tuổi)')
    expect(grant('level2').dataset.grant).toBe('refused')
    // Said once, as the refusal's notice.
    expect(screen.queryByTestId('eligibility-reason')).toBeNull()
    // Nothing to go back to or cancel: it ends.
    expect(screen.queryByRole('button', { name: 'Quay lại' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Kết thúc hồ sơ' }))
    await waitFor(() => expect(exits()).toBe(1))
    expect(calls.map((c) => c.channel)).toContain('enrollment.finish')
  })
})
