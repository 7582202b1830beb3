/**
 * Pose angle bytes of the facial information block.
 *
 * Encoding chosen (UNCONFIRMED against the licensed ISO/IEC 19794-5:2011 text): the 2005 rule, the
 * only one a stored source spells out. An angle is kept in 2-degree steps in one byte, 0 meaning
 * "unspecified": byte = 1 + a/2 for 0 ≤ a ≤ 180 (0° → 1, 180° → 91) and 181 + a/2 for
 * −180 < a < 0 (−2° → 180, −178° → 92). Sources: NIST biomdi `frf.h` (POSE_ANGLE_MIN 1,
 * POSE_ANGLE_MAX 181, POSE_ANGLE_UNSPECIFIED 0) and JMRTD's earlier FaceImageInfo decoder,
 * angle = 2 · (b ≤ 91 ? b − 1 : b − 181). Newer JMRTD and MOSIP bio-utils pass the bytes through
 * undecoded, which tells us nothing about a different 2011 rule. The uncertainty byte is 0 for
 * "unspecified" and 1 + degrees (0 … 180) otherwise, within the same 1 … 181 range.
 */

export const POSE_ANGLE_UNSPECIFIED = 0
export const POSE_BYTE_MAX = 181

/** Degrees (−180 … 180, or null) to the byte; the caller range-checks first. */
export function encodePoseAngle(degrees: number | null): number {
  if (degrees === null) return POSE_ANGLE_UNSPECIFIED
  const steps = Math.round(degrees / 2)
  return steps >= 0 ? 1 + steps : 181 + steps
}

/** The byte (0 … 181) back to even degrees, or null when unspecified. */
export function decodePoseAngle(byte: number): number | null {
  if (byte === POSE_ANGLE_UNSPECIFIED) return null
  return 2 * (byte <= 91 ? byte - 1 : byte - 181)
}

export function encodePoseUncertainty(degrees: number | null): number {
  return degrees === null ? POSE_ANGLE_UNSPECIFIED : 1 + Math.round(degrees)
}

export function decodePoseUncertainty(byte: number): number | null {
  return byte === POSE_ANGLE_UNSPECIFIED ? null : byte - 1
}
