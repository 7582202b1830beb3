import { writeFile } from 'node:fs/promises'
import {
  assessPortrait,
  createNodeFaceEngine,
  encodeToken,
  makeTokenImage,
  type ComponentResult,
  type PortraitAssessment,
} from '../../../../drivers/camera'
import { bilingualMessage } from '../../../../lib/messages'
import { parseCommandArgs } from '../../args'
import { EXIT } from '../../exit-codes'
import { CliError, type CliIo } from '../../output'
import { loadCliConfig } from '../load-config'
import { portraitSettingsOf } from '../../../core/portrait'
import { loadImage } from './portrait-image'

/**
 * `kiosk portrait check IMAGE [--json] [--token OUT.jpg]`: every ISO/IEC 29794-5 component of the
 * image with its value and verdict, on the kiosk's analysis and the station's limits. Exit 0 when
 * the portrait is acceptable, 1 when it is not.
 */
export async function portraitCheckCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    token: { type: 'string' },
  })
  const [path, ...extra] = positionals
  if (!path || extra.length > 0) throw new CliError('cli.portrait.oneImage', {}, EXIT.USAGE)
  const { config } = loadCliConfig(argv, env)
  const { frame, jpegQuality } = await loadImage(path)
  const engine = await createNodeFaceEngine()
  const assessment = assessPortrait(frame, await engine.observe(frame, 'full'), {
    limits: portraitSettingsOf(config.portrait).limits,
    jpegQuality,
  })
  if (values.token !== undefined) await writeToken(values.token, frame, assessment)
  if (values.json) io.out(JSON.stringify(assessment, null, 2))
  else printAssessment(io, assessment)
  return assessment.acceptable ? EXIT.OK : EXIT.FAILED
}

async function writeToken(
  out: string,
  frame: Parameters<typeof makeTokenImage>[0],
  assessment: PortraitAssessment,
): Promise<void> {
  if (!assessment.eyes) throw new CliError('cli.portrait.noFaceForToken', {}, EXIT.FAILED)
  const token = makeTokenImage(frame, assessment.eyes)
  await writeFile(out, await encodeToken(token, { format: 'jpeg' }))
}

function printAssessment(io: CliIo, a: PortraitAssessment): void {
  io.out(
    bilingualMessage('cli.portrait.summary', {
      width: a.width,
      height: a.height,
      faces: a.faceCount,
    }),
  )
  for (const c of a.components) io.out(componentLine(c))
  io.out(
    a.acceptable
      ? bilingualMessage('cli.portrait.acceptable')
      : bilingualMessage('cli.portrait.notAcceptable', { failing: a.failing.join(', ') }),
  )
}

function componentLine(c: ComponentResult): string {
  const verdict = !c.measured
    ? 'not measured'
    : c.passed === null
      ? '—'
      : c.passed
        ? 'pass'
        : 'FAIL'
  const raw = c.raw === null ? '—' : formatRaw(c.raw)
  const scalar = c.scalar === null ? '—' : String(c.scalar)
  return `${c.name.padEnd(26)} ${raw.padStart(9)} ${scalar.padStart(4)}  ${limitText(c).padEnd(14)} ${verdict}${c.gating ? '' : ' (advice)'}`
}

function formatRaw(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(3)
}

function limitText(c: ComponentResult): string {
  const { limit } = c
  const subject = `${limit.absolute ? '|' : ''}${limit.on}${limit.absolute ? '|' : ''}`
  const parts = [
    limit.atLeast !== null ? `≥ ${limit.atLeast}` : null,
    limit.atMost !== null ? `≤ ${limit.atMost}` : null,
  ].filter((part) => part !== null)
  return `${subject} ${parts.join(' ')}`
}
