/** Portrait image bytes: sniff, decode to RGBA with limits, encode, JPEG quality estimate. */
export { decodeImage, encodeJpeg, encodePng, MAX_IMAGE_SIDE } from './codec'
export { ImageError, imageErrorCodes, type ImageErrorCode } from './errors'
export { readJpegQuality } from './jpeg-quality'
export { readImageDimensions, sniffImageFormat, type ImageFormat } from './sniff'
