import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * `npm run lint` enforces the one-way dependencies of ../shared/DESIGN.md. Each case plants one
 * violation as a file that does not exist on disk (ESLint lints the text as if it sat at that path,
 * resolving its imports against the real tree) and checks that the right rule reports it; the
 * allowed imports beside them must pass, so a rule that fires everywhere fails too.
 */
const root = join(import.meta.dirname, '..', '..')
const eslint = new ESLint({ cwd: root })

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) })
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`)
}

const use = (name: string) => `\nexport const used = ${name}\n`

const violations: [string, string, string, string][] = [
  [
    'the renderer imports the core',
    'renderer/src/planted.ts',
    `import { createCore } from '../../electron/core'`,
    'createCore',
  ],
  [
    'the contract imports the core',
    'electron/contract/planted.ts',
    `import { createCore } from '../core'`,
    'createCore',
  ],
  [
    'the core imports the upstream',
    'electron/core/planted.ts',
    `import { openUpstream } from '../../upstream/server'`,
    'openUpstream',
  ],
  [
    'the core reaches into a driver',
    'electron/core/planted.ts',
    `import { loadTrustStore } from '../../drivers/smartcard/pki/trust-store'`,
    'loadTrustStore',
  ],
  [
    'a driver imports another driver',
    'drivers/fingerprint/planted.ts',
    `import { readDocument } from '../smartcard'`,
    'readDocument',
  ],
  [
    'a driver imports the kiosk',
    'drivers/smartcard/planted.ts',
    `import { createCore } from '../../electron/core'`,
    'createCore',
  ],
  [
    'the upstream imports the kiosk',
    'upstream/server/planted.ts',
    `import { createCore } from '../../electron/core'`,
    'createCore',
  ],
  [
    'the upstream reaches into a driver',
    'upstream/server/planted.ts',
    `import { loadTrustStore } from '../../drivers/smartcard/pki/trust-store'`,
    'loadTrustStore',
  ],
  [
    'protocol imports the core',
    'protocol/planted.ts',
    `import { createCore } from '../electron/core'`,
    'createCore',
  ],
  [
    'the contract imports lib beyond lib/schema.ts',
    'electron/contract/planted.ts',
    `import { hex } from '../../lib/bytes'`,
    'hex',
  ],
  [
    'lib imports a driver',
    'lib/planted.ts',
    `import { readDocument } from '../drivers/smartcard'`,
    'readDocument',
  ],
]

describe('dependency rules in npm run lint', () => {
  it.each(violations)('reports %s', async (_, file, importLine, name) => {
    expect(await ruleIdsFor(file, importLine + use(name))).toContain('import-x/no-restricted-paths')
  })

  it.each([
    [
      'the core uses a driver through its index',
      'electron/core/planted.ts',
      `import { readDocument } from '../../drivers/smartcard'`,
      'readDocument',
    ],
    [
      'the core uses protocol and lib',
      'electron/core/planted.ts',
      `import { openPacket } from '../../protocol'\nimport { openDatabase } from '../../lib/sqlite'`,
      '[openPacket, openDatabase]',
    ],
    [
      'the upstream uses a driver through its index',
      'upstream/server/planted.ts',
      `import { readDocument } from '../../drivers/smartcard'`,
      'readDocument',
    ],
    [
      'a shell starts the training upstream',
      'electron/cli/planted.ts',
      `import { startTrainingUpstreamFor } from '../../upstream/training'`,
      'startTrainingUpstreamFor',
    ],
    [
      'the renderer uses the contract',
      'renderer/src/planted.ts',
      `import { errorCodes } from '../../electron/contract'`,
      'errorCodes',
    ],
    [
      'the contract uses the safe zod parse',
      'electron/contract/planted.ts',
      `import { safeParse } from '../../lib/schema'`,
      'safeParse',
    ],
  ])('allows %s', async (_, file, importLine, name) => {
    expect(await ruleIdsFor(file, importLine + use(name))).toEqual([])
  })

  it('reports electron imported outside electron/main and electron/preload', async () => {
    const electronModule = 'electron' // spelled apart so the text scan of process-boundaries skips it
    const code = `import { app } from '${electronModule}'` + use('app')
    expect(await ruleIdsFor('electron/core/planted.ts', code)).toContain('no-restricted-imports')
    expect(await ruleIdsFor('electron/main/planted.ts', code)).toEqual([])
  })

  describe('zod schemas are checked only through lib/schema.ts', () => {
    const zodImport = `import { z } from 'zod'\nconst schema = z.object({ id: z.string().min(1) })\n`
    it.each([
      ['safeParse in the core', 'electron/core/planted.ts', 'schema.safeParse({})'],
      ['parse in the upstream', 'upstream/server/planted.ts', 'schema.parse({})'],
      ['parseAsync in a driver', 'drivers/fingerprint/planted.ts', 'schema.parseAsync({})'],
      ['safeParseAsync in protocol', 'protocol/planted.ts', 'schema.safeParseAsync({})'],
      ['z.safeParse in the renderer', 'renderer/src/planted.ts', 'z.safeParse(schema, {})'],
      ['safeParse in a test', 'lib/planted.test.ts', 'schema.safeParse({})'],
    ])('reports %s', async (_, file, call) => {
      expect(await ruleIdsFor(file, zodImport + use(call))).toContain('no-restricted-syntax')
    })

    it.each([
      [
        'the wrapper in the core',
        'electron/core/planted.ts',
        `import { safeParse } from '../../lib/schema'\n`,
        'safeParse(schema, {})',
      ],
      [
        'the wrapper in the renderer, through the contract',
        'renderer/src/planted.ts',
        `import { safeParse } from '../../electron/contract'\n`,
        'safeParse(schema, {})',
      ],
      [
        'JSON.parse and Date.parse',
        'lib/planted.ts',
        '',
        '[JSON.parse("1"), Date.parse(""), schema]',
      ],
      ['zod inside the wrapper itself', 'lib/schema.ts', '', 'schema.safeParse({})'],
    ])('allows %s', async (_, file, importLine, call) => {
      expect(await ruleIdsFor(file, importLine + zodImport + use(call))).toEqual([])
    })
  })

  it('reports files over 400 lines and functions over 80, in source but not in tests', async () => {
    const longFunction = `export function long(): number {\n  let n = 0\n${'  n += 1\n'.repeat(80)}  return n\n}\n`
    const longFile = `export const lines = [\n${'  0,\n'.repeat(400)}]\n`
    expect(await ruleIdsFor('lib/planted.ts', longFunction)).toEqual(['max-lines-per-function'])
    expect(await ruleIdsFor('lib/planted.ts', longFile)).toEqual(['max-lines'])
    expect(await ruleIdsFor('lib/planted.test.ts', longFunction + longFile)).toEqual([])
  })

  describe('import cycles', () => {
    // A cycle needs two files that exist; they live in a throw-away folder inside lib/.
    const dir = mkdtempSync(join(root, 'lib', '.planted-cycle-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('are reported', async () => {
      writeFileSync(
        join(dir, 'a.ts'),
        `import { b } from './b'\nexport const a = (): number => b() + 1\n`,
      )
      writeFileSync(
        join(dir, 'b.ts'),
        `import { a } from './a'\nexport const b = (): number => a() - 1\n`,
      )
      const code = `import { b } from './b'\nexport const a = (): number => b() + 1\n`
      expect(await ruleIdsFor(relative(root, join(dir, 'a.ts')), code)).toContain(
        'import-x/no-cycle',
      )
    })
  })
})
