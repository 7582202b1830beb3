export { decodeWsq, DEFAULT_MAX_PIXELS, type DecodedWsq, type WsqDecodeOptions } from './decoder'
export { encodeWsq, WSQ_ENCODER_NUMBER, type GreyImage, type WsqEncodeOptions } from './encoder'
export { WsqError, wsqErrorCodes, type WsqErrorCode } from './errors'
export { DEFAULT_BIT_RATE } from './quantizer'
