import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { OpenJpegModule, OpenJpegOptions } from '@cornerstonejs/codec-openjpeg/wasmjs'
import type { DecodedSamples } from './codec-protocol'
import { withMemoryCap } from './wasm-memory-cap'

/**
 * OpenJPEG compiled to WebAssembly (@cornerstonejs/codec-openjpeg, shipped inside the npm package,
 * nothing fetched at run time), loaded with its memory capped. Runs inside the codec worker only:
 * a codestream that makes it fail can leave the module unusable, and the worker is then replaced.
 */
export interface CappedOpenJpeg {
  module: OpenJpegModule
  /** Bytes of WebAssembly memory now. */
  memoryBytes(): number
  /** True once the codec asked for memory past the cap; the request was refused. */
  growthRefused(): boolean
}

type InstantiateWasm = (
  imports: WebAssembly.Imports,
  receiveInstance: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
) => object
type OpenJpegFactory = (
  options: OpenJpegOptions & { instantiateWasm: InstantiateWasm },
) => Promise<OpenJpegModule>

/**
 * Emscripten's glue grows the heap through its `_emscripten_resize_heap` import, which answers
 * false when `memory.grow` fails at the cap. Watching its answer tells "out of memory" apart from
 * "corrupt data" (the codec reports both with the same bare exception).
 */
function watchHeapGrowth(imports: WebAssembly.Imports, onRefused: () => void): void {
  for (const namespace of Object.values(imports)) {
    for (const [name, value] of Object.entries(namespace)) {
      if (typeof value !== 'function' || value.name !== '_emscripten_resize_heap') continue
      const resize = value as (requestedBytes: number) => boolean
      namespace[name] = (requestedBytes: number): boolean => {
        const grown = resize(requestedBytes)
        if (!grown) onRefused()
        return grown
      }
    }
  }
}

export async function loadCappedOpenJpeg(memoryCapBytes: number): Promise<CappedOpenJpeg> {
  const require = createRequire(import.meta.url)
  const factory = require('@cornerstonejs/codec-openjpeg/wasmjs') as OpenJpegFactory
  const wasmPath = require.resolve('@cornerstonejs/codec-openjpeg/wasm')
  const binary = withMemoryCap(readFileSync(wasmPath), memoryCapBytes)
  let refused = false
  let instantiationFailed: (error: unknown) => void = () => undefined
  const failure = new Promise<never>((_, reject) => (instantiationFailed = reject))
  const module = await Promise.race([
    factory({
      // The codec logs "[INFO] …" lines; keep them out of our output.
      print: () => undefined,
      printErr: () => undefined,
      instantiateWasm(imports, receiveInstance) {
        watchHeapGrowth(imports, () => (refused = true))
        WebAssembly.instantiate(binary, imports).then(
          ({ instance, module }) => receiveInstance(instance, module),
          instantiationFailed,
        )
        return {}
      },
    }),
    failure,
  ])
  return {
    module,
    memoryBytes: () => module.HEAPU8.buffer.byteLength,
    growthRefused: () => refused,
  }
}

/** Decodes a bare codestream; throws whatever the codec throws (often a bare number). */
export function decodeSamples(codec: CappedOpenJpeg, codestream: Uint8Array): DecodedSamples {
  const decoder = new codec.module.J2KDecoder()
  try {
    decoder.getEncodedBuffer(codestream.length).set(codestream)
    decoder.decode()
    const info = decoder.getFrameInfo()
    return {
      width: info.width,
      height: info.height,
      componentCount: info.componentCount,
      bitsPerSample: info.bitsPerSample,
      isSigned: info.isSigned,
      reversible: decoder.getIsReversible(),
      // A view into the WebAssembly heap: copy it out as plain bytes.
      samples: new Uint8Array(decoder.getDecodedBuffer()),
    }
  } finally {
    decoder.delete()
  }
}

/** At most 5 levels (OpenJPEG's default), and no more than the image's shorter side allows. */
export function decompositionLevelsFor(width: number, height: number): number {
  return Math.min(5, Math.floor(Math.log2(Math.min(width, height))))
}

/**
 * Encodes 8-bit grey (1 component) or interleaved RGB (3, with the reversible colour transform)
 * pixels as a reversible (5/3 wavelet, lossless) codestream. OpenJPEG refuses a tile smaller than
 * 2^levels on a side, so small images get fewer decomposition levels.
 */
export function encodeLossless(
  codec: CappedOpenJpeg,
  pixels: Uint8Array,
  width: number,
  height: number,
  components: 1 | 3 = 1,
): Uint8Array {
  const encoder = new codec.module.J2KEncoder()
  try {
    const input = encoder.getDecodedBuffer({
      width,
      height,
      bitsPerSample: 8,
      componentCount: components,
      isSigned: false,
      isUsingColorTransform: components === 3,
    })
    input.set(pixels)
    encoder.setDecompositions(decompositionLevelsFor(width, height))
    encoder.encode()
    return encoder.getEncodedBuffer().slice()
  } finally {
    encoder.delete()
  }
}
