import { parentPort, workerData } from 'node:worker_threads'
import type { CodecReady, CodecReply, CodecRequest, CodecWorkerConfig } from './codec-protocol'
import { decodeSamples, encodeLossless, loadCappedOpenJpeg } from './openjpeg-codec'

/**
 * The codec worker: OpenJPEG with its WebAssembly memory capped, one request at a time. A bomb
 * that gets past the header checks runs into the cap here, in a thread the caller can throw away,
 * instead of growing the kiosk or the upstream.
 */
const port = parentPort
if (!port) throw new Error('codec-worker.ts runs as a worker thread')
const config = workerData as CodecWorkerConfig
const codec = await loadCappedOpenJpeg(config.memoryCapBytes)

function describe(error: unknown): string {
  if (error instanceof Error) return error.message
  // Emscripten throws C++ exceptions as bare numbers (pointers into the heap).
  if (typeof error === 'number') return `the codec threw a C++ exception (${error})`
  return String(error)
}

/** Filled in once the request is done. */
const UNMEASURED = { memoryBytes: 0, growthRefused: false }

function handle(request: CodecRequest): { reply: CodecReply; transfer: ArrayBuffer[] } {
  try {
    if (request.op === 'decode') {
      const image = decodeSamples(codec, request.codestream)
      const reply: CodecReply = { ...UNMEASURED, id: request.id, ok: true, op: 'decode', image }
      return { reply, transfer: [image.samples.buffer as ArrayBuffer] }
    }
    const { pixels, width, height, components } = request
    const codestream = encodeLossless(codec, pixels, width, height, components)
    const reply: CodecReply = { ...UNMEASURED, id: request.id, ok: true, op: 'encode', codestream }
    return { reply, transfer: [codestream.buffer as ArrayBuffer] }
  } catch (error) {
    const reply: CodecReply = { ...UNMEASURED, id: request.id, ok: false, detail: describe(error) }
    return { reply, transfer: [] }
  }
}

port.on('message', (request: CodecRequest) => {
  const { reply, transfer } = handle(request)
  reply.memoryBytes = codec.memoryBytes()
  reply.growthRefused = codec.growthRefused()
  port.postMessage(reply, transfer)
})
const ready: CodecReady = { ready: true, memoryBytes: codec.memoryBytes() }
port.postMessage(ready)
