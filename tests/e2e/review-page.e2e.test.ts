import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import {
  buildFile,
  registerTerminal,
  testTerminal,
  uploadFile,
} from '../../upstream/server/test-support'
import { startUpstream, type ListeningUpstream } from '../../upstream/server'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchChromium } from './support/browser'

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const FILE_A = 'aaaaaaaa-0000-4000-8000-000000000001'
const FILE_B = 'aaaaaaaa-0000-4000-8000-000000000002'
let browser: Browser
let upstream: ListeningUpstream
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'review-page-'))
  upstream = await startUpstream({ dataDir, port: 0, training: true })
  const terminal = testTerminal()
  await registerTerminal(upstream, terminal)
  for (const id of [FILE_A, FILE_B])
    expect(
      (await uploadFile(upstream, terminal, buildFile(upstream, terminal, id))).statusCode,
    ).toBe(200)
  mkdirSync(ARTIFACTS, { recursive: true })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await upstream?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('review page in Chromium', () => {
  it('approves one file and rejects another with a reason, under its CSP, in both languages', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    // The built page runs no inline code: the CSP would refuse it.
    const html = await (await fetch(new URL('/review/', upstream.reviewUrl))).text()
    expect(html).toContain('<script type="module" crossorigin src="/review/review.js">')
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i)
    await page.goto(upstream.reviewUrl)
    // The token leaves the address bar once read.
    await expect.poll(() => page.url()).not.toContain('token=')
    await expect.poll(() => page.locator('#training').isVisible()).toBe(true)
    expect(await page.locator('h1').textContent()).toContain('Duyệt hồ sơ')
    await page.locator('tr.row').first().waitFor()
    // Signed in by the address: the sign-in form is gone.
    expect(await page.locator('#login').isVisible()).toBe(false)
    expect(await page.locator('tr.row').count()).toBe(2)

    await page.locator('tr.row').first().click()
    await expect.poll(() => page.locator('#facts').textContent()).toContain('NGUYEN VAN AN')
    // This upstream holds no CSCA: the sample chip data is shown as untrusted, with the reason.
    expect(await page.locator('#facts .verdict-untrusted').textContent()).toBe('chưa tin cậy')
    expect(await page.locator('#facts').textContent()).toContain('No trusted CSCA')
    expect(await page.locator('tr.row .verdict-untrusted').count()).toBe(2)
    // The fixture's portrait is not a 19794-5 record and it has no DG2: both faces show a note.
    await expect.poll(() => page.locator('#faces').isVisible()).toBe(true)
    await page.screenshot({ path: join(ARTIFACTS, 'review-vi.png'), fullPage: true })
    await page.locator('#approve').click()
    await expect.poll(() => page.locator('tr.row').count()).toBe(1)

    await page.locator('tr.row').first().click()
    await page.locator('#reject').click()
    expect(await page.locator('#error').textContent()).toContain('lý do')
    await page.locator('#reason').fill('Ảnh chân dung bị mờ')
    await page.locator('#reject').click()
    await expect.poll(() => page.locator('#list').textContent()).toContain('Không có hồ sơ')

    await page.locator('#lang').click()
    expect(await page.locator('h1').textContent()).toContain('file review')
    await page.locator('[data-tab="outbox"]').click()
    await expect
      .poll(() => page.locator('#list').textContent())
      .toContain('has been approved. Please access the VNeID application')
    await page.screenshot({ path: join(ARTIFACTS, 'review-en.png'), fullPage: true })
    expect(upstream.stats()).toEqual({ received: 2, approved: 1, rejected: 1, duplicates: 0 })
    expect(problems).toEqual([])
    await page.close()
  })
})
