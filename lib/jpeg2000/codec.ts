import { Worker } from 'node:worker_threads'
import type { CodecReply, CodecRequest, CodecWorkerConfig, DecodedSamples } from './codec-protocol'
import { Jpeg2000DecodeError, Jpeg2000EncodeError } from './errors'
import { codecWorkerEntry, type CodecWorkerEntry } from './worker-entry'

const MIB = 1024 * 1024

export interface Jpeg2000CodecOptions {
  /**
   * The most the worker's WebAssembly memory may grow to; default 192 MiB. The largest image a
   * budget admits needs about 60 MiB to decode (a 10 MP finger image) and 130 MiB to encode.
   */
  memoryCapBytes?: number
  /**
   * WebAssembly memory never shrinks: a worker that grew past this (default 96 MiB) is replaced
   * after its request, so one large image does not keep the kiosk's memory high.
   */
  retainBytes?: number
  /** A request that takes longer (default 30 s; a 10 MP image decodes in about 1.2 s) kills the worker. */
  timeoutMs?: number
  /** Where the worker code is; default codecWorkerEntry(). */
  entry?: CodecWorkerEntry
}

/** How a request ended: with the worker's reply, or with the worker gone. */
type Outcome =
  | { kind: 'reply'; reply: CodecReply }
  | { kind: 'timeout' | 'out-of-memory' | 'crashed'; detail: string }

type NewRequest =
  | { op: 'decode'; codestream: Uint8Array }
  | { op: 'encode'; pixels: Uint8Array; width: number; height: number; components: 1 | 3 }

/**
 * OpenJPEG in a worker thread, reused from request to request, one request at a time. A request
 * that fails, runs out of memory or out of time ends that worker (its module may be broken and its
 * memory cannot shrink); the next request starts a fresh one. The worker never keeps the process
 * alive while it is idle.
 */
export class Jpeg2000Codec {
  private readonly config: CodecWorkerConfig
  private readonly retainBytes: number
  /** Deadline of each request from the moment it is sent (options.timeoutMs); may be changed. */
  timeoutMs: number
  private readonly entry: CodecWorkerEntry | undefined
  private worker: Worker | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private nextId = 1
  /** Requests handed to a worker so far, and workers started (each failure or large image costs one). */
  requestsSent = 0
  workersStarted = 0
  /** WebAssembly memory of the worker after its last reply. */
  lastMemoryBytes = 0

  constructor(options: Jpeg2000CodecOptions = {}) {
    this.config = { memoryCapBytes: options.memoryCapBytes ?? 192 * MIB }
    this.retainBytes = options.retainBytes ?? 96 * MIB
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.entry = options.entry
  }

  /** Decodes a bare codestream; throws Jpeg2000DecodeError only. */
  async decode(codestream: Uint8Array): Promise<DecodedSamples> {
    const copy = codestream.slice()
    const outcome = await this.request({ op: 'decode', codestream: copy }, [copy.buffer])
    const reply = outcome.kind === 'reply' ? outcome.reply : null
    if (reply?.ok && reply.op === 'decode' && !reply.growthRefused) return reply.image
    if (outcome.kind === 'timeout') throw new Jpeg2000DecodeError('timeout', outcome.detail)
    if (isOutOfMemory(outcome)) {
      throw new Jpeg2000DecodeError(
        'out-of-memory',
        `the decoder hit its memory cap (${detailOf(outcome)})`,
      )
    }
    throw new Jpeg2000DecodeError(
      'undecodable',
      `the codestream does not decode (${detailOf(outcome)})`,
    )
  }

  /** Encodes 8-bit grey pixels losslessly; throws Jpeg2000EncodeError only. */
  async encodeGreyLossless(pixels: Uint8Array, width: number, height: number): Promise<Uint8Array> {
    return this.encodeLossless(pixels, width, height, 1)
  }

  /** Encodes 8-bit interleaved RGB pixels losslessly; throws Jpeg2000EncodeError only. */
  async encodeRgbLossless(pixels: Uint8Array, width: number, height: number): Promise<Uint8Array> {
    return this.encodeLossless(pixels, width, height, 3)
  }

