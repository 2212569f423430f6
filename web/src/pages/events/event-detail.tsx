import { Link } from 'react-router-dom';
import { getEvent, type SensedEvent } from '../../api/sensing';
import { ErrorBanner } from '../../components/error-banner';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { fieldLines } from './events-model';

interface EventDetailProps {
  readonly event: SensedEvent;
  /** Adds `path:value` to the query. */
  readonly onFilter: (path: string, value: string) => void;
}

function originText(event: SensedEvent): string {
  const o = event.origin ?? {};
  const parts = [
    o.file === undefined ? null : `${o.file}${o.line === undefined ? '' : `:${o.line}`}`,
    o.frame === undefined ? null : `frame ${o.frame}`,
    o.sender === undefined ? null : `from ${o.sender}`,
    o.stream === undefined ? null : o.stream,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? '—' : parts.join(' · ');
}

/** The whole event under its row: fields as a tree (a leaf filters on click), raw text and origin. */
export function EventDetail({ event, onFilter }: EventDetailProps) {
  // The list may carry a trimmed event; the full one (raw text included) is asked for once.
  const { load } = useLoad((signal) => getEvent(event.id, signal), [event.id], { key: ['events', 'one'] });
  const full = load.data ?? event;
  const lines = fieldLines(full.fields ?? {});
  return (
    <div className="event-detail" data-testid="event-detail">
      {load.state === 'failed' ? <ErrorBanner error={load.error} title="Could not load the whole event." /> : null}
      <dl className="details event-facts">
        <div>
          <dt>Id</dt>
          <dd className="mono small">{full.id}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>
            {formatDateTime(full.time)}
            {full.receivedAt === undefined ? null : <span className="muted small"> (received {formatDateTime(full.receivedAt)})</span>}
          </dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{full.source === undefined ? '—' : `${full.source.name} (${full.source.type})`}</dd>
        </div>
        <div>
          <dt>Origin</dt>
          <dd className="mono small" data-testid="event-origin">
            {originText(full)}
          </dd>
        </div>
        {full.assets?.source === undefined && full.assets?.destination === undefined ? null : (
          <div>
            <dt>Assets</dt>
            <dd>
              {full.assets?.source === undefined ? null : <Link to={`/assets/${encodeURIComponent(full.assets.source)}`}>Source asset</Link>}
              {full.assets?.source !== undefined && full.assets.destination !== undefined ? ' · ' : null}
              {full.assets?.destination === undefined ? null : <Link to={`/assets/${encodeURIComponent(full.assets.destination)}`}>Destination asset</Link>}
            </dd>
          </div>
        )}
      </dl>
      <div className="event-detail-columns">
        <section aria-label="Fields">
          <h3 className="event-detail-title">Fields</h3>
          <ul className="event-fields" data-testid="event-fields">
            {lines.map((l) => (
              <li key={l.path} className="event-field" style={{ paddingLeft: `${l.depth * 1.1}rem` }}>
                <span className="mono event-field-key">{l.key}</span>
                {l.value === undefined ? null : (
                  <>
                    {' '}
                    <button type="button" className="btn-link event-field-value mono" title={`Filter on ${l.path}`} onClick={() => onFilter(l.path, l.value ?? '')}>
                      {l.value}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Raw text">
          <h3 className="event-detail-title">Raw{full.rawTruncated === true ? ' (cut at 8 KiB)' : ''}</h3>
          {full.raw === undefined || full.raw === null ? <p className="muted small">The source kept no raw text.</p> : <pre className="event-raw" data-testid="event-raw">{full.raw}</pre>}
        </section>
      </div>
    </div>
  );
}
