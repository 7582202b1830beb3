import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../main'
import { EXIT } from '../exit-codes'
import type { CliIo } from '../output'
import { loadScenarios, scenarioFolder } from '../../core/training'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

async function enroll(scenario: string, ...flags: string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-enroll-'))
  dirs.push(dataDir)
  const io = captureIo()
  const code = await runCli(['enroll', '--scenario', scenario, '--data-dir', dataDir, ...flags], {
    io,
    env: {},
  })
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') }
}

const folder = scenarioFolder() ?? ''

describe('kiosk enroll --scenario', () => {
  it('ships a valid scenario for every case the issue names', () => {
    expect(loadScenarios(folder).map((s) => s.name)).toEqual([
      'adult',
      'child-6-13',
      'child-under-6',
      'foreigner',
      'missing-finger',
      'no-chip',
      'wrong-can',
    ])
  })

  it('ends a child under 6 with the refusal and its reason, no file', async () => {
    const result = await enroll(join(folder, 'child-under-6.json'), '--json')
    expect(result.code, result.stderr).toBe(EXIT.OK)
    const run = JSON.parse(result.stdout) as {
      outcome: string
      fileId: string | null
      refusal: { key: string }
      timeline: { action: string; ok: boolean }[]
    }
    expect(run).toMatchObject({ outcome: 'refused', fileId: null, asExpected: true })
    expect(run.refusal.key).toBe('rules.eligibility.citizen-under-6')
    expect(run.timeline.map((e) => e.action)).toContain('intent:eligibility.confirm')
    expect(run.timeline.some((e) => e.action === 'portrait.check')).toBe(false)
  })

  it('says which field of a broken scenario is wrong, with the usage exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-scenario-'))
    dirs.push(dir)
    const path = join(dir, 'broken.json')
    writeFileSync(path, JSON.stringify({ name: 'broken', title: { vi: 'x', en: 'x' } }))
    const result = await enroll(path)
    expect(result.code).toBe(EXIT.USAGE)
    expect(result.stderr).toMatch(/officer/)
  })

  it('fails when the outcome is not the one the scenario expects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-scenario-'))
    dirs.push(dir)
    const path = join(dir, 'expects-a-file.json')
    const under6 = loadScenarios(folder).find((s) => s.name === 'child-under-6')!
    writeFileSync(path, JSON.stringify({ ...under6, expect: { outcome: 'submitted' } }))
    const result = await enroll(path)
    expect(result.code).toBe(EXIT.FAILED)
    expect(result.stderr).toMatch(/expects/)
  })
})
