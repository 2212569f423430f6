import { useState } from 'react';
import { searchEvents, type EventWindow, type SensedEvent } from '../../api/sensing';
import { ErrorBanner } from '../../components/error-banner';
import { csvFileName, toCsv } from '../../lib/csv';
import { downloadText } from '../../lib/download';
import { endpointText, fieldText } from './events-model';

/** Most events one export reads (ten pages of a thousand); the file says when it stopped there. */
export const exportLimit = 10_000;

const header = ['time', 'severity', 'kind', 'source', 'message', 'source.ip', 'destination.ip', 'protocol', 'action', 'source asset', 'destination asset', 'id'];

export function eventCsvRow(e: SensedEvent): (string | undefined)[] {
  return [
    e.time,
    e.severity,
    e.kind,
    e.source?.name,
    e.message,
    endpointText(e.fields, 'source'),
    endpointText(e.fields, 'destination'),
    fieldText(e.fields, 'ics.protocol') ?? fieldText(e.fields, 'network.protocol'),
    fieldText(e.fields, 'ics.operation') ?? fieldText(e.fields, 'event.action'),
    e.assets?.source,
    e.assets?.destination,
    e.id,
  ];
}

/** CSV of every event the query matches in the range (not only the pages shown), up to exportLimit. */
export function EventsExport({ window }: { readonly window: EventWindow }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run() {
    setBusy(true);
    setError(null);
    try {
      const rows: SensedEvent[] = [];
      let cursor: string | null = null;
      do {
        const page = await searchEvents(window, 1000, cursor);
        rows.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && rows.length < exportLimit);
      downloadText(csvFileName('events'), toCsv(header, rows.slice(0, exportLimit).map(eventCsvRow)));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => void run()} disabled={busy} data-testid="events-export">
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {error === null ? null : <ErrorBanner error={error} title="The export failed." onDismiss={() => setError(null)} />}
    </>
  );
}
