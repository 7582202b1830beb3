import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeImage, encodePng } from '../../../../drivers/camera'
import * as still from '../../../../drivers/camera/test-support'
import { EXIT } from '../../exit-codes'
import { runKioskBin } from '../../run-bin'

const dir = mkdtempSync(join(tmpdir(), 'kiosk-portrait-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const dataDir = ['--data-dir', join(dir, 'data')]
const RESOURCES = join(import.meta.dirname, '..', '..', '..', '..', 'resources', 'camera')
const TRAINING = join(RESOURCES, 'training-citizen.jpg')
const OTHER = join(RESOURCES, 'second-person.png')

function writePng(name: string, frame: Parameters<typeof encodePng>[0]): string {
  const path = join(dir, name)
  writeFileSync(path, encodePng(frame))
  return path
}

describe('kiosk portrait', { timeout: 60_000 }, () => {
  it('check: exit 0 on a good portrait, every component in the JSON, and a token image', async () => {
    const good = writePng('good.png', still.scaled(still.readStill('training-citizen.jpg'), 1.25))
    const token = join(dir, 'token.jpg')
    const result = await runKioskBin([
      'portrait',
      'check',
      good,
      '--json',
      '--token',
      token,
      ...dataDir,
    ])
    expect(result.code, result.stderr).toBe(EXIT.OK)
    const assessment = JSON.parse(result.stdout) as {
      acceptable: boolean
      components: { name: string }[]
    }
    expect(assessment.acceptable).toBe(true)
    expect(assessment.components).toHaveLength(27)
    const tokenFrame = await decodeImage(readFileSync(token))
    expect([tokenFrame.width, tokenFrame.height]).toEqual([480, 640])
  })

  it('check: exit 1 and the failing component named when the portrait is not acceptable', async () => {
    // The photo as published: eyes 88 px apart, under the 90 px limit.
    const result = await runKioskBin(['portrait', 'check', TRAINING, ...dataDir])
    expect(result.code, result.stderr).toBe(EXIT.FAILED)
    expect(result.stdout).toContain('InterEyeDistance')
    expect(result.stdout).toContain('The portrait is not acceptable')
    expect(result.stdout).toContain('Ảnh chân dung chưa đạt')
  })

  it('check: a missing file exits 7 and a corrupt one exits 1, each with a bilingual line', async () => {
    const missing = await runKioskBin(['portrait', 'check', join(dir, 'nope.jpg'), ...dataDir])
    expect(missing.code).toBe(EXIT.NOT_FOUND)
    expect(missing.stderr).toContain('Không đọc được tệp ảnh')
    const corrupt = join(dir, 'corrupt.jpg')
    writeFileSync(corrupt, readFileSync(TRAINING).subarray(0, 500))
    const bad = await runKioskBin(['portrait', 'check', corrupt, ...dataDir])
    expect(bad.code).toBe(EXIT.FAILED)
    expect(bad.stderr).toContain('is not a readable JPEG, PNG or JPEG 2000 image')
  })

  it('match: the same photo matches, another person does not, and the threshold is reported', async () => {
    const good = writePng(
      'match-good.png',
      still.scaled(still.readStill('training-citizen.jpg'), 1.25),
    )
    const same = await runKioskBin(['portrait', 'match', good, TRAINING, '--json', ...dataDir])
    expect(same.code, same.stderr).toBe(EXIT.OK)
    expect(JSON.parse(same.stdout)).toMatchObject({ verdict: 'match', threshold: 0.5 })
    const other = await runKioskBin([
      'portrait',
      'match',
      good,
      OTHER,
      '--threshold',
      '0.6',
      ...dataDir,
    ])
    expect(other.code).toBe(EXIT.FAILED)
    expect(other.stdout).toContain('< threshold 0.60')
  })

  it('match: one image is a usage error', async () => {
    const result = await runKioskBin(['portrait', 'match', TRAINING, ...dataDir])
    expect(result.code).toBe(EXIT.USAGE)
  })
})
