import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { concat, fromHex } from '../bytes'
import { withMemoryCap } from './wasm-memory-cap'

const PAGE = 65536
const PREAMBLE = fromHex('0061736D01000000')
/** Export section: one export "m", a memory, index 0. */
const EXPORT_MEMORY = fromHex('070501016D0200')

/** (module (memory (export "m") 1 100)), or without a maximum. */
function moduleWithMemory(maximumPages: number | null): Uint8Array<ArrayBuffer> {
  const limits = maximumPages === null ? [0x00, 0x01] : [0x01, 0x01, maximumPages]
  return Uint8Array.from(
    concat(PREAMBLE, Uint8Array.of(5, limits.length + 1, 1, ...limits), EXPORT_MEMORY),
  )
}

function exportedMemory(wasm: Uint8Array<ArrayBuffer>): WebAssembly.Memory {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm))
  return instance.exports.m as WebAssembly.Memory
}

describe('WebAssembly memory cap', () => {
  it('lowers the declared maximum, and V8 refuses to grow past it', () => {
    const memory = exportedMemory(withMemoryCap(moduleWithMemory(100), 3 * PAGE))
    expect(memory.buffer.byteLength).toBe(PAGE)
    memory.grow(2)
    expect(memory.buffer.byteLength).toBe(3 * PAGE)
    expect(() => memory.grow(1)).toThrow(RangeError)
  })

  it('gives a memory without a maximum one, and never raises or undercuts', () => {
    expect(() => exportedMemory(withMemoryCap(moduleWithMemory(null), 2 * PAGE)).grow(2)).toThrow(
      RangeError,
    )
    const lower = exportedMemory(withMemoryCap(moduleWithMemory(4), 50 * PAGE))
    expect(() => lower.grow(4)).toThrow(RangeError)
    // A cap below the initial size leaves the memory at its initial size, unable to grow.
    const pinned = exportedMemory(withMemoryCap(moduleWithMemory(100), 0))
    expect(pinned.buffer.byteLength).toBe(PAGE)
    expect(() => pinned.grow(1)).toThrow(RangeError)
  })

  it('caps the OpenJPEG build the codec loads and refuses binaries it cannot cap', () => {
    const require = createRequire(import.meta.url)
    const wasm = readFileSync(require.resolve('@cornerstonejs/codec-openjpeg/wasm'))
    const capped = withMemoryCap(wasm, 64 * 1024 * 1024)
    expect(WebAssembly.validate(capped)).toBe(true)
    expect(() => withMemoryCap(PREAMBLE, PAGE)).toThrow(/no memory of its own/)
    expect(() => withMemoryCap(fromHex('00112233'), PAGE)).toThrow(/not a WebAssembly binary/)
  })
})
