// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import {
  $,
  click,
  FILE_A,
  FILE_B,
  openSignedIn,
  text,
  TOKEN,
  useFakeUpstream,
} from './page-test-support'

const fake = useFakeUpstream()

describe('review page behaviour', () => {
  it('signs in through the form, lists the queue and signs every call', async () => {
    await openSignedIn()
    expect(JSON.parse(sessionStorage.getItem('review.session') ?? '{}')).toMatchObject({
      token: TOKEN,
      reviewer: { id: 'hoa' },
    })
    expect(text('#who')).toBe('Lê Thị Hoa · người duyệt cấp cao')
    expect($('#sign-out')?.hidden).toBe(false)
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    expect($('#login')?.hidden).toBe(true)
    expect($('#main')?.hidden).toBe(false)
    expect(text('h1')).toBe('Duyệt hồ sơ định danh điện tử mức 2')
    expect(text('#list .verdict-untrusted')).toBe('chưa tin cậy')
    await vi.waitFor(() => expect(text('#stats')).toBe('Đã nhận 2 · duyệt 0 · từ chối 0 · trùng 0'))
    await vi.waitFor(() => expect($('#training')?.hidden).toBe(false))
    const apiCalls = fake
      .current()
      .calls.filter((c) => c.path.startsWith('/review/api/') && c.path !== '/review/api/session')
    expect(apiCalls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true)
  })

  it('shows a file, refuses a rejection without a reason, then rejects with one', async () => {
    await openSignedIn()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    click('tr.row')
    await vi.waitFor(() => expect(text('#facts')).toContain('NGUYEN VAN AN'))
    expect(text('#facts')).toContain('No trusted CSCA')
    // The supervisor approval signed into the file.
    expect(text('#facts')).toContain('missing-finger · supervisor-3 · 2026-11-26T08:05:00.000Z')
    expect(text('#facts')).toContain('Nhóm dữ liệu: DG1 match')
    expect($('#actions')?.hidden).toBe(false)

    click('#reject')
    expect(text('#error')).toBe('Hãy nhập lý do (ít nhất 3 ký tự).')
    expect(
      fake.current().calls.some((c) => c.path.includes('/files/') && c.method === 'POST'),
    ).toBe(false)

    const reason = document.querySelector('textarea')
    if (reason) reason.value = '  Ảnh mờ  '
    click('#reject')
    // The confirm step names the citizen, the action and the reason the citizen will read.
    expect($('#confirm')?.hidden).toBe(false)
    expect(text('#confirm-title')).toBe('Từ chối hồ sơ của NGUYEN VAN AN?')
    expect(text('#confirm-body')).toBe('Lý do gửi cho công dân: Ảnh mờ')
    expect(text('#confirm-ok')).toBe('Từ chối hồ sơ')
    click('#confirm-ok')
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(1))
    expect(
      fake.current().calls.filter((c) => c.path.includes('/files/') && c.method === 'POST'),
    ).toEqual([
      expect.objectContaining({
        path: `/review/api/files/${FILE_A}/reject`,
        body: { reason: 'Ảnh mờ' },
      }),
    ])
    expect($('#detail')?.hidden).toBe(true)
    expect($('#error')?.hidden).toBe(true)
  })

  it('switches to English, remembers it, and shows the outbox in English', async () => {
    await openSignedIn()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    expect(text('#lang')).toBe('English')
    click('#lang')
    expect(text('h1')).toBe('Level-2 electronic identification: file review')
    expect(document.documentElement.lang).toBe('en')
    expect(text('#lang')).toBe('Tiếng Việt')
    expect(localStorage.getItem('review.lang')).toBe('en')
    click('[data-tab="outbox"]')
    await vi.waitFor(() => expect(text('#list')).toContain('The file has been approved'))
    expect(text('#list')).not.toContain('Hồ sơ đã được phê duyệt')
    expect(text('#list')).toContain('Not delivered (expired)')
    expect($('[data-tab="outbox"]')?.getAttribute('aria-pressed')).toBe('true')
  })

  it('shows what the officer established at the desk, in Vietnamese and in English', async () => {
    await openSignedIn()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    click('tr.row')
    await vi.waitFor(() => expect(text('#desk')).toContain('Trần Thị Bình'))
    expect($('#desk')?.hidden).toBe(false)
    const identity = text('#desk-identity')
    expect(identity).toContain('Nguồn danh tínhgiấy tờ (không có thẻ gắn chip)')
    expect(identity).toContain('Mã hồ sơ cấp CCCDHS-2026-000123')
    expect(identity).toContain('Giới tínhnữ')
    // The field that differed from the chip stands out.
    expect(text('#desk-identity .badge.warning')).toBe('ngày sinh')
    const eligibility = text('#desk-eligibility')
    expect(eligibility).toContain('Nghị định 69/2024/NĐ-CP, Điều 7')
    expect(eligibility).toContain('Tuổi14 tuổi')
    expect(eligibility).toContain('Mức 1được cấp')
    expect(eligibility).toContain('Mức 2cấp theo đề nghị')
    expect(eligibility).toContain('Trần Văn Cường · 079080000111 · cha')
    const integration = text('#desk-integration')
    expect(integration).toContain('Thẻ bảo hiểm y tếHS4797912345678')
    expect(integration).toContain('Đăng ký xe59X1-234.56')
    expect(integration).toContain('Giấy phép lái xe—')
    const consent = text('#desk-consent')
    expect(consent).toContain('Phiên bản thông báo2026-11')
    expect(consent).toContain('account, integration')
    expect(consent).toContain('ab'.repeat(32))
    expect(consent).toContain('Ngôn ngữTiếng Việt')

    click('#lang')
    await vi.waitFor(() => expect(text('#desk')).toContain('Identity sourcepapers (no chip card)'))
    expect(text('#desk-identity .badge.warning')).toBe('date of birth')
    expect(text('#desk-eligibility')).toContain('Level 2on request')
    expect(text('#desk-eligibility')).toContain('Trần Văn Cường · 079080000111 · father')
    expect(text('#desk-consent')).toContain('LanguageVietnamese')
  })

  it('shows the fingers in finger order as images, a placeholder, a failure, and the photos', async () => {
    await openSignedIn()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    click('tr.row')
    await vi.waitFor(() => expect(document.querySelectorAll('#fingers figure')).toHaveLength(4))
    const captions = [...document.querySelectorAll('#fingers figcaption')].map((c) => c.textContent)
    expect(captions).toEqual(['Ngón cái phải', 'Ngón áp út phải', 'Ngón trỏ trái', 'Ngón út trái'])
    const images = [...document.querySelectorAll<HTMLImageElement>('#fingers img')]
    expect(images.map((img) => img.alt)).toEqual(['Ngón cái phải', 'Ngón trỏ trái'])
    expect(images.every((img) => img.src.startsWith('blob:'))).toBe(true)
    expect(text('#fingers .error')).toMatch(
      /^Không hiển thị được vân tay này \(JP2 hỏng \/ bad JP2\)\. Đối chiếu các ngón còn lại/,
    )
    expect(text('#fingers .badge')).toBe('giữ chỗ')
    // Each finger is asked for with the token; the placeholder is never asked for.
    const fingerCalls = fake.current().calls.filter((c) => c.path.endsWith('/finger'))
    expect(fingerCalls).toHaveLength(3)
    expect(fingerCalls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true)
    await vi.waitFor(() => expect(document.querySelectorAll('#photos img')).toHaveLength(1))
    expect($('#photos')?.hidden).toBe(false)
    expect(text('#photos figcaption')).toBe('document/photo-1')
  })

  it('says so for an older file without the desk records, fingers or photos', async () => {
    await openSignedIn()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    document.querySelectorAll<HTMLElement>('tr.row')[1]?.click()
    await vi.waitFor(() => expect(text('#facts')).toContain(FILE_B))
    await vi.waitFor(() => expect(text('#desk')).toContain('Hồ sơ không có bản ghi đăng ký'))
    expect($('#desk-identity')).toBeNull()
    expect(text('#desk-consent')).toContain('chỉ ghi nhận “đã đồng ý”')
    await vi.waitFor(() => expect(text('#fingers')).toContain('Hồ sơ không có bản ghi vân tay.'))
    expect($('#photos')?.hidden).toBe(true)
  })
})
