import { describe, expect, it } from 'vitest';
import { maxExtractChars } from './extract-indicators.js';
import { extractText, maxInputBytes } from './extract-text.js';
import { minimalPdf } from './minimal-pdf.js';
import { pdfToText } from './pdf-text.js';
import type { ExtractInput, Result } from './types.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function text(result: Result<string>): string {
  if (!result.success) throw new Error(`expected success, got ${JSON.stringify(result.issues)}`);
  return result.data;
}

function issueCode(result: Result<string>): string | undefined {
  return result.success ? undefined : result.issues[0]?.code;
}

// Deterministic bytes that are no format at all.
function garbage(length: number): Uint8Array {
  let seed = 7;
  return Uint8Array.from({ length }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
}

describe('plain text', () => {
  it('decodes UTF-8, with or without a byte order mark', async () => {
    expect(text(await extractText({ kind: 'text', bytes: utf8('Grüße 10.0.0.1') }))).toBe('Grüße 10.0.0.1');
    expect(text(await extractText({ kind: 'text', bytes: Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('x.com')]) }))).toBe('x.com');
  });

  it('decodes UTF-16 in both byte orders when a byte order mark says so', async () => {
    const le = Uint8Array.from([0xff, 0xfe, ...Buffer.from('evil.com', 'utf16le')]);
    const be = Uint8Array.from([0xfe, 0xff, ...Buffer.from('evil.com', 'utf16le').swap16()]);
    expect(text(await extractText({ kind: 'text', bytes: le }))).toBe('evil.com');
    expect(text(await extractText({ kind: 'text', bytes: be }))).toBe('evil.com');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', async () => {
    const bytes = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]); // "café €" in Windows-1252
    expect(text(await extractText({ kind: 'text', bytes }))).toBe('café €');
  });

  it('rejects empty and blank reports', async () => {
    expect(issueCode(await extractText({ kind: 'text', bytes: new Uint8Array(0) }))).toBe('empty');
    expect(issueCode(await extractText({ kind: 'text', bytes: utf8(' \n\t ') }))).toBe('empty');
  });

  it('rejects binary data given as text or HTML', async () => {
    expect(issueCode(await extractText({ kind: 'text', bytes: garbage(10_000) }))).toBe('not_text');
    expect(issueCode(await extractText({ kind: 'html', bytes: garbage(10_000) }))).toBe('not_text');
    expect(issueCode(await extractText({ kind: 'text', bytes: utf8('MZ\u0000\u0000 header of an executable') }))).toBe('not_text');
  });

  it('rejects reports over the size cap and says how large they were', async () => {
    const result = await extractText({ kind: 'text', bytes: new Uint8Array(maxInputBytes.text + 1).fill(0x41) });
    expect(issueCode(result)).toBe('too_large');
    expect(result.success ? '' : result.issues[0]?.message).toContain(String(maxInputBytes.text + 1));
  });

  it('reads a text longer than the extraction cap in part and warns', async () => {
    const result = await extractText({ kind: 'text', bytes: new Uint8Array(maxExtractChars + 10).fill(0x61) });
    expect(result.success && result.data.length).toBe(maxExtractChars);
    expect(result.success && result.warnings.map((w) => w.code)).toEqual(['truncated']);
  });

  it('answers an unknown kind or a missing buffer with an error result', async () => {
    const bad = { kind: 'docx', bytes: utf8('x') } as unknown as ExtractInput;
    expect(issueCode(await extractText(bad))).toBe('bad_kind');
    const noBytes = { kind: 'text', bytes: 'not bytes' } as unknown as ExtractInput;
    expect(issueCode(await extractText(noBytes))).toBe('empty');
  });
});

describe('HTML', () => {
  const html = async (source: string): Promise<string> => text(await extractText({ kind: 'html', bytes: utf8(source) }));

  it('keeps visible text, skips scripts, styles, templates and hidden elements, and decodes entities', async () => {
    const out = await html(
      '<html><head><title>Advisory</title><style>p{content:"9.9.9.9"}</style><script>var a="8.8.4.4"</script></head>' +
        '<body><p>evil&#46;com &amp; mail&#64;x.org</p><template>1.1.1.1</template><noscript>2.2.2.2</noscript>' +
        '<div hidden>3.3.3.3</div><span style="display: none">4.4.4.4</span><p>after</p></body></html>',
    );
    expect(out).toBe('Advisory\n\nevil.com & mail@x.org\n\nafter');
  });

  it('writes link targets after the link text unless the text already shows them', async () => {
    const out = await html(
      '<p><a href="https://evil.com/a?b=1">here</a>, <a href="https://shown.org/">https://shown.org/</a>, ' +
        '<a href="mailto:soc@x.org?subject=hi">mail</a>, <a href="/relative">rel</a>, <a href="javascript:void(0)">js</a></p>',
    );
    expect(out).toBe('here <https://evil.com/a?b=1>, https://shown.org/, mail <soc@x.org>, rel, js');
  });

  it('keeps preformatted text as it is and separates table cells', async () => {
    expect(await html('<pre>a  b\n c</pre><table><tr><td>1</td><td>2</td></tr></table>')).toBe('a  b\n c\n\n\t1\t2');
  });

  it('reads broken markup without failing', async () => {
    const out = await html(
      '<div><p>one 82.165.99.12<p>two <b>bold <i>italic</b> mixed</i>' +
        '<a href="https://outer.org/">outer <a href="http://inner.org/">inner</a> text' +
        '<!-- comment 4.4.4.4 --><p>unquoted <a href=https://u.net/x>here</a><script>never closed 7.7.7.7',
    );
    expect(out).toContain('one 82.165.99.12');
    expect(out).toContain('<http://inner.org/>');
    expect(out).toContain('<https://outer.org/>');
    expect(out).toContain('here <https://u.net/x>');
    expect(out).not.toContain('4.4.4.4');
    expect(out).not.toContain('7.7.7.7');
  });

  it('answers a page without visible text with an empty result', async () => {
    expect(issueCode(await extractText({ kind: 'html', bytes: utf8('<script>1.2.3.4</script><style></style>') }))).toBe('empty');
  });

  it('reads a page with more text than the extraction cap in part and warns', async () => {
    const page = `<p>${'word '.repeat(Math.ceil(maxExtractChars / 5) + 10)}</p>`;
    const result = await extractText({ kind: 'html', bytes: utf8(page) });
    expect(result.success && result.warnings.map((w) => w.code)).toEqual(['truncated']);
    expect(result.success && result.data.length).toBeLessThanOrEqual(maxExtractChars);
  });
});

