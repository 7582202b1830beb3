import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { createNodeFaceEngine, encodePng } from '../../drivers/camera'
import * as still from '../../drivers/camera/test-support'
import { buildDg2, trainingFaceJpeg } from '../../drivers/smartcard'
import {
  checkPortrait,
  DEFAULT_PORTRAIT_SETTINGS,
  portraitParts,
} from '../../electron/core/portrait'
import type { PacketPartInput } from '../../protocol/packet'
import {
  buildFile,
  registerTerminal,
  sampleDg1,
  sampleInput,
  sampleSod,
  testTerminal,
  uploadFile,
} from '../../upstream/server/test-support'
import { startUpstream, type ListeningUpstream } from '../../upstream/server'
import {
  jsonPart,
  sampleConsentRecord,
  sampleDocumentPart,
  sampleEnrollmentRecord,
  sampleFingerParts,
} from '../../upstream/server/review/review-test-support'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchChromium } from './support/browser'

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const FILE_A = 'aaaaaaaa-0000-4000-8000-000000000001'
const FILE_B = 'aaaaaaaa-0000-4000-8000-000000000002'
const SENIOR = { id: 'lan', name: 'Phạm Thị Lan', password: 'Hoa sen trong đầm 2026' }
const REVIEWER = { id: 'hoa', name: 'Lê Văn Hòa', password: 'Đèn đỏ dừng lại 2026' }
let browser: Browser
let upstream: ListeningUpstream
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'review-page-'))
  // Training, so the simulated sample files may be approved; the reviewers still sign in.
  upstream = await startUpstream({ dataDir, port: 0, training: true })
  await upstream.reviewers.add({ ...SENIOR, role: 'senior' })
  await upstream.reviewers.add({ ...REVIEWER, role: 'reviewer' })
  const terminal = testTerminal()
  await registerTerminal(upstream, terminal)
  // FILE_A carries a real portrait (the fake camera's frame through the kiosk's re-check), the
  // training citizen's chip photo in DG2, ten finger records, a document photo and the desk's
  // enrollment and consent records; FILE_B is an older file: stand-in portrait, no records.
  const parts = [
    ...(await realPortraitFileParts(sampleInput(terminal, FILE_A).parts)).filter(
      (p) => p.kind !== 'finger' && p.kind !== 'consent',
    ),
    ...(await sampleFingerParts((i) => (i % 2 ? 'png' : 'jpeg2000-lossless'))),
    sampleDocumentPart('document/photo-1'),
    jsonPart('enrollment', 'enrollment', sampleEnrollmentRecord(['document/photo-1'])),
    jsonPart('consent', 'consent', sampleConsentRecord()),
  ]
  const files = [
    buildFile(upstream, terminal, FILE_A, { parts }),
    buildFile(upstream, terminal, FILE_B),
  ]
  for (const file of files) {
    const answer = await uploadFile(upstream, terminal, file)
    expect(answer.statusCode, answer.body).toBe(200)
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await upstream?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function realPortraitFileParts(
  fixture: readonly PacketPartInput[],
): Promise<PacketPartInput[]> {
  const face = trainingFaceJpeg(20_000)
  if (!face) throw new Error('resources/camera/training-citizen.jpg is missing from the checkout')
  const dg2 = buildDg2({ image: face.jpeg, width: face.width, height: face.height })
  const engine = await createNodeFaceEngine()
  const { accepted } = await checkPortrait(
    {
      engine: () => Promise.resolve(engine),
      settings: DEFAULT_PORTRAIT_SETTINGS,
      now: () => new Date(),
    },
    {
      input: {
        pngBase64: Buffer.from(encodePng(still.cameraFrame())).toString('base64'),
        capture: 'auto',
      },
      chipFace: face.jpeg,
      manualApproved: false,
    },
  )
  if (!accepted) throw new Error('the fake camera frame should pass the re-check')
  const sod = sampleSod(
    new Map([
      [1, sampleDg1()],
      [2, dg2],
    ]),
  )
  return [
    ...fixture.filter((p) => p.name !== 'portrait' && p.name !== 'chip/EF.SOD'),
    { name: 'chip/EF.SOD', kind: 'chip.sod', mediaType: 'application/octet-stream', data: sod },
    {
      name: 'chip/DG2',
      kind: 'chip.dg',
      mediaType: 'application/octet-stream',
      data: Buffer.from(dg2),
    },
    ...portraitParts(accepted),
  ]
}

/** Types the credentials into the sign-in form and submits it with Enter. */
async function signIn(page: Page, who: { id: string; password: string }) {
  await page.locator('#username').fill(who.id)
  await page.locator('#password').fill(who.password)
  await page.locator('#password').press('Enter')
}

describe('review page in Chromium', () => {
  it('signs in, refuses a wrong password, confirms before deciding, under its CSP, in both languages', async () => {
    // A touch screen as well as a keyboard: the confirm step is tapped.
    const page = await browser.newPage({ hasTouch: true })
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    // The built page runs no inline code: the CSP would refuse it.
    const reviewPage = new URL('/review/', upstream.url).href
    const html = await (await fetch(reviewPage)).text()
    expect(html).toContain('<script type="module" crossorigin src="/review/review.js">')
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i)
    await page.goto(reviewPage)
    await expect.poll(() => page.locator('#training').isVisible()).toBe(true)
    expect(await page.locator('h1').textContent()).toContain('Duyệt hồ sơ')
    // Only the sign-in form: no list, no Approve or Reject, no sign-out.
    expect(await page.locator('#login').isVisible()).toBe(true)
    for (const hidden of ['#main', '#approve', '#reject', '#sign-out', '#who', '#confirm'])
      expect(await page.locator(hidden).isVisible(), hidden).toBe(false)

    await signIn(page, { id: REVIEWER.id, password: 'sai mật khẩu' })
    await expect
      .poll(() => page.locator('#login-error').textContent())
      .toBe('Sai tên đăng nhập hoặc mật khẩu. Còn 4 lần thử trước khi tài khoản bị khóa 15 phút.')
    expect(await page.locator('#main').isVisible()).toBe(false)
    await page.screenshot({ path: join(ARTIFACTS, 'review-sign-in-wrong-password.png') })

    // A plain reviewer may not approve untrusted chip data: the refusal says why.
    await signIn(page, REVIEWER)
    await page.locator('tr.row').first().waitFor()
    expect(await page.locator('#who').textContent()).toBe('Lê Văn Hòa · người duyệt')
    await page.locator('tr.row').first().click()
    await expect.poll(() => page.locator('#facts').textContent()).toContain('Trần Thị Bình')
    await page.locator('#approve').click()
    await page.locator('#confirm-ok').tap()
    await expect
      .poll(() => page.locator('#error').textContent())
      .toBe('Dữ liệu chip chưa tin cậy: chỉ người duyệt cấp cao được duyệt.')
    await page.locator('#sign-out').click()
    await page.locator('#login').waitFor()
    expect(await page.locator('#main').isVisible()).toBe(false)

    await signIn(page, SENIOR)
    await page.locator('tr.row').first().waitFor()
    expect(await page.locator('#who').textContent()).toBe('Phạm Thị Lan · người duyệt cấp cao')
    expect(await page.locator('#login').isVisible()).toBe(false)
    expect(await page.locator('tr.row').count()).toBe(2)

    await page.locator('tr.row').first().click()
    await expect.poll(() => page.locator('#facts').textContent()).toContain('Trần Thị Bình')
    // This upstream holds no CSCA: the sample chip data is shown as untrusted, with the reason.
    expect(await page.locator('#facts .verdict-untrusted').textContent()).toBe('chưa tin cậy')
    expect(await page.locator('#facts').textContent()).toContain('No trusted CSCA')
    expect(await page.locator('tr.row .verdict-untrusted').count()).toBe(2)
    // Both faces side by side, decoded by the browser, with the kiosk's score and verdict.
    await expect.poll(() => page.locator('#faces').isVisible()).toBe(true)
    for (const id of ['#kiosk-face', '#chip-face']) {
      await expect
        .poll(() => page.locator(id).evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0)
    }
    const faces = (await page.locator('#faces').textContent()) ?? ''
    expect(faces).toMatch(/Kết luậnKhớp/)
    expect(faces).toMatch(/Điểm so khớp(0\.[5-9]\d|1\.00)Ngưỡng0\.50/)
    // What the officer established at the desk, and the ten fingers and the photo as images.
    expect(await page.locator('#desk-identity').textContent()).toContain('Trần Thị Bình')
    expect(await page.locator('#desk-eligibility').textContent()).toContain('Trần Văn Cường')
    expect(await page.locator('#desk-consent').textContent()).toContain('2026-11')
    await expect.poll(() => page.locator('#fingers img').count()).toBe(10)
    await expect.poll(() => page.locator('#photos img').count()).toBe(1)
    const decodedWidths = () =>
      page
        .locator('#fingers img, #photos img')
        .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth))
    await expect.poll(async () => (await decodedWidths()).every((w) => w > 0)).toBe(true)
    await page.screenshot({ path: join(ARTIFACTS, 'review-vi.png'), fullPage: true })
    // The confirm step names the citizen and the action; Esc cancels it and nothing is sent.
    await page.locator('#approve').click()
    await page.locator('#confirm').waitFor()
    expect(await page.locator('#confirm-title').textContent()).toBe(
      'Duyệt hồ sơ của Trần Thị Bình?',
    )
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-cancel')
    await page.screenshot({ path: join(ARTIFACTS, 'review-confirm-approve.png') })
    await page.keyboard.press('Escape')
    expect(await page.locator('#confirm').isVisible()).toBe(false)
    expect((await upstream.stats()).approved).toBe(0)
    await page.locator('#approve').click()
    await page.locator('#confirm-ok').tap()
    await expect.poll(() => page.locator('tr.row').count()).toBe(1)
    expect(await upstream.review.detail(FILE_A)).toMatchObject({
      state: 'approved',
      reviewer: SENIOR.id,
      reviewerName: SENIOR.name,
      reviewerRole: 'senior',
    })

    await page.locator('tr.row').first().click()
    // The older file: no desk records, and its stand-in finger bytes do not decode (a 422).
    await expect.poll(() => page.locator('#desk').textContent()).toContain('phiên bản cũ')
    await expect
      .poll(() => page.locator('#fingers .error').textContent())
      .toContain('Không hiển thị được vân tay này')
    await page.locator('#reject').click()
    expect(await page.locator('#error').textContent()).toContain('lý do')
    await page.locator('#reason').fill('Ảnh chân dung bị mờ')
    await page.locator('#reject').click()
    expect(await page.locator('#confirm-body').textContent()).toBe(
      'Lý do gửi cho công dân: Ảnh chân dung bị mờ',
    )
    // Keyboard: Tab from Cancel to the confirming button, Enter presses it.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-ok')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#list').textContent()).toContain('Không có hồ sơ')
    // The decision is shown with who made it.
    await page.locator('[data-tab="approved"]').click()
    await page.locator('tr.row').first().click()
    await expect
      .poll(() => page.locator('#facts').textContent())
      .toContain(`${SENIOR.name} (${SENIOR.id}) · người duyệt cấp cao`)

    await page.locator('#lang').click()
    expect(await page.locator('h1').textContent()).toContain('file review')
    await page.locator('[data-tab="outbox"]').click()
    await expect
      .poll(() => page.locator('#list').textContent())
      .toContain('has been approved. Please access the VNeID application')
    await page.screenshot({ path: join(ARTIFACTS, 'review-en.png'), fullPage: true })
    expect(await upstream.stats()).toEqual({ received: 2, approved: 1, rejected: 1, duplicates: 0 })
    // The failed loads: the wrong password (401), the plain reviewer's refused approval (403)
    // and FILE_B's undecodable finger (422), each said on the page.
    expect(problems).toEqual([
      'Failed to load resource: the server responded with a status of 401 (Unauthorized)',
      'Failed to load resource: the server responded with a status of 403 (Forbidden)',
      'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    ])
    await page.close()
  })
})
