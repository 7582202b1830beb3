import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { EnrollmentView } from '../../../../electron/contract'
import { renderTranslated } from '../../test-support'
import { EnrollmentFlow } from '../EnrollmentFlow'
import {
  CITIZEN_NAME,
  cardReadResult,
  chipIdentity,
  enrollmentKiosk,
  enrollmentView,
  intentsOf,
  ok,
  refused,
} from '../enrollment-fixtures'

afterEach(cleanup)

const READ_RESULT = { reader: 'Virtual CCCD reader' }

async function renderIdentify(
  initial: EnrollmentView,
  handlers: Parameters<typeof enrollmentKiosk>[0] = {},
  devicesMode: 'real' | 'simulated' = 'real',
) {
  const kiosk = enrollmentKiosk(handlers)
  const rendered = await renderTranslated(
    <EnrollmentFlow
      client={kiosk.client}
      devicesMode={devicesMode}
      initial={initial}
      onExit={() => undefined}
    />,
  )
  return { ...kiosk, ...rendered }
}

const canField = () => screen.getByLabelText('Số định danh cá nhân (12 số) hoặc số CAN (6 số)')

describe('step 1, identify', () => {
  it('empty: the heading has the focus, nothing to confirm yet, step 1 marked current', async () => {
    await renderIdentify(enrollmentView())
    const heading = screen.getByRole('heading', { level: 2, name: 'Nhận dạng công dân' })
    expect(document.activeElement).toBe(heading)
    expect(screen.getByRole('button', { name: 'Tiếp tục' })).toHaveProperty('disabled', true)
    expect(screen.queryByTestId('identity')).toBeNull()
    const current = screen
      .getByRole('navigation', { name: 'Các bước của hồ sơ' })
      .querySelector('[aria-current="step"]')
    expect(current?.textContent).toContain('Nhận dạng')
    expect(current?.textContent).toContain('đang làm')
    // The first step has nothing to go back to.
    expect(screen.queryByRole('button', { name: 'Quay lại' })).toBeNull()
  })

  it('reads the chip with the CAN from the 12-digit ID, shows progress, then takes the read', async () => {
    let finishRead: (reply: unknown) => void = () => undefined
    const afterChip = enrollmentView({ identity: chipIdentity() })
    const { calls, emit } = await renderIdentify(enrollmentView(), {
      'card.read': () => new Promise((resolve) => (finishRead = resolve)),
      'enrollment.intent': () => ok(afterChip),
    })
    fireEvent.change(canField(), { target: { value: '0012 0300 4567' } })
    expect(screen.getByText('Sẽ mở chip bằng CAN 004567.')).toBeTruthy()
    fireEvent.submit(canField().closest('form')!)
    await screen.findByTestId('read-progress')
    expect(calls.find((c) => c.channel === 'card.read')?.payload).toEqual({
      access: { kind: 'CAN', can: '004567' },
    })
    act(() => {
      emit('card.readStep', { reader: READ_RESULT.reader, step: 'pace' })
      emit('card.readProgress', {
        reader: READ_RESULT.reader,
        file: 'DG2',
        bytesRead: 4000,
        total: 16000,
        documentBytesRead: 5294,
        documentTotal: 17294,
        filesUnsized: 3,
      })
    })
    expect(screen.getByTestId('read-step').textContent).toBe('Mở kênh bảo mật (PACE)')
    expect(screen.getByText('Tệp đang đọc: DG2, 3,9/15,6 KB')).toBeTruthy()
    const bar = screen.getByRole('progressbar', { name: /^Đã đọc 5,2\/16,9 KB \(số tệp/ })
    expect(bar).toHaveProperty('value', 5294)
    expect(screen.getByTestId('read-estimate').textContent).toBe('Đang ước tính thời gian còn lại…')
    await act(async () => finishRead({ ok: false, error: { code: 'E_INTERNAL', message: 'x' } }))
    expect(screen.queryByTestId('read-progress')).toBeNull()
    // A second read succeeds: the core is told to take its own copy.
    const kioskRead = calls.filter((c) => c.channel === 'card.read').length
    fireEvent.submit(canField().closest('form')!)
    await act(async () => finishRead(ok(cardReadResult())))
    await waitFor(() => expect(intentsOf(calls)).toEqual([{ type: 'identify.chip' }]))
    expect(calls.filter((c) => c.channel === 'card.read')).toHaveLength(kioskRead + 1)
    expect(await screen.findByTestId('person-name')).toHaveProperty('textContent', CITIZEN_NAME)
    expect(screen.getByTestId('chip-photo').getAttribute('alt')).toBe('Ảnh trong chip của công dân')
    expect(screen.getByRole('button', { name: 'Tiếp tục' })).toHaveProperty('disabled', false)
  })

  it('says a wrong CAN, how to re-enter it and the tries left; what was typed stays', async () => {
    await renderIdentify(enrollmentView(), {
      'card.read': () => refused('E_ACCESS_DENIED', undefined, { triesLeft: 2 }),
    })
    fireEvent.change(canField(), { target: { value: '123456' } })
    fireEvent.submit(canField().closest('form')!)
    const error = await screen.findByTestId('read-error')
    expect(error.dataset.code).toBe('E_ACCESS_DENIED')
    expect(error.textContent).toContain('Thẻ từ chối mã truy cập')
    expect(error.textContent).toContain('sửa trong ô và bấm “Đọc chip” lần nữa')
    expect(screen.getByTestId('tries-left').textContent).toBe('Còn 2 lần thử.')
    expect(canField()).toHaveProperty('value', '123456')
  })

  it('says the card was pulled and to place it again; the typed CAN is kept', async () => {
    await renderIdentify(enrollmentView(), { 'card.read': () => refused('E_CARD_REMOVED') })
    fireEvent.change(canField(), { target: { value: '654321' } })
    fireEvent.submit(canField().closest('form')!)
    const error = await screen.findByTestId('read-error')
    expect(error.textContent).toContain('Thẻ bị nhấc ra khi đang đọc. Đặt lại thẻ')
    expect(screen.queryByTestId('tries-left')).toBeNull()
    expect(canField()).toHaveProperty('value', '654321')
  })

  it('refuses to read with a number that is neither 12 nor 6 digits, and says what to type', async () => {
    const { calls } = await renderIdentify(enrollmentView())
    fireEvent.change(canField(), { target: { value: '12345' } })
    fireEvent.submit(canField().closest('form')!)
    expect(
      await screen.findByText('Nhập đủ 12 số định danh hoặc 6 số CAN (chỉ chữ số).'),
    ).toBeTruthy()
    expect(calls.some((c) => c.channel === 'card.read')).toBe(false)
  })

  it.each([
    [
      'valid',
      'passed',
      'not-supported',
      'Hợp lệ: dữ liệu trên chip',
      'Đạt: chip là chip thật',
      'Không hỗ trợ',
    ],
    [
      'invalid',
      'failed',
      'failed',
      'Không hợp lệ: dữ liệu trên chip đã bị sửa',
      'Không đạt: chip có thể là bản sao',
      'Không đạt',
    ],
    ['untrusted', 'not-supported', 'passed', 'Chưa tin cậy', 'Không hỗ trợ', 'Đạt'],
  ] as const)(
    'shows the verdicts %s / %s / %s with what each means',
    async (passiveAuth, chipAuth, activeAuth, paText, caText, aaText) => {
      await renderIdentify(
        enrollmentView({
          identity: chipIdentity({ chip: { access: 'BAC', passiveAuth, chipAuth, activeAuth } }),
        }),
      )
      const row = (check: string) => document.querySelector<HTMLElement>(`[data-check="${check}"]`)!
      expect(row('passiveAuth').dataset.verdict).toBe(passiveAuth)
      expect(row('passiveAuth').textContent).toContain(paText)
      expect(row('chipAuth').textContent).toContain(caText)
      expect(row('activeAuth').textContent).toContain(aaText)
      expect(row('passiveAuth').className).toBe(
        passiveAuth === 'valid' ? 'verdict-good' : 'verdict-bad',
      )
      expect(screen.getByText('Mở chip bằng BAC')).toBeTruthy()
    },
  )

  it('manual entry: sends the typed identity; a malformed one names the fields to fix', async () => {
    const entered = enrollmentView({
      identity: chipIdentity({ source: 'manual', chip: null, chipFaceDataUrl: null }),
    })
    const { calls } = await renderIdentify(enrollmentView(), {
      'enrollment.intent': () => ok(entered),
    })
    fireEvent.click(screen.getByRole('button', { name: 'Nhập tay' }))
    const form = screen.getByTestId('person-form-manual')
    const field = (label: string) => within(form).getByLabelText(label)
    fireEvent.change(field('Họ, chữ đệm và tên'), { target: { value: 'Trần Thị Bình' } })
    fireEvent.change(field('Số định danh hoặc số hộ chiếu'), { target: { value: '079' } })
    fireEvent.submit(form)
    expect((await screen.findByTestId('person-invalid')).textContent).toBe(
      'Kiểm tra lại các trường: Số định danh hoặc số hộ chiếu, Ngày sinh.',
    )
    expect(intentsOf(calls)).toEqual([])
    fireEvent.change(field('Số định danh hoặc số hộ chiếu'), { target: { value: '079190001234' } })
    fireEvent.change(field('Ngày sinh'), { target: { value: '1990-00-00' } })
    fireEvent.change(field('Giới tính'), { target: { value: 'F' } })
    fireEvent.change(field('Giấy tờ'), { target: { value: 'id-card' } })
    fireEvent.submit(form)
    await waitFor(() =>
      expect(intentsOf(calls)).toEqual([
        {
          type: 'identify.entered',
          source: 'manual',
          document: 'id-card',
          person: {
            fullName: 'Trần Thị Bình',
            idNumber: '079190001234',
            dateOfBirth: '1990-00-00',
            sex: 'F',
            nationality: 'vn',
            placeOfResidence: null,
          },
        },
      ]),
    )
    expect((await screen.findByTestId('not-chip-verified')).textContent).toContain(
      'chưa được xác thực bằng chip',
    )
    expect(screen.getByTestId('identity-source').textContent).toBe('Nhập tay')
  })

  it('no chip card: the identity from the papers with the CCCD application reference, flagged', async () => {
    const papers = enrollmentView({
      identity: chipIdentity({
        source: 'papers',
        chip: null,
        chipFaceDataUrl: null,
        cccdApplicationRef: 'HS-2026-000123',
      }),
    })
    const { calls } = await renderIdentify(enrollmentView(), {
      'enrollment.intent': () => ok(papers),
    })
    fireEvent.click(screen.getByRole('button', { name: 'Chưa có thẻ gắn chíp' }))
    const form = screen.getByTestId('person-form-papers')
    const field = (label: string) => within(form).getByLabelText(label)
    fireEvent.change(field('Họ, chữ đệm và tên'), { target: { value: 'Lê Văn Cường' } })
    fireEvent.change(field('Số định danh hoặc số hộ chiếu'), { target: { value: '001090004321' } })
    fireEvent.change(field('Ngày sinh'), { target: { value: '1990-05-06' } })
    fireEvent.change(field('Mã hồ sơ đề nghị cấp CCCD'), { target: { value: 'hs-2026-000123' } })
    fireEvent.submit(form)
    await waitFor(() => expect(intentsOf(calls)).toHaveLength(1))
    expect(intentsOf(calls)[0]).toMatchObject({
      type: 'identify.papers',
      cccdApplicationRef: 'HS-2026-000123',
      person: { fullName: 'Lê Văn Cường', nationality: 'vn' },
    })
    await screen.findByTestId('not-chip-verified')
    expect(screen.getByTestId('identity').textContent).toContain('HS-2026-000123')
  })

  it('a foreigner without a residence card: asks for it, and the core refuses to go on without', async () => {
    const foreigner = chipIdentity({
      person: {
        ...chipIdentity().person,
        fullName: 'SMITH JOHN',
        idNumber: 'C1234567',
        nationality: 'foreign',
      },
      document: 'none',
    })
    const withCard = enrollmentView({
      identity: {
        ...foreigner,
        document: 'temporary-residence',
        residenceCard: { kind: 'temporary', number: 'TT123456' },
      },
    })
    let intents = 0
    const { calls } = await renderIdentify(enrollmentView({ identity: foreigner }), {
      'enrollment.intent': () =>
        ++intents === 1
          ? refused('E_ENROLLMENT_INPUT', 'enrollment.identify.residenceNeeded')
          : ok(withCard),
    })
    expect(screen.getByTestId('residence-missing')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }))
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Người nước ngoài cần thẻ tạm trú',
    )
    const form = screen.getByTestId('residence-form')
    fireEvent.change(within(form).getByLabelText('Số thẻ'), { target: { value: 'tt123456' } })
    fireEvent.submit(form)
    await waitFor(() => expect(screen.queryByTestId('residence-missing')).toBeNull())
    expect(intentsOf(calls)[1]).toEqual({
      type: 'identify.residenceCard',
      residenceCard: { kind: 'temporary', number: 'TT123456' },
    })
    expect(screen.getByTestId('residence-card').textContent).toBe('Thẻ tạm trú số TT123456')
  })

  it('the passport path reads with the MRZ data', async () => {
    const { calls } = await renderIdentify(enrollmentView(), {
      'card.read': () => refused('E_NO_CARD'),
    })
    fireEvent.click(screen.getByRole('button', { name: 'Người nước ngoài (hộ chiếu)' }))
    fireEvent.change(screen.getByLabelText('Số hộ chiếu'), { target: { value: 'c1234567' } })
    fireEvent.change(screen.getByLabelText('Ngày sinh (YYMMDD)'), { target: { value: '900115' } })
    fireEvent.change(screen.getByLabelText('Ngày hết hạn (YYMMDD)'), {
      target: { value: '300101' },
    })
    fireEvent.submit(screen.getByTestId('chip-read'))
    expect((await screen.findByTestId('read-error')).textContent).toContain(
      'Chưa có thẻ trên đầu đọc',
    )
    expect(calls.find((c) => c.channel === 'card.read')?.payload).toEqual({
      access: {
        kind: 'MRZ',
        documentNumber: 'C1234567',
        dateOfBirth: '900115',
        dateOfExpiry: '300101',
      },
    })
  })

  it('shows each field where the entered identity differs from the chip', async () => {
    await renderIdentify(
      enrollmentView({
        identity: chipIdentity({
          mismatches: [
            { field: 'fullName', chip: CITIZEN_NAME, other: 'NGUYEN VAN AN' },
            { field: 'dateOfBirth', chip: '2003-04-05', other: '2003-05-04' },
          ],
        }),
      }),
    )
    const rows = within(screen.getByTestId('mismatches')).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.textContent)).toEqual([
      `Họ, chữ đệm và tên${CITIZEN_NAME}NGUYEN VAN AN`,
      'Ngày sinh2003-04-052003-05-04',
    ])
  })

  it('training mode: places a virtual card and shows its CAN for the trainer', async () => {
    const { calls } = await renderIdentify(
      enrollmentView(),
      {
        'card.simulateInsert': () =>
          ok({
            reader: 'Virtual CCCD reader',
            scenario: 'default',
            citizenSeed: 'x',
            atr: '3B88',
            accessKeys: {
              can: '246810',
              mrz: { documentNumber: 'C0001', dateOfBirth: '200101', dateOfExpiry: '400101' },
            },
          }),
      },
      'simulated',
    )
    fireEvent.change(screen.getByLabelText('Ngày sinh của thẻ mô phỏng (không bắt buộc)'), {
      target: { value: '2019-03-04' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Đặt thẻ mô phỏng' }))
    expect((await screen.findByTestId('training-card')).textContent).toContain(
      'Số CAN của thẻ: 246810',
    )
    expect(calls.find((c) => c.channel === 'card.simulateInsert')?.payload).toEqual({
      dateOfBirth: '2019-03-04',
    })
  })

  it('training mode: a trainer picks a scenario and its card goes on the reader', async () => {
    const child = { citizenSeed: 'training-1', dateOfBirth: '2017-05-20' }
    const { calls } = await renderIdentify(
      enrollmentView(),
      {
        'training.scenarios': () =>
          ok([
            { name: 'child-6-13', title: { vi: 'Trẻ 9 tuổi', en: 'A 9-year-old' }, card: child },
            { name: 'no-chip', title: { vi: 'Không có thẻ', en: 'No card' }, card: null },
          ]),
        'card.simulateInsert': () =>
          ok({
            reader: 'Virtual CCCD reader',
            scenario: 'default',
            citizenSeed: 'training-1',
            atr: '3B88',
            accessKeys: {
              can: '135790',
              mrz: { documentNumber: 'C0002', dateOfBirth: '170520', dateOfExpiry: '310520' },
            },
          }),
      },
      'simulated',
    )
    const picker = await screen.findByLabelText('Kịch bản huấn luyện')
    // Only scenarios with a card are offered: the others start from another identify mode.
    expect([...picker.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Không theo kịch bản (thẻ mô phỏng thường)',
      'Trẻ 9 tuổi',
    ])
    fireEvent.change(picker, { target: { value: 'child-6-13' } })
    expect(screen.queryByLabelText('Ngày sinh của thẻ mô phỏng (không bắt buộc)')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Đặt thẻ mô phỏng' }))
    expect((await screen.findByTestId('training-card')).textContent).toContain('135790')
    expect(calls.find((c) => c.channel === 'card.simulateInsert')?.payload).toEqual(child)
  })

  it('has no training button on real devices', async () => {
    await renderIdentify(enrollmentView())
    expect(screen.queryByRole('button', { name: 'Đặt thẻ mô phỏng' })).toBeNull()
  })
})
