import { CatalogueError, messageRef } from '../../../lib/messages'

/** Why a face record was refused (when read) or not written. */
export const faceRecordErrorCodes = [
  'E_FACE_RECORD_FORMAT',
  'E_FACE_RECORD_TRUNCATED',
  'E_FACE_RECORD_LENGTH',
  'E_FACE_RECORD_COUNT',
  'E_FACE_RECORD_VALUE',
  'E_FACE_RECORD_UNSUPPORTED',
  'E_FACE_RECORD_IMAGE',
  'E_FACE_RECORD_TRAILING',
] as const
export type FaceRecordErrorCode = (typeof faceRecordErrorCodes)[number]

const MESSAGE_KEYS: Record<FaceRecordErrorCode, string> = {
  E_FACE_RECORD_FORMAT: 'messages.camera.record.format',
  E_FACE_RECORD_TRUNCATED: 'messages.camera.record.truncated',
  E_FACE_RECORD_LENGTH: 'messages.camera.record.length',
  E_FACE_RECORD_COUNT: 'messages.camera.record.count',
  E_FACE_RECORD_VALUE: 'messages.camera.record.value',
  E_FACE_RECORD_UNSUPPORTED: 'messages.camera.record.unsupported',
  E_FACE_RECORD_IMAGE: 'messages.camera.record.image',
  E_FACE_RECORD_TRAILING: 'messages.camera.record.trailing',
}

/** Parameters each code's sentence fills in. */
export interface FaceRecordErrorParams {
  E_FACE_RECORD_FORMAT: Record<string, never>
  E_FACE_RECORD_TRUNCATED: { field: string }
  E_FACE_RECORD_LENGTH: { field: string }
  E_FACE_RECORD_COUNT: { field: string; count: number; max: number }
  E_FACE_RECORD_VALUE: { field: string; value: string }
  E_FACE_RECORD_UNSUPPORTED: { field: string }
  E_FACE_RECORD_IMAGE: { dataType: string }
  E_FACE_RECORD_TRAILING: { bytes: number }
}

/**
 * The one failure of the ISO/IEC 19794-5 face record reader and writer: a record that is not what
 * it claims (read), or a field that does not fit its encoding (write). Never a stray TypeError.
 */
export class FaceRecordError<
  C extends FaceRecordErrorCode = FaceRecordErrorCode,
> extends CatalogueError {
  constructor(
    readonly code: C,
    params: FaceRecordErrorParams[C],
    detail: string | null = null,
  ) {
    super(messageRef(MESSAGE_KEYS[code], params), detail)
    this.name = 'FaceRecordError'
  }
}
