// `kiosk doctor --self-test` on the simulators: the virtual CCCD, the EF01 module simulator on an
// in-process UART and the fake camera's fixture video; failures through injected checks.
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { bilingualMessage } from '../../../lib/messages'
import { tempKioskConfig } from '../../core/test-support'
import { EXIT } from '../exit-codes'
import { runKioskBin } from '../run-bin'
import { pngSize, y4mFrameSize, type DeviceCheck } from './doctor-self-test-devices'
import {
  formatSelfTest,
  runSelfTest,
  selfTestExitCode,
  selfTestJson,
  type SelfTestChecks,
} from './doctor-self-test'

const temp = tempKioskConfig()
afterAll(() => temp.cleanup())

const passing = (figure: string) => () => Promise.resolve<DeviceCheck>({ ok: true, figure })

describe('the self-test on simulated devices', () => {
  it('reads the ATR and SELECTs the eMRTD application, handshakes the EF01, gets a frame', async () => {
    const lines = await runSelfTest('simulated')
    expect(lines.map((l) => [l.device, l.source, l.check.ok])).toEqual([
      ['cardReader', 'simulated', true],
      ['fingerprint', 'simulated', true],
      ['camera', 'simulated', true],
    ])
    const [card, fingerprint, camera] = lines.map((l) => l.check.figure)
    // A contactless ATR (3B 8n 80 01 …) and the status word of the SELECT.
    expect(card).toMatch(/ATR 3B8[0-9A-F]8001[0-9A-F]+, SELECT eMRTD SW 9000$/)
    expect(fingerprint).toBe('EF01 simulator: handshake @ 57600 Bd')
    expect(camera).toMatch(/\.y4m: 640×480$/)
    expect(selfTestExitCode(lines)).toBe(EXIT.OK)
  }, 30_000)

  it('`kiosk doctor --self-test --json` exits 0 with every device passed', async () => {
    const result = await runKioskBin([
      'doctor',
      '--self-test',
      '--json',
      '--devices',
      'simulated',
      '--data-dir',
      temp.config.dataDir,
    ])
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as { ok: boolean; selfTest: { ok: boolean }[] }
    expect(report.ok).toBe(true)
    expect(report.selfTest.map((l) => l.ok)).toEqual([true, true, true])
  }, 60_000)
})

describe('a failing device', () => {
  const checks: SelfTestChecks = {
    cardReader: () =>
      Promise.resolve({
        ok: false,
        figure: 'Reader 0: ATR 3B00, SELECT eMRTD SW 6A82',
        problem: 'SW 6A82',
        todo: { messageKey: 'doctor.selfTest.todo.cardSelect', params: { sw: '6A82' } },
      }),
    fingerprint: () => Promise.reject(new Error('port vanished')),
    camera: passing('/dev/video0: 1280×720'),
  }

  it('prints what failed and what to do, in Vietnamese then English, and exits NO_DEVICE', async () => {
    const lines = await runSelfTest('real', checks)
    const text = formatSelfTest(lines)
    expect(text).toContain('[LỖI / FAIL] Đầu đọc thẻ / Card reader (real): Reader 0: ATR 3B00')
    expect(text).toContain(
      `→ ${bilingualMessage('doctor.selfTest.todo.cardSelect', { sw: '6A82' })}`,
    )
    // A check that throws fails its own device, with that device's advice; the others still run.
    expect(text).toContain('port vanished')
    expect(text).toContain(`→ ${bilingualMessage('doctor.selfTest.todo.fingerprint')}`)
    expect(text).toContain('[ĐẠT / PASS] Camera / Camera (real): /dev/video0: 1280×720')
    expect(text).toContain(bilingualMessage('doctor.selfTest.cameraNote'))
    expect(selfTestExitCode(lines)).toBe(EXIT.NO_DEVICE)
    const json = JSON.parse(selfTestJson(lines)) as { ok: boolean; selfTest: { todo?: string }[] }
    expect(json.ok).toBe(false)
    expect(json.selfTest[0]?.todo).toContain('SW 6A82')
  })

  it('auto mode tests the hardware, not the simulators', async () => {
    const seen: string[] = []
    const record = (source: string) => {
      seen.push(source)
      return Promise.resolve<DeviceCheck>({ ok: true, figure: 'x' })
    }
    await runSelfTest('auto', { cardReader: record, fingerprint: record, camera: record })
    expect(seen).toEqual(['real', 'real', 'real'])
  })
})

function y4m(width: number, height: number, frameBytes: number): Uint8Array {
  const header = new TextEncoder().encode(`YUV4MPEG2 W${width} H${height} F10:1 C420jpeg\nFRAME\n`)
  const out = new Uint8Array(header.length + frameBytes)
  out.set(header)
  return out
}

describe('frame size parsers', () => {
  it('y4m: the header size once a whole 4:2:0 frame follows, null when it is cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), (w, h) => {
        const whole = (w * h * 3) / 2
        expect(y4mFrameSize(y4m(w, h, Math.ceil(whole)))).toEqual({ width: w, height: h })
        expect(y4mFrameSize(y4m(w, h, Math.ceil(whole) - 1))).toBeNull()
      }),
    )
  })

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(() => y4mFrameSize(bytes)).not.toThrow()
        expect(() => pngSize(bytes)).not.toThrow()
      }),
    )
  })

  it('png: the IHDR width and height; null without the signature', () => {
    const png = Uint8Array.from([
      ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      ...[0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
      ...[0, 0, 0x05, 0x00, 0, 0, 0x02, 0xd0],
    ])
    expect(pngSize(png)).toEqual({ width: 1280, height: 720 })
    expect(pngSize(png.map((b, i) => (i === 1 ? 0 : b)))).toBeNull()
  })
})
