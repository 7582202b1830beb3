/**
 * A WebAssembly module whose own memory may not grow past a cap. V8 enforces a memory's declared
 * maximum on every `memory.grow`, from the module's code or from its JavaScript glue alike, so
 * lowering that maximum in the binary is a real cap; worker_threads' resourceLimits bound only the
 * JavaScript heap and leave WebAssembly memory unbounded.
 *
 * The binary format (WebAssembly Core Specification §5.5): after the 8-byte preamble come sections,
 * each an id byte and a LEB128 size; the memory section (id 5) is a vector of limits, each a flag
 * byte (bit 0: a maximum follows), the minimum and the optional maximum in 64 KiB pages.
 */
const MEMORY_SECTION = 5
const PAGE = 65536
const PREAMBLE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]

class Cursor {
  constructor(
    private readonly bytes: Uint8Array,
    public at = 0,
  ) {}

  byte(): number {
    const value = this.bytes[this.at]
    if (value === undefined) throw new Error('WebAssembly binary is truncated')
    this.at++
    return value
  }

  /** Unsigned LEB128 up to 32 bits. */
  u32(): number {
    let result = 0
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte()
      result += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) return result
    }
    throw new Error('WebAssembly binary has an overlong LEB128 number')
  }
}

function leb128(value: number): number[] {
  const out: number[] = []
  let rest = value
  do {
    const low = rest % 128
    rest = Math.floor(rest / 128)
    out.push(rest > 0 ? low | 0x80 : low)
  } while (rest > 0)
  return out
}

/** The memory section with every memory's maximum lowered to `maxPages` (never below its minimum). */
function cappedMemorySection(body: Uint8Array, maxPages: number): number[] {
  const cursor = new Cursor(body)
  const count = cursor.u32()
  const out = leb128(count)
  for (let i = 0; i < count; i++) {
    const flags = cursor.byte()
    // Shared (bit 1) and 64-bit (bit 2) memories have other limits: not what Emscripten emits here.
    if (flags > 1) throw new Error(`WebAssembly memory with limit flags ${flags}`)
    const minimum = cursor.u32()
    const declaredMaximum = flags === 1 ? cursor.u32() : Infinity
    const maximum = Math.max(minimum, Math.min(declaredMaximum, maxPages))
    out.push(1, ...leb128(minimum), ...leb128(maximum))
  }
  if (cursor.at !== body.length) throw new Error('WebAssembly memory section has trailing bytes')
  return out
}

/**
 * A copy of `wasm` whose memories may grow to at most `maxBytes` (rounded down to whole pages).
 * Throws when the binary declares no memory of its own: an imported memory would be uncapped.
 */
export function withMemoryCap(wasm: Uint8Array, maxBytes: number): Uint8Array<ArrayBuffer> {
  if (!PREAMBLE.every((b, i) => wasm[i] === b)) throw new Error('not a WebAssembly binary')
  const maxPages = Math.floor(maxBytes / PAGE)
  const cursor = new Cursor(wasm, PREAMBLE.length)
  while (cursor.at < wasm.length) {
    const sectionStart = cursor.at
    const id = cursor.byte()
    const size = cursor.u32()
    const bodyStart = cursor.at
    const bodyEnd = bodyStart + size
    if (bodyEnd > wasm.length) throw new Error('WebAssembly section overruns the binary')
    if (id === MEMORY_SECTION) {
      const body = cappedMemorySection(wasm.subarray(bodyStart, bodyEnd), maxPages)
      const section = Uint8Array.from([id, ...leb128(body.length), ...body])
      const out = new Uint8Array(sectionStart + section.length + (wasm.length - bodyEnd))
      out.set(wasm.subarray(0, sectionStart))
      out.set(section, sectionStart)
      out.set(wasm.subarray(bodyEnd), sectionStart + section.length)
      return out
    }
    cursor.at = bodyEnd
  }
  throw new Error('WebAssembly binary declares no memory of its own')
}
