/** A grey-scale fingerprint image as scanners deliver it: 8 bits per pixel, row-major. */
export interface FingerImage {
  width: number
  height: number
  /** Resolution in pixels per inch (500 for the EF01 modules and most SBI devices). */
  ppi: number
  /** width × height bytes, 0 = black (ridge), 255 = white (background). */
  pixels: Uint8Array
}

/** The ten fingers by their ISO/IEC 19794-4 finger position codes (1 = right thumb … 10 = left little). */
export const FINGER_POSITIONS = {
  'right-thumb': 1,
  'right-index': 2,
  'right-middle': 3,
  'right-ring': 4,
  'right-little': 5,
  'left-thumb': 6,
  'left-index': 7,
  'left-middle': 8,
  'left-ring': 9,
  'left-little': 10,
} as const

export type FingerName = keyof typeof FINGER_POSITIONS
export const FINGER_NAMES = Object.keys(FINGER_POSITIONS) as FingerName[]

/** MOSIP names of the ten fingers (SBI `bioSubType`, CBEFF subtype), by our finger names. */
export const MOSIP_FINGER_SUBTYPE: Record<FingerName, string> = {
  'right-thumb': 'Right Thumb',
  'right-index': 'Right IndexFinger',
  'right-middle': 'Right MiddleFinger',
  'right-ring': 'Right RingFinger',
  'right-little': 'Right LittleFinger',
  'left-thumb': 'Left Thumb',
  'left-index': 'Left IndexFinger',
  'left-middle': 'Left MiddleFinger',
  'left-ring': 'Left RingFinger',
  'left-little': 'Left LittleFinger',
}
