import { Link } from 'react-router-dom';
import type { SensedEvent } from '../../api/sensing';
import { formatDateTime } from '../../lib/format';
import { endpointText, eventsLink, queryValue, type TimeRange } from '../events/events-model';

const around = (time: string): TimeRange => ({ kind: 'custom', from: new Date(Date.parse(time) - 60_000).toISOString(), to: new Date(Date.parse(time) + 60_000).toISOString() });
import { SeverityBadge } from './alert-badges';

/** A capture frame an event came from: `origin.stream` is `capture/<job id>`. */
export function captureFrameOf(event: SensedEvent): { readonly jobId: string; readonly frame: number } | null {
  const stream = event.origin?.stream ?? '';
  const frame = event.origin?.frame;
  return stream.startsWith('capture/') && typeof frame === 'number' ? { jobId: stream.slice('capture/'.length), frame } : null;
}

/** The alert's linked events in time order: when, what, from where to where, and the capture frame when there is one. */
export function AlertTimeline({ events, missing }: { readonly events: readonly SensedEvent[]; readonly missing: number }) {
  const sorted = [...events].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return (
    <>
      <ol className="alert-timeline" data-testid="alert-timeline">
        {sorted.map((e) => {
          const frame = captureFrameOf(e);
          const from = endpointText(e.fields, 'source');
          const to = endpointText(e.fields, 'destination');
          return (
            <li key={e.id} className="alert-timeline-item">
              <time dateTime={e.time} className="nowrap small">
                {formatDateTime(e.time)}
              </time>
              <div>
                <SeverityBadge severity={e.severity} /> {e.message ?? ''}
                <div className="muted small">
                  {from === '' && to === '' ? null : (
                    <span className="mono">
                      {from || '?'} → {to || '?'}
                    </span>
                  )}
                  {frame === null ? null : (
                    <>
                      {' · '}
                      <Link to={`/capture/${encodeURIComponent(frame.jobId)}`}>frame {frame.frame} of its capture</Link>
                    </>
                  )}
                  {' · '}
                  <Link to={eventsLink(`id:${queryValue(e.id)}`, around(e.time))}>the event</Link>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {missing === 0 ? null : (
        <p className="muted small">
          {missing} linked {missing === 1 ? 'event is' : 'events are'} not shown: past the retention period, or marked so that you may not read {missing === 1 ? 'it' : 'them'}.
        </p>
      )}
    </>
  );
}
