import { createNodeFaceEngine, matchImages } from '../../../../drivers/camera'
import { bilingualMessage } from '../../../../lib/messages'
import { portraitSettingsOf } from '../../../core/portrait'
import { parseCommandArgs } from '../../args'
import { EXIT } from '../../exit-codes'
import { CliError, type CliIo } from '../../output'
import { loadCliConfig } from '../load-config'
import { loadImage } from './portrait-image'

/**
 * `kiosk portrait match IMAGE_A IMAGE_B [--json] [--threshold T]`: the similarity of the two main
 * faces, the threshold and the verdict. Exit 0 on a match, 1 otherwise.
 */
export async function portraitMatchCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    threshold: { type: 'string' },
  })
  const [pathA, pathB, ...extra] = positionals
  if (!pathA || !pathB || extra.length > 0)
    throw new CliError('cli.portrait.twoImages', {}, EXIT.USAGE)
  const { config } = loadCliConfig(argv, env)
  const threshold = thresholdOf(
    values.threshold,
    portraitSettingsOf(config.portrait).matchThreshold,
  )
  const [a, b] = await Promise.all([loadImage(pathA), loadImage(pathB)])
  const engine = await createNodeFaceEngine()
  const started = performance.now()
  const result = await matchImages(engine, a.frame, b.frame, threshold)
  const ms = Math.round(performance.now() - started)
  if (values.json) io.out(JSON.stringify({ ...result, ms }, null, 2))
  else
    io.out(
      bilingualMessage(`cli.portrait.match.${result.verdict}`, {
        score: result.score === null ? '—' : result.score.toFixed(2),
        threshold: threshold.toFixed(2),
      }),
    )
  return result.verdict === 'match' ? EXIT.OK : EXIT.FAILED
}

function thresholdOf(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new CliError('cli.portrait.badThreshold', { value: text }, EXIT.USAGE)
  }
  return value
}
