/**
 * The quality components of ISO/IEC 29794-5, named and numbered (QAA id) as OFIQ names them
 * (`OFIQlib/include/ofiq_structs.h`), in the order the officer's checklist shows them.
 */
export const componentQaa = {
  SingleFacePresent: 0x4c,
  InterEyeDistance: 0x52,
  HeadSize: 0x53,
  LeftwardCrop: 0x54,
  RightwardCrop: 0x55,
  MarginAbove: 0x56,
  MarginBelow: 0x57,
  HeadPoseYaw: 0x58,
  HeadPosePitch: 0x59,
  HeadPoseRoll: 0x5a,
  EyesOpen: 0x4d,
  EyesVisible: 0x4f,
  MouthClosed: 0x4e,
  MouthOcclusionPrevention: 0x50,
  FaceOcclusionPrevention: 0x51,
  ExpressionNeutrality: 0x5b,
  IlluminationUniformity: 0x43,
  LuminanceMean: 0x44,
  LuminanceVariance: 0x45,
  UnderExposurePrevention: 0x46,
  OverExposurePrevention: 0x47,
  DynamicRange: 0x48,
  Sharpness: 0x49,
  CompressionArtifacts: 0x4a,
  NaturalColour: 0x4b,
  BackgroundUniformity: 0x42,
  NoHeadCoverings: 0x5c,
} as const

export type ComponentName = keyof typeof componentQaa
export const componentNames = Object.keys(componentQaa) as ComponentName[]
