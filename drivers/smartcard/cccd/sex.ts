/** Sex as the card prints it ('Nam' / 'Nữ') and as the MRZ and our model store it ('M' / 'F'). */
export type Sex = 'M' | 'F'

/** 'Nam' → M, 'Nữ' (any Unicode form or case, with or without diacritics) → F, else null. */
export function sexFromVietnamese(text: string): Sex | null {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase()
  if (plain === 'nam') return 'M'
  if (plain === 'nu') return 'F'
  return null
}

export function sexToVietnamese(sex: Sex): string {
  return sex === 'M' ? 'Nam' : 'Nữ'
}
