/**
 * The ATR a PC/SC reader reports for an ISO 14443-4 contactless card (PC/SC part 3 §3.1.3.2.3):
 * 3B 8n 80 01, n historical bytes, then TCK (XOR of every byte after TS).
 */
export function contactlessAtr(historical: Uint8Array): Uint8Array {
  if (historical.length > 15) throw new RangeError('at most 15 historical bytes')
  const atr = new Uint8Array(4 + historical.length + 1)
  atr.set([0x3b, 0x80 | historical.length, 0x80, 0x01])
  atr.set(historical, 4)
  let tck = 0
  for (let i = 1; i < atr.length - 1; i++) tck ^= atr[i] ?? 0
  atr[atr.length - 1] = tck
  return atr
}
