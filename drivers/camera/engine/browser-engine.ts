import type { FaceEngine, HumanInstance } from './face-engine'
import { humanConfig } from './human-config'
import { observeWith } from './observe-with'

interface HumanModule {
  Human: new (config: Record<string, unknown>) => HumanInstance
}

/**
 * The face engine in the browser (the renderer's worker): human's esm build with tfjs bundled,
 * weights from `${assetBase}models/` and the .wasm files from `${assetBase}wasm/`, both served by
 * our own origin (the CSP allows nothing else).
 */
export async function createBrowserFaceEngine(options: {
  assetBase: string
  clock?: () => number
}): Promise<FaceEngine> {
  const clock = options.clock ?? (() => performance.now())
  const module = (await import('human-esm')) as unknown as HumanModule
  const started = clock()
  const human = new module.Human(
    humanConfig({
      modelBasePath: `${options.assetBase}models/`,
      wasmPath: `${options.assetBase}wasm/`,
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
