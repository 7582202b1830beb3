// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { $, click, FILE_A, key, openSignedIn, text, useFakeUpstream } from './page-test-support'

const fake = useFakeUpstream()
const posts = () =>
  fake.current().calls.filter((c) => c.method === 'POST' && c.path.includes('/files/'))

async function openFileA() {
  await openSignedIn()
  await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
  click('tr.row')
  await vi.waitFor(() => expect(text('#facts')).toContain('NGUYEN VAN AN'))
}

describe('review page confirm step', () => {
  it('names the citizen and the action before approving; Esc cancels, nothing is sent', async () => {
    await openFileA()
    expect($('#confirm')?.hidden).toBe(true)
    // As a click or a tap focuses the button in a browser.
    $('#approve')?.focus()
    click('#approve')
    expect($('#confirm')?.hidden).toBe(false)
    expect($('#confirm')?.getAttribute('role')).toBe('dialog')
    expect($('#confirm')?.getAttribute('aria-modal')).toBe('true')
    expect(text('#confirm-title')).toBe('Duyệt hồ sơ của NGUYEN VAN AN?')
    expect(text('#confirm-body')).toContain('Không thể hoàn tác')
    expect(text('#confirm-ok')).toBe('Duyệt hồ sơ')
    expect(text('#confirm-cancel')).toBe('Hủy')
    // Focus starts on Cancel and Tab keeps it inside the dialog.
    expect(document.activeElement?.id).toBe('confirm-cancel')
    key('Tab')
    expect(document.activeElement?.id).toBe('confirm-ok')
    key('Tab')
    expect(document.activeElement?.id).toBe('confirm-cancel')
    key('Escape')
    expect($('#confirm')?.hidden).toBe(true)
    expect(document.activeElement?.id).toBe('approve')
    expect(posts()).toEqual([])
  })

  it('cancels with the button, then approves once confirmed', async () => {
    await openFileA()
    click('#approve')
    click('#confirm-cancel')
    expect($('#confirm')?.hidden).toBe(true)
    expect(posts()).toEqual([])
    click('#approve')
    click('#confirm-ok')
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(1))
    expect(posts()).toEqual([
      expect.objectContaining({ path: `/review/api/files/${FILE_A}/approve`, body: {} }),
    ])
    expect($('#confirm')?.hidden).toBe(true)
  })

  it('words the dialog in English when the page is in English', async () => {
    await openFileA()
    click('#lang')
    await vi.waitFor(() => expect(text('#facts')).toContain('Decided by'))
    click('#approve')
    expect(text('#confirm-title')).toBe('Approve the file of NGUYEN VAN AN?')
    expect(text('#confirm-ok')).toBe('Approve file')
    key('Escape')
  })
})
