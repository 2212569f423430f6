import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ExtractIssue, Result } from './types.js';

type Pdfjs = typeof PdfjsModule;

let pdfjs: Promise<Pdfjs> | undefined;

// Loaded on first use: the library is large and most processes never read a PDF.
function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((lib) => {
    // Node has no web workers: the library runs its worker code on this thread ("fake worker"),
    // loaded from workerSrc, which we point at the legacy build's worker module.
    const workerPath = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
    lib.GlobalWorkerOptions.workerSrc = pathToFileURL(workerPath).href;
    return lib;
  });
  return pdfjs;
}

export interface PdfLimits {
  readonly maxPages: number;
  readonly maxChars: number;
  /** The library parses on this thread: a document that takes longer is cut off (between pages) or refused. */
  readonly maxMillis: number;
}

/** The text of every page (up to the limits), pages separated by a blank line. */
export async function pdfToText(bytes: Uint8Array, limits: PdfLimits): Promise<Result<string>> {
  let lib: Pdfjs;
  try {
    lib = await loadPdfjs();
  } catch (e) {
    pdfjs = undefined;
    return failure(`the PDF reader could not be loaded: ${message(e)}`);
  }
  const task = lib.getDocument({
    // A plain copy: the library takes ownership of what it is given, and refuses Node Buffers outright
    // (a Buffer's slice() would be a view, and still a Buffer).
    data: new Uint8Array(bytes),
    verbosity: lib.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  const warnings: ExtractIssue[] = [];
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeLimit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError()), limits.maxMillis);
  });
  try {
    const doc = await Promise.race([task.promise, timeLimit]);
    const pageCount = Math.min(doc.numPages, limits.maxPages);
    if (doc.numPages > limits.maxPages) {
      warnings.push({ path: 'pages', code: 'truncated', message: `read the first ${limits.maxPages} of ${doc.numPages} pages` });
    }
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= pageCount; n++) {
      if (n > 1 && performance.now() - started > limits.maxMillis) {
        warnings.push({ path: `pages/${n}`, code: 'truncated', message: `reading took over ${limits.maxMillis} ms: stopped before page ${n}` });
        break;
      }
      const page = await Promise.race([doc.getPage(n), timeLimit]);
      const content = await Promise.race([page.getTextContent(), timeLimit]);
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      page.cleanup();
      if (length + text.length > limits.maxChars) {
        warnings.push({ path: `pages/${n}`, code: 'truncated', message: `text longer than ${limits.maxChars} characters: stopped before page ${n}` });
        break;
      }
      pages.push(text.trimEnd());
      length += text.length;
    }
    return { success: true, data: pages.join('\n\n'), warnings };
  } catch (e) {
    if (e instanceof TimeLimitError) {
      return { success: false, issues: [{ path: '', code: 'timeout', message: `reading the PDF took over ${limits.maxMillis} ms` }] };
    }
    const name = e instanceof Error ? e.name : '';
    return failure(name === 'PasswordException' ? 'the PDF is encrypted with a password' : `not a readable PDF: ${message(e)}`);
  } finally {
    clearTimeout(timer);
    await task.destroy();
  }
}

class TimeLimitError extends Error {}

function failure(text: string): Result<string> {
  return { success: false, issues: [{ path: '', code: 'bad_pdf', message: text }] };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
