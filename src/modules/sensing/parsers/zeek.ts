// Zeek logs: TSV with their `#separator`/`#fields`/`#types` headers (several header blocks per file
// are fine), and JSON Streaming Logs (one object per line with `_path`). Each record goes to the
// mapper in zeek-map.ts; this file only reads the format.
import { emptyResult, oneIssue, parseJsonObject, type LineParser, type ParseOrigin } from './line-parser.js';
import { mapZeekRecord, type ZeekRecord } from './zeek-map.js';

interface Header {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
  path: string | undefined;
  fields: string[] | null;
}

export function createZeekLineParser(origin: ParseOrigin): LineParser {
  const filePath = origin.file !== undefined ? pathFromFileName(origin.file) : undefined;
  const header: Header = { separator: '\t', setSeparator: ',', emptyField: '(empty)', unsetField: '-', path: filePath, fields: null };

  return {
    push(line, lineNo) {
      if (line.length === 0) return emptyResult;
      const first = line.charCodeAt(0);
      if (first === 35 /* # */) return readHeader(header, line, lineNo);
      if (first === 123 /* { */) {
        const parsed = parseJsonObject(line, lineNo);
        if ('issue' in parsed) return { events: [], issues: [parsed.issue] };
        const record = fromJson(parsed.value);
        const path = typeof parsed.value['_path'] === 'string' ? parsed.value['_path'] : filePath;
        return mapZeekRecord(path ?? 'unknown', record, lineNo, line, origin);
      }
      if (header.fields === null) return oneIssue(lineNo, '', 'data line before a #fields header');
      const values = line.split(header.separator);
      if (values.length !== header.fields.length) {
        return oneIssue(lineNo, '', `expected ${header.fields.length} fields, found ${values.length}`);
      }
      const record: ZeekRecord = {};
      for (let i = 0; i < values.length; i += 1) {
        const value = values[i] as string;
        if (value === header.unsetField) continue;
        const name = header.fields[i] as string;
        if (value === header.emptyField) record[name] = '';
        else record[name] = value.includes('\\x') ? unescapeZeek(value) : value;
      }
      return mapZeekRecord(header.path ?? 'unknown', record, lineNo, line, origin);
    },
    end() {
      return emptyResult;
    },
  };
}

function readHeader(header: Header, line: string, lineNo: number) {
  // btest baselines prefix a `### ...` banner; `#open`/`#close` carry no information a record needs.
  if (line.startsWith('##')) return emptyResult;
  const cut = firstBreak(line, header.separator);
  const name = line.slice(1, cut);
  const value = cut < line.length ? line.slice(cut + 1) : '';
  switch (name) {
    case 'separator': {
      const separator = unescapeZeek(value.trim());
      if (separator.length === 0) return oneIssue(lineNo, 'separator', 'empty #separator');
      header.separator = separator;
      header.fields = null;
      return emptyResult;
    }
    case 'set_separator':
      header.setSeparator = unescapeZeek(value);
      return emptyResult;
    case 'empty_field':
      header.emptyField = value;
      return emptyResult;
    case 'unset_field':
      header.unsetField = value;
      return emptyResult;
    case 'path':
      header.path = value;
      return emptyResult;
    case 'fields': {
      const fields = value.split(header.separator);
      if (fields.some((field) => field.length === 0)) return oneIssue(lineNo, 'fields', 'empty field name in #fields');
      header.fields = fields;
      return emptyResult;
    }
    default:
      // #types, #open, #close and unknown directives.
      return emptyResult;
  }
}

/** The header's name ends at the separator or, in hand-edited or btest files, at a space. */
function firstBreak(line: string, separator: string): number {
  const sep = line.indexOf(separator, 1);
  const space = line.indexOf(' ', 1);
  const candidates = [sep, space].filter((i) => i > 0);
  return candidates.length === 0 ? line.length : Math.min(...candidates);
}

/** Zeek escapes separators and non-printable bytes as `\xNN`. */
export function unescapeZeek(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** JSON values as the mapper reads them: strings, with sets and vectors joined by commas as TSV writes them. */
function fromJson(value: Record<string, unknown>): ZeekRecord {
  const record: ZeekRecord = {};
  for (const [key, raw] of Object.entries(value)) {
    if (key === '_path' || key === '_write_ts' || raw === null || raw === undefined) continue;
    if (typeof raw === 'string') record[key] = raw;
    else if (typeof raw === 'number') record[key] = String(raw);
    else if (typeof raw === 'boolean') record[key] = raw ? 'T' : 'F';
    else if (Array.isArray(raw)) record[key] = raw.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(',');
    else record[key] = JSON.stringify(raw);
  }
  return record;
}

/** `conn.log`, `conn.00:00:00-01:00:00.log.gz`, `modbus.json` → the log's path. */
export function pathFromFileName(file: string): string | undefined {
  const base = file.split(/[\\/]/).pop() ?? '';
  const match = /^([A-Za-z0-9_-]+?)(?:[.-]\d.*)?\.(?:log|json|jsonl|ndjson|txt)(?:\.gz)?$/.exec(base);
  return match ? match[1] : undefined;
}
