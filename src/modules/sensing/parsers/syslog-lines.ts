// Syslog as a file: one message per line, plus the continuation lines some writers indent under a
// message (macOS syslog, multi-line stack traces), joined to it up to a bound.
import type { EventDraft, ParseResult } from '../types.js';
import { emptyResult, type LineParser, type ParseOrigin } from './line-parser.js';
import { parseSyslogMessage } from './syslog.js';

/** Longest message built from continuation lines; the rest of a long block is dropped and counted. */
const MAX_JOINED_CHARS = 64 * 1024;

export function createSyslogLineParser(origin: ParseOrigin): LineParser {
  const receivedAt = origin.receivedAt ?? new Date();
  let held: { draft: EventDraft; extra: string[]; size: number; dropped: number } | null = null;

  const release = (): ParseResult => {
    if (!held) return emptyResult;
    const { draft, extra, dropped } = held;
    held = null;
    if (extra.length === 0) return { events: [draft], issues: [] };
    const tail = extra.join('\n');
    const joined: EventDraft = {
      ...draft,
      message: `${draft.message}\n${tail}`,
      raw: `${draft.raw ?? ''}\n${tail}`,
      ...(dropped > 0 ? { fields: { ...draft.fields, labels: { ...(draft.fields.labels ?? {}), 'syslog.continuation_dropped': String(dropped) } } } : {}),
    };
    return { events: [joined], issues: [] };
  };

  return {
    push(line, lineNo) {
      if (line.length === 0) return emptyResult;
      const first = line.charCodeAt(0);
      if ((first === 9 || first === 32) && held) {
        if (held.size + line.length <= MAX_JOINED_CHARS) {
          held.extra.push(line);
          held.size += line.length + 1;
        } else held.dropped += 1;
        return emptyResult;
      }
      const out = release();
      const parsed = parseSyslogMessage(line, { receivedAt, line: lineNo, ...(origin.file !== undefined ? { file: origin.file } : {}) });
      if ('issue' in parsed) return { events: out.events, issues: [parsed.issue] };
      held = { draft: parsed.draft, extra: [], size: parsed.draft.message.length, dropped: 0 };
      return out;
    },
    end() {
      return release();
    },
  };
}
