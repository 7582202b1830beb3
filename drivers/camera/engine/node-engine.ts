import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { FaceEngine, HumanInstance } from './face-engine'
import { humanConfig } from './human-config'
import { observeWith } from './observe-with'
import { registerFileLoader } from './node-model-loader'

const require = createRequire(import.meta.url)

interface HumanModule {
  Human: new (config: Record<string, unknown>) => HumanInstance
}

/** Folders of human's weights and tfjs' .wasm files inside node_modules. */
export function nodeModelLocations(): { modelDir: string; wasmDir: string } {
  return {
    modelDir: join(packageDir('@vladmandic/human'), 'models'),
    wasmDir: join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist'),
  }
}

/** A package's folder, found from its main entry (their exports maps do not list package.json). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name))
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir)
  return dir
}

/**
 * The face engine under Node (main process, CLI, tests): human's node-wasm build, weights read
 * from disk through a file:// loader, never the network.
 */
export async function createNodeFaceEngine(
  clock: () => number = () => performance.now(),
): Promise<FaceEngine> {
  const { modelDir, wasmDir } = nodeModelLocations()
  const humanDir = dirname(modelDir)
  // The package's exports map has no './dist/…' keys: load the build by its path.
  const module = require(join(humanDir, 'dist', 'human.node-wasm.js')) as HumanModule
  registerFileLoader(require('@tensorflow/tfjs-core') as Parameters<typeof registerFileLoader>[0])
  const started = clock()
  const human = new module.Human(
    humanConfig({
      modelBasePath: `${pathToFileURL(modelDir).href}/`,
      wasmPath: `${wasmDir}/`,
    }),
  )
  await human.load()
  const loadMs = clock() - started
  return {
    loadMs,
    observe: (frame, mode) => observeWith(human, frame, mode),
    dispose: () => undefined,
  }
}