  private async encodeLossless(
    pixels: Uint8Array,
    width: number,
    height: number,
    components: 1 | 3,
  ): Promise<Uint8Array> {
    const copy = pixels.slice()
    const request = { op: 'encode', pixels: copy, width, height, components } as const
    const outcome = await this.request(request, [copy.buffer])
    const reply = outcome.kind === 'reply' ? outcome.reply : null
    if (reply?.ok && reply.op === 'encode' && !reply.growthRefused) return reply.codestream
    if (outcome.kind === 'timeout') throw new Jpeg2000EncodeError('timeout', outcome.detail)
    if (isOutOfMemory(outcome)) throw new Jpeg2000EncodeError('out-of-memory', detailOf(outcome))
    throw new Jpeg2000EncodeError('encoder-failed', detailOf(outcome))
  }

  /** Ends the worker, if one runs; a later request starts another. */
  async close(): Promise<void> {
    await this.queue
    await this.discard()
  }

  private request(request: NewRequest, transfer: ArrayBuffer[]): Promise<Outcome> {
    const result = this.queue.then(() => this.run({ ...request, id: this.nextId++ }, transfer))
    this.queue = result.catch(() => undefined)
    return result
  }

  private start(): Worker {
    const entry = this.entry ?? codecWorkerEntry()
    const worker = new Worker(entry.filename, {
      eval: entry.eval,
      workerData: this.config,
      // The JavaScript side only copies buffers; the WebAssembly memory has its own cap.
      resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
    })
    // A worker that dies while idle is simply not reused; without a listener its error would throw.
    const forget = (): void => {
      if (this.worker === worker) this.worker = null
    }
    worker.on('error', forget).on('exit', forget)
    worker.unref()
    this.workersStarted++
    this.worker = worker
    return worker
  }

  private async discard(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) await worker.terminate()
  }

  private async run(request: CodecRequest, transfer: ArrayBuffer[]): Promise<Outcome> {
    let worker: Worker
    try {
      worker = this.worker ?? this.start()
    } catch (error) {
      return { kind: 'crashed', detail: `the codec worker did not start: ${String(error)}` }
    }
    worker.ref()
    this.requestsSent++
    const outcome = await this.awaitReply(worker, request, transfer)
    if (outcome.kind === 'reply') this.lastMemoryBytes = outcome.reply.memoryBytes
    // After a refused growth the module may be half way through a failed allocation: replace it.
    const healthy = outcome.kind === 'reply' && outcome.reply.ok && !outcome.reply.growthRefused
    if (!healthy || this.lastMemoryBytes > this.retainBytes) await this.discard()
    else worker.unref()
    return outcome
  }

  private awaitReply(
    worker: Worker,
    request: CodecRequest,
    transfer: ArrayBuffer[],
  ): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const finish = (outcome: Outcome): void => {
        clearTimeout(timer)
        worker.off('message', onMessage).off('error', onError).off('exit', onExit)
        resolve(outcome)
      }
      const onMessage = (message: CodecReply | { ready: true }): void => {
        if ('id' in message && message.id === request.id) finish({ kind: 'reply', reply: message })
      }
      const onError = (error: Error & { code?: string }): void =>
        finish({
          kind: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crashed',
          detail: error.message,
        })
      const onExit = (code: number): void =>
        finish({ kind: 'crashed', detail: `the codec worker exited with code ${code}` })
      const timer = setTimeout(
        () =>
          finish({ kind: 'timeout', detail: `no answer from the codec in ${this.timeoutMs} ms` }),
        this.timeoutMs,
      )
      worker.on('message', onMessage).on('error', onError).on('exit', onExit)
      worker.postMessage(request, transfer)
    })
  }
}

function isOutOfMemory(outcome: Outcome): boolean {
  return (
    outcome.kind === 'out-of-memory' || (outcome.kind === 'reply' && outcome.reply.growthRefused)
  )
}

function detailOf(outcome: Outcome): string {
  if (outcome.kind !== 'reply') return outcome.detail
  if (!outcome.reply.ok) return outcome.reply.detail
  return outcome.reply.growthRefused ? 'its memory could not grow further' : 'unexpected reply'
}

let shared: Jpeg2000Codec | null = null

/** The codec the process shares: one worker for the card's portraits and the finger records. */
export function sharedJpeg2000Codec(): Jpeg2000Codec {
  shared ??= new Jpeg2000Codec()
  return shared
}
