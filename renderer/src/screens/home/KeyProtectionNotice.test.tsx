import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { KeyProtectionInfo } from '../../../../electron/contract'
import { renderTranslated } from '../../test-support'
import { KeyProtectionNotice } from './KeyProtectionNotice'

afterEach(cleanup)

const notice = () => screen.getByTestId('key-protection')
const noteReasons = () =>
  Array.from(screen.queryByTestId('key-protection-notes')?.querySelectorAll('li') ?? []).map((li) =>
    li.getAttribute('data-reason'),
  )

describe('KeyProtectionNotice', () => {
  it('shows nothing when the core does not say (an older core)', async () => {
    const { container } = await renderTranslated(<KeyProtectionNotice protection={undefined} />)
    expect(container.innerHTML).toBe('')
  })

  it.each([
    ['tpm', 'Niêm phong bằng TPM 2.0 của máy'],
    ['safe-storage', 'Kho khoá của hệ điều hành (safeStorage)'],
    ['passphrase', 'Bọc bằng cụm mật khẩu (scrypt, AES-256-GCM)'],
  ])('names the %s protector, calmly, when nothing was passed over', async (kind, text) => {
    await renderTranslated(<KeyProtectionNotice protection={{ kind, notes: [] }} />)
    expect(notice().textContent).toBe(`Bảo vệ khoá trạm: ${text}`)
    expect(notice().className).toContain('notice-ok')
    expect(screen.queryByTestId('key-protection-notes')).toBeNull()
  })

  it('calls out keys in clear in training, with what to do before live use', async () => {
    await renderTranslated(
      <KeyProtectionNotice protection={{ kind: 'plain-training', notes: [] }} />,
    )
    expect(notice().className).toContain('notice-warning')
    expect(notice().textContent).toContain('KHÔNG mã hoá — chỉ dùng cho đào tạo')
    expect(screen.getByTestId('key-protection-plain').textContent).toContain(
      'Trước khi dùng thật, hãy bật TPM',
    )
  })

  it('says why safeStorage was refused (basic_text) and what to do, in English too', async () => {
    const protection: KeyProtectionInfo = {
      kind: 'passphrase',
      notes: [{ reason: 'weakSafeStorage', params: { backend: 'basic_text' } }],
    }
    await renderTranslated(<KeyProtectionNotice protection={protection} />, 'en')
    expect(notice().className).toContain('notice-warning')
    expect(noteReasons()).toEqual(['weakSafeStorage'])
    expect(notice().textContent).toContain('Why a stronger protection is not used:')
    expect(notice().textContent).toContain(
      'The operating system\'s key store uses the "basic_text" backend, which does not protect the station keys.',
    )
    expect(notice().textContent).toContain('Install and unlock a keyring')
  })

  it('warns when the config let a weak safeStorage backend through', async () => {
    const protection: KeyProtectionInfo = {
      kind: 'safe-storage',
      notes: [{ reason: 'weakSafeStorageAllowed', params: { backend: 'basic_text' } }],
    }
    await renderTranslated(<KeyProtectionNotice protection={protection} />)
    expect(noteReasons()).toEqual(['weakSafeStorageAllowed'])
    expect(notice().textContent).toContain('keys.allowWeakSafeStorage')
    expect(notice().textContent).toContain('"basic_text"')
  })

  it('lists every passed-over protector (a TPM without tools, then the keyring)', async () => {
    const protection: KeyProtectionInfo = {
      kind: 'plain-training',
      notes: [
        { reason: 'tpmToolsMissing', params: {} },
        { reason: 'weakSafeStorage', params: { backend: 'unknown' } },
      ],
    }
    await renderTranslated(<KeyProtectionNotice protection={protection} />)
    expect(noteReasons()).toEqual(['tpmToolsMissing', 'weakSafeStorage'])
    expect(notice().textContent).toContain('chưa cài tpm2-tools')
  })
})
