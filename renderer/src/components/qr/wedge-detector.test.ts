import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WedgeDetector } from './wedge-detector'

const QR = '001099012345|123456789|Nguyễn Văn A|15031999|Nam|Số 1, Phường A, Hà Nội|01012021'

/** Feeds `text` with the gap before each key given by `gap(i)`; answers the time of the last key. */
function typeInto(detector: WedgeDetector, text: string, gap: (i: number) => number, start = 0) {
  let at = start
  ;[...text].forEach((char, i) => {
    at += i === 0 ? 0 : gap(i)
    detector.key(char, at)
  })
  return at
}

describe('keyboard-wedge detector', () => {
  it('takes a burst at a few ms a key, ended by Enter, for a scan', () => {
    const detector = new WedgeDetector()
    const last = typeInto(detector, QR, () => 4)
    expect(detector.enter(last + 4)).toEqual({ kind: 'scan', text: QR })
  })

  it('takes a person typing the same text for typing', () => {
    const detector = new WedgeDetector()
    const last = typeInto(detector, QR, (i) => 90 + (i % 7) * 20)
    expect(detector.enter(last + 150)).toEqual({ kind: 'typed', length: [...QR].length })
  })

  it('forgives a rare hiccup in a scan, not a pause every few keys', () => {
    const hiccup = new WedgeDetector()
    const last = typeInto(hiccup, QR, (i) => (i === 40 ? 60 : 3))
    expect(hiccup.enter(last + 3).kind).toBe('scan')
    const pauses = new WedgeDetector()
    const end = typeInto(pauses, QR, (i) => (i % 10 === 0 ? 60 : 3))
    expect(pauses.enter(end + 3).kind).toBe('typed')
  })

  it('calls a short fast burst typing (a barcode that is not the QR, or auto-repeat)', () => {
    const detector = new WedgeDetector()
    const last = typeInto(detector, '0010990', () => 3)
    expect(detector.enter(last + 3)).toEqual({ kind: 'typed', length: 7 })
  })

  it('counts an Enter long after the last key against a scan', () => {
    const detector = new WedgeDetector({ slowGapsPer100: 0 })
    const last = typeInto(detector, QR, () => 3)
    expect(detector.enter(last + 500).kind).toBe('typed')
  })

  it('starts over after each Enter', () => {
    const detector = new WedgeDetector()
    typeInto(detector, 'typed slowly by hand', () => 200)
    expect(detector.enter(10_000).kind).toBe('typed')
    const last = typeInto(detector, QR, () => 5, 20_000)
    expect(detector.enter(last + 5)).toEqual({ kind: 'scan', text: QR })
    expect(detector.enter(last + 10)).toEqual({ kind: 'empty' })
  })

  it('gives back exactly the keys of any fast burst, and never a scan at a human pace', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 20, maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 35 }), { minLength: 1 }),
        fc.array(fc.integer({ min: 80, max: 400 }), { minLength: 1 }),
        (text, fast, slow) => {
          const keys = [...text]
          const scanner = new WedgeDetector()
          const end = typeInto(scanner, text, (i) => fast[i % fast.length] ?? 0)
          expect(scanner.enter(end + 1)).toEqual({ kind: 'scan', text: keys.join('') })
          const person = new WedgeDetector()
          const last = typeInto(person, text, (i) => slow[i % slow.length] ?? 100)
          expect(person.enter(last + 100).kind).toBe('typed')
        },
      ),
    )
  })
})
