/** WSQ markers, IAFIS-IC-0110 v3.1 §B.1 (table B-3). Every marker is 0xFF then one of these. */
export const MARKER = {
  SOI: 0xffa0,
  EOI: 0xffa1,
  SOF: 0xffa2,
  SOB: 0xffa3,
  DTT: 0xffa4,
  DQT: 0xffa5,
  DHT: 0xffa6,
  DRT: 0xffa7,
  COM: 0xffa8,
} as const

/** Restart markers RST0 … RST7. */
export const RST_FIRST = 0xffb0
export const RST_LAST = 0xffb7

export function markerName(marker: number): string {
  const hit = Object.entries(MARKER).find(([, v]) => v === marker)
  return hit ? hit[0] : `0x${marker.toString(16).padStart(4, '0')}`
}
