import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

interface ModelManifest {
  modelTopology?: unknown
  format?: string
  generatedBy?: string
  convertedBy?: string
  signature?: unknown
  userDefinedMetadata?: unknown
  weightsManifest: { paths: string[]; weights: unknown[] }[]
}

interface TfIo {
  io: {
    registerLoadRouter(
      router: (url: unknown) => { load(): Promise<Record<string, unknown>> } | null,
    ): void
  }
}

let registered = false

/**
 * tfjs in Node has no loader for file:// URLs (only tfjs-node has one, and it downloads a native
 * library at install): this reads model.json and its weight shards from disk. Any other URL gets
 * no handler, so a model can never be fetched from the network.
 */
export function registerFileLoader(tf: TfIo): void {
  if (registered) return
  registered = true
  tf.io.registerLoadRouter((url) => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null
    return { load: async () => loadModelFile(fileURLToPath(url)) }
  })
}

function loadModelFile(path: string): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as ModelManifest
  const weightSpecs: unknown[] = []
  const shards: Buffer[] = []
  for (const group of manifest.weightsManifest) {
    weightSpecs.push(...group.weights)
    for (const shard of group.paths) shards.push(readFileSync(join(dirname(path), shard)))
  }
  const weights = Buffer.concat(shards)
  return {
    modelTopology: manifest.modelTopology,
    format: manifest.format,
    generatedBy: manifest.generatedBy,
    convertedBy: manifest.convertedBy,
    signature: manifest.signature,
    userDefinedMetadata: manifest.userDefinedMetadata,
    weightSpecs,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  }
}
