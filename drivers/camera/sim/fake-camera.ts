import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CatalogueError, messageRef } from '../../../lib/messages'

/**
 * Chromium's fake capture device plays a .y4m file in a loop. These scenarios are made from the
 * two public-domain portraits in resources/camera/ (see resources/README.md) by ffmpeg, 640×480,
 * yuv420p, 10 fps, 1 s; the .y4m files (4.6 MB each) are never committed: they are built once
 * into a cache directory, named by the sha256 of their inputs and filter.
 */
export const fakeCameraScenarios = ['good', 'no-face', 'two-faces'] as const
export type FakeCameraScenario = (typeof fakeCameraScenarios)[number]

const RESOURCES = join(import.meta.dirname, '..', '..', '..', 'resources', 'camera')
const BACKGROUND = '0xE4E7EA'
/** What every scenario ends with (../shared/research/feasibility.md §6). */
const OUTPUT = 'setsar=1,format=yuv420p'

interface Recipe {
  readonly inputs: readonly string[]
  readonly filter: string
}

/** The ffmpeg inputs and filter graph of each scenario. */
export function recipeFor(scenario: FakeCameraScenario, resources = RESOURCES): Recipe {
  const citizen = join(resources, 'training-citizen.jpg')
  const second = join(resources, 'second-person.png')
  switch (scenario) {
    case 'good':
      // The 512×600 portrait at 1.25× (640×750), cut to 640×480 around the face.
      return {
        inputs: ['-loop', '1', '-i', citizen],
        filter: `[0]scale=640:750,crop=640:480:0:40,${OUTPUT}[v]`,
      }
    case 'no-face':
      return {
        inputs: ['-f', 'lavfi', '-i', `color=c=${BACKGROUND}:s=640x480:r=10`],
        filter: `[0]drawbox=x=420:y=60:w=160:h=300:color=0xB8C0C8:t=fill,${OUTPUT}[v]`,
      }
    case 'two-faces':
      return {
        inputs: ['-loop', '1', '-i', citizen, '-loop', '1', '-i', second],
        filter:
          `[0]scale=-2:420[a];[1]scale=-2:420[b];[a][b]hstack=inputs=2,scale=640:-2,` +
          `pad=640:480:(ow-iw)/2:(oh-ih)/2:color=${BACKGROUND},${OUTPUT}[v]`,
      }
  }
}

function hashOf(recipe: Recipe): string {
  const hash = createHash('sha256').update(recipe.filter)
  for (const arg of recipe.inputs) {
    hash.update('\0').update(arg)
    if (existsSync(arg)) hash.update(readFileSync(arg))
  }
  return hash.digest('hex').slice(0, 32)
}

export interface FakeCameraOptions {
  /** Where built .y4m files are kept (default: the system temp dir's kiosk-fake-camera/). */
  readonly cacheDir?: string
  readonly ffmpeg?: string
  readonly resources?: string
}

/** The path of the scenario's .y4m, built with ffmpeg the first time (about 0.3 s). */
export function fakeCameraVideo(
  scenario: FakeCameraScenario,
  options: FakeCameraOptions = {},
): string {
  const recipe = recipeFor(scenario, options.resources)
  const dir = options.cacheDir ?? join(tmpdir(), 'kiosk-fake-camera')
  const target = join(dir, `${scenario}-${hashOf(recipe)}.y4m`)
  if (existsSync(target)) return target
  mkdirSync(dir, { recursive: true })
  const partial = `${target}.${process.pid}.part.y4m`
  const args = ['-v', 'error', '-y', ...recipe.inputs, '-filter_complex', recipe.filter]
  try {
    execFileSync(
      options.ffmpeg ?? 'ffmpeg',
      [...args, '-map', '[v]', '-t', '1', '-r', '10', partial],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    )
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new CatalogueError(
      messageRef(
        missing ? 'messages.portrait.ffmpegMissing' : 'messages.portrait.fakeCameraFailed',
      ),
      String((error as { stderr?: Buffer }).stderr ?? error),
      { cause: error },
    )
  }
  renameSync(partial, target)
  return target
}

/** Chromium's switches (without the leading --) that play `y4m` as the only camera. */
export function fakeCameraSwitches(y4m: string): [name: string, value?: string][] {
  return [['use-fake-device-for-media-stream'], ['use-file-for-fake-video-capture', y4m]]
}
