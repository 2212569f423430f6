import { decodeText, looksBinary } from './decode.js';
import { maxExtractChars } from './extract-indicators.js';
import { htmlToText } from './html-text.js';
import { pdfToText } from './pdf-text.js';
import { inputKinds, type ExtractInput, type ExtractIssue, type Result } from './types.js';

/** Largest report accepted, by kind: text and HTML are read whole, PDFs carry fonts and images. */
export const maxInputBytes: Readonly<Record<ExtractInput['kind'], number>> = {
  text: 16 * 1024 * 1024,
  html: 16 * 1024 * 1024,
  pdf: 32 * 1024 * 1024,
};
export const maxPdfPages = 500;
export const maxPdfMillis = 30_000;

/** Text of a report; unreadable, empty or oversized input is an error result, never a throw. */
export async function extractText(input: ExtractInput): Promise<Result<string>> {
  const { kind, bytes } = input;
  if (!(inputKinds as readonly string[]).includes(kind)) {
    return failure('kind', 'bad_kind', `kind must be one of ${inputKinds.join(', ')}`);
  }
  if (!(bytes instanceof Uint8Array)) return failure('bytes', 'empty', 'bytes must be a Uint8Array');
  if (bytes.length === 0) return failure('bytes', 'empty', 'the report is empty');
  const max = maxInputBytes[kind];
  if (bytes.length > max) {
    return failure('bytes', 'too_large', `the report has ${bytes.length} bytes; at most ${max} are accepted for ${kind}`);
  }
  if (kind === 'pdf') {
    const result = await pdfToText(bytes, { maxPages: maxPdfPages, maxChars: maxExtractChars, maxMillis: maxPdfMillis });
    if (result.success && result.data.trim() === '') {
      return failure('bytes', 'empty', 'the PDF has no text (scanned pages need OCR, which is not done here)');
    }
    return result;
  }
  const decoded = decodeText(bytes);
  if (looksBinary(decoded)) return failure('bytes', 'not_text', `the ${kind} report looks like binary data, not text`);
  const warnings: ExtractIssue[] = [];
  let text: string;
  if (kind === 'html') {
    const html = htmlToText(decoded, maxExtractChars);
    if (html.truncated) warnings.push(truncatedAt(maxExtractChars));
    text = html.text;
  } else {
    text = decoded;
    if (text.length > maxExtractChars) {
      text = text.slice(0, maxExtractChars);
      warnings.push(truncatedAt(maxExtractChars));
    }
  }
  if (text.trim() === '') return failure('bytes', 'empty', `the ${kind} report has no visible text`);
  return { success: true, data: text, warnings };
}

function truncatedAt(max: number): ExtractIssue {
  return { path: 'bytes', code: 'truncated', message: `text longer than ${max} characters: the rest was not read` };
}

function failure(path: string, code: ExtractIssue['code'], message: string): Result<string> {
  return { success: false, issues: [{ path, code, message }] };
}
