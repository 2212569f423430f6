// A small valid PDF written by hand (catalog, page tree, pages with one text stream each, Helvetica,
// and an exact cross-reference table), so that tests and the benchmark have PDFs without a PDF writer.

const linesPerPage = 50;

/** Escapes a line for a PDF literal string; characters outside Latin-1 become "?". */
function pdfString(line: string): string {
  let out = '';
  for (const ch of line) {
    const code = ch.codePointAt(0) ?? 63;
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (code < 32 || code > 255) out += '?';
    else out += ch;
  }
  return `(${out})`;
}

/** One page per 50 lines of text; each line is shown with its own text positioning. */
export function minimalPdf(text: string): Uint8Array {
  const lines = text.split(/\r?\n/);
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += linesPerPage) pages.push(lines.slice(i, i + linesPerPage));
  if (pages.length === 0) pages.push([]);

  // Object numbers: 1 catalog, 2 page tree, 3 font, then page and content stream per page.
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((pageLines, i) => {
    const pageId = pageIds[i] as number;
    const body = ['BT', '/F1 10 Tf', '12 TL', '40 800 Td', ...pageLines.map((l) => `${pdfString(l)} Tj T*`), 'ET'].join('\n');
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${latin1Length(body)} >>\nstream\n${body}\nendstream`;
  });

  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = latin1Length(out);
    out += `${id} 0 obj\n${objects[id] as string}\nendobj\n`;
  }
  const xrefAt = latin1Length(out);
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
}

// Every character written is Latin-1 (one byte each), so string length is byte length.
function latin1Length(s: string): number {
  return s.length;
}
