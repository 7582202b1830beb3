import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { consentKeys, type EnrollmentView } from '../../../../electron/contract'
import { intentsOf, ok, refused, reviewView } from '../enrollment-fixtures'
import { renderFlow } from '../test-harness'

afterEach(cleanup)

const exceptions = [
  {
    exception: 'identity-without-chip-read',
    why: { key: 'enrollment.exceptions.notChipVerified' },
    approved: true,
  },
  {
    exception: 'missing-finger',
    why: { key: 'enrollment.exceptions.missingFinger', params: { count: 1 } },
    approved: false,
  },
] as const

describe('step 7, review and consent', () => {
  it('shows every part with an edit button that goes back to its step', async () => {
    const { calls } = await renderFlow(reviewView(), {
      'enrollment.intent': () => ok(reviewView({ step: 'contact', returnToReview: true })),
    })
    const contact = document.querySelector<HTMLElement>('[data-part="contact"]')!
    expect(contact.textContent).toContain('+84912345678 · VinaPhone')
    expect(document.querySelector('[data-part="fingerprints"]')?.textContent).toContain(
      'Đã lấy 10 ngón, thiếu 0 ngón.',
    )
    fireEvent.click(within(contact).getByRole('button', { name: 'Sửa Liên lạc' }))
    await waitFor(() => expect(intentsOf(calls)).toEqual([{ type: 'edit', step: 'contact' }]))
    expect(
      await screen.findByText('Sửa xong bước này, hồ sơ quay về màn hình kiểm tra.'),
    ).toBeTruthy()
  })

  it('lists exceptions approved and not; approving one re-reads the enrollment', async () => {
    const after = reviewView({ exceptions: exceptions.map((e) => ({ ...e, approved: true })) })
    const { calls } = await renderFlow(reviewView({ exceptions: [...exceptions] }), {
      'approvals.grant': () =>
        ok({
          approvalId: 'a-1',
          supervisorId: 's-1',
          supervisorName: 'Trần Văn Hùng',
          exception: 'missing-finger',
          reason: 'Ngón bị thương',
          at: '2026-12-03T03:00:00.000Z',
        }),
      'enrollment.current': () => ok(after),
    })
    const item = (code: string) =>
      document.querySelector<HTMLElement>(`[data-exception="${code}"]`)!
    expect(item('identity-without-chip-read').textContent).toContain('Đã phê duyệt')
    expect(item('missing-finger').dataset.approved).toBe('false')
    expect(item('missing-finger').textContent).toContain('Chưa phê duyệt')
    expect(within(item('identity-without-chip-read')).queryByRole('button')).toBeNull()
    fireEvent.click(
      within(item('missing-finger')).getByRole('button', { name: 'Xin chỉ huy phê duyệt' }),
    )
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByLabelText('Ngoại lệ')).toHaveProperty('value', 'missing-finger')
    fireEvent.change(within(dialog).getByLabelText('Lý do'), {
      target: { value: 'Ngón bị thương' },
    })
    fireEvent.change(within(dialog).getByLabelText('Chỉ huy phê duyệt'), {
      target: { value: 'chi-huy' },
    })
    fireEvent.change(within(dialog).getByLabelText('Mật khẩu'), {
      target: { value: 'sông Hồng chảy về biển' },
    })
    fireEvent.submit(within(dialog).getByRole('button', { name: 'Phê duyệt' }).closest('form')!)
    await waitFor(() => expect(item('missing-finger').dataset.approved).toBe('true'))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(calls.map((c) => c.channel)).toContain('enrollment.current')
  })

  it('consent unticked: refuses to record it without the level-2 account box', async () => {
    const { calls } = await renderFlow(reviewView())
    expect(screen.getByTestId('consent-missing')).toBeTruthy()
    for (const box of screen.getAllByRole('checkbox')) expect(box).toHaveProperty('checked', false)
    fireEvent.click(screen.getByRole('checkbox', { name: /tin nhắn kích hoạt/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Công dân đã đọc và đồng ý' }))
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Đánh dấu ô đồng ý cấp tài khoản mức 2',
    )
    expect(intentsOf(calls)).toEqual([])
  })

  it('consent ticked, in the language the citizen reads: the whole notice, then consent.accept', async () => {
    const consent: NonNullable<EnrollmentView['consent']> = {
      version: '2026-12-1',
      purposes: ['level2Account', 'activationSms'],
      textSha256: 'ab'.repeat(32),
      language: 'en',
      acceptedAt: '2026-12-03T03:10:00.000Z',
    }
    const { calls, i18n } = await renderFlow(reviewView(), {
      'enrollment.intent': () => ok(reviewView({ consent })),
    })
    fireEvent.click(within(screen.getByTestId('consent')).getByRole('button', { name: 'English' }))
    const text = screen.getByTestId('consent-text')
    expect(text.getAttribute('lang')).toBe('en')
    const en = i18n.getFixedT('en')
    // Every section of the notice, in the order the core hashes it.
    const shown = text.textContent ?? ''
    let at = 0
    for (const key of consentKeys().filter((k) => !k.startsWith('consent.purposeChoices'))) {
      const found = shown.indexOf(en(key), at)
      expect(found, key).toBeGreaterThanOrEqual(at)
      at = found
    }
    fireEvent.click(screen.getByRole('checkbox', { name: /I agree to the processing of my data/ }))
    fireEvent.click(screen.getByRole('checkbox', { name: /activation message/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Công dân đã đọc và đồng ý' }))
    await waitFor(() =>
      expect(intentsOf(calls)).toEqual([
        { type: 'consent.accept', language: 'en', purposes: ['level2Account', 'activationSms'] },
      ]),
    )
    expect((await screen.findByTestId('consent-recorded')).textContent).toContain(
      'phiên bản 2026-12-1, English',
    )
  })

  it('a frozen station: says why, the enrollment stays at the review as it was', async () => {
    await renderFlow(reviewView(), {
      'enrollment.intent': () => refused('E_FROZEN', 'messages.freeze.disk-low'),
    })
    fireEvent.click(screen.getByRole('button', { name: 'Nộp hồ sơ' }))
    const error = await screen.findByTestId('submit-error')
    expect(error.dataset.code).toBe('E_FROZEN')
    expect(error.textContent).toContain('Ổ đĩa sắp đầy')
    expect(error.textContent).toContain('Hồ sơ vẫn được giữ nguyên')
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(
      'Kiểm tra hồ sơ và sự đồng ý',
    )
    expect(document.querySelector('[data-part="identify"]')).not.toBeNull()
  })

  it('an unapproved exception on submit: says which', async () => {
    await renderFlow(reviewView(), {
      'enrollment.intent': () =>
        refused('E_APPROVAL_REQUIRED', 'enrollment.review.unapproved', {
          exceptions: 'missing-finger',
        }),
    })
    fireEvent.click(screen.getByRole('button', { name: 'Nộp hồ sơ' }))
    expect((await screen.findByTestId('submit-error')).textContent).toContain(
      'Còn ngoại lệ chưa được phê duyệt: missing-finger',
    )
  })
})
