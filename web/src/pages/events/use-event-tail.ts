import { useEffect, useRef, useState } from 'react';
import { eventTailUrl, type SensedEvent } from '../../api/sensing';
import { mergeTail } from './events-model';

/** Most live events kept on the page; older ones fall off the bottom. */
export const tailLimit = 200;

export type TailStatus = 'off' | 'connecting' | 'live' | 'paused' | 'reconnecting';

export interface EventTail {
  readonly events: readonly SensedEvent[];
  readonly status: TailStatus;
  /** Events that came while paused, shown on resume. */
  readonly held: number;
  readonly pause: () => void;
  readonly resume: () => void;
  readonly clear: () => void;
}

/**
 * Newly stored events matching `query`, over server-sent events, while `on`. Paused, the stream stays
 * open and holds what comes (bounded the same way), so resuming loses nothing recent.
 */
export function useEventTail(on: boolean, query: string): EventTail {
  const [events, setEvents] = useState<readonly SensedEvent[]>([]);
  const [status, setStatus] = useState<TailStatus>('off');
  const [held, setHeld] = useState<readonly SensedEvent[]>([]);
  const paused = useRef(false);

  useEffect(() => {
    setEvents([]);
    setHeld([]);
    paused.current = false;
    if (!on) {
      setStatus('off');
      return undefined;
    }
    setStatus('connecting');
    const source = new EventSource(eventTailUrl(query), { withCredentials: true });
    source.onopen = () => setStatus(paused.current ? 'paused' : 'live');
    // EventSource reconnects by itself (the server's retry: 3000); the status says so meanwhile.
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'off' : 'reconnecting');
    source.addEventListener('event', (message) => {
      let event: SensedEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as SensedEvent;
      } catch {
        return;
      }
      if (paused.current) setHeld((h) => mergeTail(h, [event], tailLimit));
      else setEvents((shown) => mergeTail(shown, [event], tailLimit));
    });
    return () => source.close();
  }, [on, query]);

  return {
    events,
    status,
    held: held.length,
    pause: () => {
      paused.current = true;
      setStatus('paused');
    },
    resume: () => {
      paused.current = false;
      setEvents((shown) => mergeTail(shown, held, tailLimit));
      setHeld([]);
      setStatus('live');
    },
    clear: () => setEvents([]),
  };
}