describe('PDF', () => {
  const report = ['Incident 45.77.12.190 (C2) and evil[.]com', 'CVE-2021-44228 \\ T0843', ...Array.from({ length: 60 }, (_, i) => `line ${i}`)].join('\n');

  it('builds PDFs whose cross-reference table points at every object', () => {
    const pdf = Buffer.from(minimalPdf(report)).toString('latin1');
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const entries = pdf.slice(xrefAt).split('\n').slice(3).filter((l) => / n $/.test(l));
    expect(entries.length).toBeGreaterThan(4);
    entries.forEach((entry, i) => expect(pdf.slice(Number(entry.slice(0, 10)))).toMatch(new RegExp(`^${i + 1} 0 obj\\n`)));
  });

  it('reads the text of every page, line by line', async () => {
    const out = text(await extractText({ kind: 'pdf', bytes: minimalPdf(report) }));
    expect(out.split('\n').slice(0, 2)).toEqual(['Incident 45.77.12.190 (C2) and evil[.]com', 'CVE-2021-44228 \\ T0843']);
    expect(out).toContain('line 47'); // last line of page 1
    expect(out).toContain('line 59'); // page 2
  });

  it('reads a PDF handed over in a Node Buffer, leaving the Buffer intact', async () => {
    const buffer = Buffer.from(minimalPdf(report));
    const before = Buffer.from(buffer);
    expect(text(await extractText({ kind: 'pdf', bytes: buffer }))).toContain('Incident 45.77.12.190');
    expect(buffer.equals(before)).toBe(true);
  });

  it('reads at most the page limit and warns', async () => {
    const result = await pdfToText(minimalPdf(report), { maxPages: 1, maxChars: 1_000_000, maxMillis: 30_000 });
    expect(text(result)).not.toContain('line 59');
    expect(result.success && result.warnings).toEqual([{ path: 'pages', code: 'truncated', message: 'read the first 1 of 2 pages' }]);
  });

  it('stops before a page that would pass the character limit and warns', async () => {
    const result = await pdfToText(minimalPdf(report), { maxPages: 10, maxChars: 500, maxMillis: 30_000 });
    expect(text(result)).toContain('line 0');
    expect(text(result)).not.toContain('line 59');
    expect(result.success && result.warnings.map((w) => w.path)).toEqual(['pages/2']);
  });

  it('stops reading a PDF that takes longer than the time limit', async () => {
    const pdf = minimalPdf(Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n')); // ten pages
    const slow = await pdfToText(pdf, { maxPages: 100, maxChars: 1_000_000, maxMillis: 0 });
    if (slow.success) {
      // Opened before the timer fired: the pages after the first are cut off with a warning.
      expect(slow.warnings.map((w) => w.code)).toEqual(['truncated']);
      expect(slow.data).not.toContain('line 499');
    } else expect(issueCode(slow)).toBe('timeout');
  });

  it('answers a broken or truncated PDF with an error result', async () => {
    const pdf = minimalPdf(report);
    for (const bytes of [garbage(5000), utf8('%PDF-1.4\ngarbage\n%%EOF'), pdf.slice(0, 200), pdf.slice(0, pdf.length / 2)]) {
      const result = await extractText({ kind: 'pdf', bytes });
      expect(issueCode(result)).toBe('bad_pdf');
    }
  });

  it('answers a PDF without text, an empty one and an oversized one with error results', async () => {
    expect(issueCode(await extractText({ kind: 'pdf', bytes: minimalPdf('') }))).toBe('empty');
    expect(issueCode(await extractText({ kind: 'pdf', bytes: new Uint8Array(0) }))).toBe('empty');
    expect(issueCode(await extractText({ kind: 'pdf', bytes: new Uint8Array(maxInputBytes.pdf + 1) }))).toBe('too_large');
  });

  it('leaves the caller buffer intact', async () => {
    const bytes = minimalPdf('hello 10.0.0.1');
    const copy = bytes.slice();
    await extractText({ kind: 'pdf', bytes });
    expect(bytes).toEqual(copy);
  });
});
