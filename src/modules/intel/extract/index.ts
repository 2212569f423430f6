// Reports into intelligence: text from plain, HTML and PDF reports, indicators and industrial context
// from the text, and a draft STIX 2.1 report for an analyst to review before publishing.
export { extractText, maxInputBytes, maxPdfMillis, maxPdfPages } from './extract-text.js';
export { extractIndicators, maxExtractChars, maxOccurrences } from './extract-indicators.js';
export { toDraftReport } from './draft-report.js';
export { stixPattern } from './stix-pattern.js';
export { indicatorTypes, inputKinds } from './types.js';
export type {
  ExtractContext,
  ExtractInput,
  ExtractIssue,
  ExtractIssueCode,
  Extraction,
  Finding,
  IndicatorType,
  InputKind,
  Occurrence,
  Result,
} from './types.js';
export type {
  DraftAttackPattern,
  DraftBundle,
  DraftIndicator,
  DraftMeta,
  DraftNote,
  DraftObject,
  DraftOptions,
  DraftReport,
  DraftVulnerability,
  ExternalReference,
  ExtractionTrace,
  IndustrialContext,
} from './draft-types.js';
