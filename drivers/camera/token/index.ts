/** The ISO/IEC 19794-5 token frontal image: geometry, the crop and its encodings. */
export { DEFAULT_TOKEN_JPEG_QUALITY, encodeToken, type TokenEncoding } from './encode-token'
export { TokenError, tokenErrorCodes, type TokenErrorCode } from './errors'
export {
  DEFAULT_TOKEN_WIDTH,
  MAX_TOKEN_WIDTH,
  TOKEN_GEOMETRY,
  tokenEyeCentres,
  tokenHeight,
} from './geometry'
export { makeTokenImage, TOKEN_FILL_GREY, type TokenImage } from './make-token'
