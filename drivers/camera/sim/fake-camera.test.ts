import { mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fakeCameraScenarios, fakeCameraSwitches, fakeCameraVideo } from './fake-camera'

const cacheDir = mkdtempSync(join(tmpdir(), 'kiosk-fake-camera-test-'))
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }))

function header(path: string): string {
  const buffer = Buffer.alloc(80)
  const fd = openSync(path, 'r')
  readSync(fd, buffer, 0, 80, 0)
  return buffer.toString('latin1').split('\n')[0] ?? ''
}

describe('the fake camera videos', () => {
  it.each(fakeCameraScenarios)(
    '%s: a 640×480, 10 fps, 4:2:0 y4m with square pixels',
    (scenario) => {
      const path = fakeCameraVideo(scenario, { cacheDir })
      const line = header(path)
      expect(line).toMatch(/^YUV4MPEG2 /)
      expect(line).toContain(' W640 H480 ')
      expect(line).toContain(' F10:1 ')
      expect(line).toContain(' A1:1 ')
      expect(line).toMatch(/ C420/)
      // 10 frames of 640×480×1.5 bytes, plus the headers.
      expect(statSync(path).size).toBeGreaterThan(10 * 640 * 480 * 1.5)
    },
  )

  it('is built once: the same inputs give the same file, untouched', () => {
    const first = fakeCameraVideo('good', { cacheDir })
    const built = statSync(first).mtimeMs
    expect(fakeCameraVideo('good', { cacheDir })).toBe(first)
    expect(statSync(first).mtimeMs).toBe(built)
    expect(fakeCameraVideo('two-faces', { cacheDir })).not.toBe(first)
  })

  it('says plainly when ffmpeg is missing', () => {
    expect(() =>
      fakeCameraVideo('good', { cacheDir: join(cacheDir, 'other'), ffmpeg: '/nonexistent/ffmpeg' }),
    ).toThrow(/ffmpeg/)
  })

  it('gives Chromium the two switches', () => {
    expect(fakeCameraSwitches('/x/good.y4m')).toEqual([
      ['use-fake-device-for-media-stream'],
      ['use-file-for-fake-video-capture', '/x/good.y4m'],
    ])
  })
})
