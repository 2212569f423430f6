import type { World } from '../../support/fixture.js';
import { byStatus, defineFamily, markedSettings, rules, uniqueMarker, type Outcome } from '../family.js';
import { call, created, enc, markerProbe, type Method } from '../kit.js';

// Events (issue 12): E1's analyst sends one event by NDJSON at each marking; every read path and the
// live tail show it exactly to those ADR 002 lets read it.
const NDJSON = { 'content-type': 'application/x-ndjson' };
const line = (id: string) => JSON.stringify({ id, time: new Date().toISOString(), kind: 'log', severity: 'low', message: `access matrix ${id}`, fields: { host: { name: id } } });
const marking = (tlp: string, sharedUpward: boolean) => `tlp=${enc(tlp)}&sharedUpward=${sharedUpward}`;

async function send(w: World, id: string, query: string): Promise<void> {
  created(await call(w, w.people.analystE1, 'POST', `/api/v1/events?${query}`, line(id), NDJSON));
  await w.services.sensing.ingest.flush();
}

const byId = (h: { marker: string }) => `query=${enc(`id:${h.marker}`)}&from=now-1d&to=${enc(new Date(Date.now() + 3_600_000).toISOString())}`;

/** A GET whose JSON answer shows the event when `seen` says so; refusals are hidden. */
function countProbe(name: string, route: string, url: (h: { marker: string }) => string, seen: (body: unknown) => boolean) {
  return {
    name,
    kind: 'count' as const,
    route,
    rule: rules.read,
    run: async (w: World, p: Parameters<typeof call>[1], h: { marker: string }): Promise<Outcome> => {
      const response = await call(w, p, 'GET', url(h));
      if (byStatus(response) === 'hidden') return 'hidden';
      return seen(response.json()) ? 'visible' : 'hidden';
    },
  };
}

// The server the live tail is read from, started once per world.
const listening = new WeakMap<World, Promise<string>>();
const addressOf = (w: World) => {
  let address = listening.get(w);
  if (address === undefined) {
    address = w.app.listen({ port: 0, host: '127.0.0.1' });
    listening.set(w, address);
  }
  return address;
};
let tailed = 0;

export const events = defineFamily({
  name: 'events',
  routes: ['POST /api/v1/events'],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    const marker = uniqueMarker('event');
    await send(w, marker, marking(tlp, sharedUpward));
    return { id: marker, marker, extra: { marking: marking(tlp, sharedUpward) } };
  },
  probes: [
    markerProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/events/{id}', rule: rules.read }, (_w, h) => `/api/v1/events/${enc(h.id)}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/events', rule: rules.read }, (_w, h) => `/api/v1/events?${byId(h)}`),
    countProbe('count', 'GET /api/v1/events/count', (h) => `/api/v1/events/count?${byId(h)}`, (b) => (b as { count: number }).count === 1),
    countProbe('histogram', 'GET /api/v1/events/histogram', (h) => `/api/v1/events/histogram?${byId(h)}`, (b) => (b as { buckets: { count: number }[] }).buckets.some((x) => x.count > 0)),
    markerProbe({ name: 'top', kind: 'facet', route: 'GET /api/v1/events/top', rule: rules.read }, (_w, h) => `/api/v1/events/top?field=host.name&${byId(h)}`),
    {
      name: 'ingest into the organisation',
      kind: 'write',
      route: 'POST /api/v1/events',
      rule: rules.write,
      run: async (w, p, h) => byStatus(await call(w, p, 'POST' as Method, `/api/v1/events?orgId=${w.orgs.E1}&${h.extra['marking']}`, line(`${h.marker}-w${(tailed += 1)}`), NDJSON)),
    },
    {
      name: 'live tail',
      kind: 'read',
      route: 'GET /api/v1/events/tail',
      rule: rules.read,
      // A new event at the same marking, sent after the caller subscribed: does it arrive?
      run: async (w, p, h) => {
        const id = `${h.marker}-t${(tailed += 1)}`;
        const controller = new AbortController();
        const response = await fetch(`${await addressOf(w)}/api/v1/events/tail?query=${enc(`id:${id}`)}`, {
          headers: { accept: 'text/event-stream', ...(p === null ? {} : { authorization: `Bearer ${p.token}` }) },
          signal: controller.signal,
        });
        if (response.status !== 200) {
          const body = await response.text();
          if ([401, 403, 404].includes(response.status)) return 'hidden';
          throw new Error(`unexpected ${response.status}: ${body.slice(0, 300)}`);
        }
        const reader = response.body!.getReader();
        const decoder = new TextDecoder();
        let text = '';
        const read = async (pattern: string, ms: number) => {
          const deadline = Date.now() + ms;
          while (!text.includes(pattern) && Date.now() < deadline) {
            const next = await Promise.race([reader.read(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), Math.max(1, deadline - Date.now())))]);
            if (next === undefined || next.done) break;
            text += decoder.decode(next.value, { stream: true });
          }
          return text.includes(pattern);
        };
        try {
          await read(': connected', 5000);
          await send(w, id, h.extra['marking'] ?? '');
          return (await read(`"id":"${id}"`, 1500)) ? 'visible' : 'hidden';
        } finally {
          controller.abort();
          await reader.cancel().catch(() => undefined);
        }
      },
    },
  ],
});
