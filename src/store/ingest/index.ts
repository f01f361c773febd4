export { CoerceFailure, type Coercer, compileCoercer } from './coerce.js';
export { type DayOrder, inferDayOrder, parseDateTime } from './coerce-date.js';
export { parseAmount } from './coerce-number.js';
export {
  loadMappingFile,
  type MappingSpec,
  normalizeName,
  parseMapPairs,
  parseMappingSpec,
  resolveMapping,
} from './column-mapping.js';
export { type CsvRecord, CsvRecordScanner, readCsvRecords } from './csv-records.js';
export { type CsvDialect, detectDialect, parseDelimiterOption } from './detect-dialect.js';
export { checkEncodingName, createTextDecoder, detectEncoding } from './detect-encoding.js';
export {
  type IngestEngine,
  type IngestFileResult,
  type IngestOptions,
  type IngestResult,
  ingestFiles,
  ingestibleTables,
} from './ingest.js';
export { type JsonRecord, readJsonlRecords } from './jsonl-records.js';
export { QuarantineWriter, quarantineHeader } from './quarantine.js';
export { formatFromPath, type OpenedSource, openSource, type SourceFormat } from './sources.js';
export { compileColumnCheck, compileRowValidator, compileTableValidator } from './validate.js';
