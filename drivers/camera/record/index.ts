/** ISO/IEC 19794-5:2011 face image records: the format, its writer and its strict reader. */
export { FaceRecordError, faceRecordErrorCodes, type FaceRecordErrorCode } from './errors'
export * from './format'
export { readFaceRecord } from './parser'
export { decodePoseAngle, encodePoseAngle } from './pose-angle'
export { buildFaceRecord } from './writer'
