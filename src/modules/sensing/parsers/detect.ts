// Guesses a file's format from its first lines: Zeek header, EVE JSON, Windows event JSON, syslog.
import type { ParserFormat } from './index.js';

const WINEVENT_KEYS = ['EventID', 'event_id', 'winlog', 'Channel', 'EventRecordID'];

/** The format of a text from its first non-blank lines, or null when none fits. */
export function detectFormat(firstLines: readonly string[]): ParserFormat | null {
  for (const raw of firstLines) {
    const line = raw.trim();
    if (line.length === 0 || line.startsWith('### ')) continue;
    if (line.startsWith('#separator') || line.startsWith('#fields') || line.startsWith('#path')) return 'zeek';
    if (line.startsWith('{')) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return null;
      }
      if (typeof value !== 'object' || value === null) return null;
      const record = value as Record<string, unknown>;
      if (typeof record['event_type'] === 'string') return 'suricata';
      if (typeof record['_path'] === 'string' || (typeof record['uid'] === 'string' && 'id.orig_h' in record) || 'id.orig_h' in record) return 'zeek';
      if (WINEVENT_KEYS.some((key) => key in record)) return 'winevent';
      return null;
    }
    if (/^<\d{1,3}>/.test(line) || /^[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} /.test(line) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\S* \S+ /.test(line)) return 'syslog';
    return null;
  }
  return null;
}
