// Reports into intelligence for the API and the CLI: bytes of a plain-text, HTML or PDF report in,
// a draft STIX bundle out (nothing is stored: an analyst reviews the draft, then imports it).
import { InputError } from '../../platform/errors.js';
import { extractIndicators, extractText, toDraftReport, type DraftBundle, type ExtractContext, type ExtractIssue, type InputKind } from './extract/index.js';

export interface ExtractRequest {
  readonly bytes: Uint8Array;
  readonly kind: InputKind;
  /** The report's name (its title or file name). */
  readonly name: string;
}

export interface ExtractResponse {
  readonly bundle: DraftBundle;
  /** How many distinct indicators and context terms were found. */
  readonly findings: number;
  /** What was read only in part (pages, size), and why. */
  readonly warnings: readonly ExtractIssue[];
  readonly truncated: boolean;
}

/** The input kind a media type stands for, if any. */
export function kindOfMediaType(contentType: string | undefined): InputKind | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/markdown') return 'text';
  return undefined;
}

/** The input kind of a file name (for the CLI), if its extension says. */
export function kindOfFileName(name: string): InputKind | undefined {
  const ext = name.toLowerCase().split('.').pop();
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'txt' || ext === 'md' || ext === 'text') return 'text';
  return undefined;
}

export async function extractReport(request: ExtractRequest, context: ExtractContext = {}): Promise<ExtractResponse> {
  const text = await extractText({ kind: request.kind, bytes: request.bytes });
  if (!text.success) {
    throw new InputError('the report could not be read', text.issues.map((i) => ({ path: i.path === '' ? 'body' : `body.${i.path}`, message: i.message, code: i.code })));
  }
  const extraction = extractIndicators(text.data, context);
  const bundle = toDraftReport(extraction, { name: request.name });
  return { bundle, findings: extraction.findings.length, warnings: text.warnings, truncated: extraction.truncated };
}
