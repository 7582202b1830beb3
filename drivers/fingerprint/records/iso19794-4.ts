/** ISO/IEC 19794-4:2011 finger image records: the format, its writer and its parser. */
export * from './iso19794-4-format'
export { parseFingerImageRecord } from './iso19794-4-parser'
export { writeFingerImageRecord } from './iso19794-4-writer'
