/**
 * Indices into the 478-point mesh of @vladmandic/human (MediaPipe Face Mesh layout, 468 face
 * points + 10 iris points). "Right" and "left" are the subject's, as MediaPipe names them: the
 * subject's right eye appears on the image's left.
 */
export const MESH = {
  /** Eye corners (outer, inner): the eye centre is their midpoint, as OFIQ takes it. */
  rightEyeCorners: [33, 133],
  leftEyeCorners: [263, 362],
  /** Upper/lower lid pairs across each eye (OFIQ's lid-pair distances, on this mesh). */
  rightEyeLids: [
    [159, 145],
    [158, 153],
    [160, 144],
  ],
  leftEyeLids: [
    [386, 374],
    [385, 380],
    [387, 373],
  ],
  /** Inner-lip pairs (OFIQ's 89–95, 90–94, 91–93 on ADNet). */
  innerLips: [
    [13, 14],
    [82, 87],
    [312, 317],
  ],
  /** Outer mouth contour, as a polygon. */
  outerMouth: [
    61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146,
  ],
  /** Face oval, clockwise from the forehead: the face region's polygon. */
  silhouette: [
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152,
    148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
  ],
  chin: 152,
  mouthCentre: [13, 14],
} as const
