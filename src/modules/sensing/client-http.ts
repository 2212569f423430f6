import { gzipSync } from 'node:zlib';
import { parsedBody, queryString as query, RemoteError, type Api } from '../../platform/cli-kit/api.js';
import type { EventsClient } from './client-port.js';
import { runImport } from './event-import.js';
import type { SensedEvent } from './types.js';

interface IngestAnswer {
  readonly accepted: number;
  readonly rejected: number;
  readonly issues: readonly { line: number; path: string; message: string }[];
}

/** The events commands against a server's API with a bearer token. */
export function httpEventsClient(api: Api): EventsClient {
  const { base, headers: auth, fetch: fetchImpl } = api;
  return {
    async eventsImport(path, options) {
      const params = query({ orgId: options.orgId, tlp: options.tlp, sharedUpward: options.sharedUpward });
      return runImport(path, options.format, async (batch) => {
        const body = gzipSync(Buffer.from(batch.drafts.map((d) => JSON.stringify(d)).join('\n')));
        for (;;) {
          const response = await fetchImpl(`${base}/api/v1/events${params}`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
            body,
          });
          if (response.status === 429) {
            // The server's pipeline is full: wait as long as it says, then send the same batch again (ids make it safe).
            await response.text();
            await new Promise((resolve) => setTimeout(resolve, Math.max(1, Number(response.headers.get('retry-after')) || 1) * 1000));
            continue;
          }
          const answer = await parsedBody<IngestAnswer>(response);
          // The server numbers the lines of the body it got: line n is draft n - 1 of this batch.
          return { accepted: answer.accepted, refused: answer.issues.map((i) => ({ index: i.line - 1, path: i.path, message: i.message })) };
        }
      });
    },
    eventsQuery: (input) => api.call('GET', `/events${query({ ...input })}`),
    eventsCount: (input) => api.call('GET', `/events/count${query({ ...input })}`),
    eventsRetention: (orgId) => api.call('GET', `/events/retention${query({ orgId })}`),
    setEventsRetention: (orgId, days) => api.call('PUT', '/events/retention', { ...(orgId === undefined ? {} : { orgId }), days }),
    async eventsTail(q, onEvent, signal) {
      const response = await fetchImpl(`${base}/api/v1/events/tail${query({ query: q })}`, { headers: { ...auth, accept: 'text/event-stream' }, signal }).catch((error: unknown) => {
        if (signal.aborted) return undefined;
        throw error;
      });
      if (response === undefined) return;
      if (!response.ok || response.body === null) {
        await parsedBody(response);
        throw new RemoteError(response.status, 'http_error', `HTTP ${response.status}`, []);
      }
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = message.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            if (data !== '' && message.includes('event: event')) onEvent(JSON.parse(data) as SensedEvent);
            end = buffer.indexOf('\n\n');
          }
        }
      } catch (error) {
        if (!signal.aborted) throw error;
      }
    },
  };
}
