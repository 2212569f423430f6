import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureJob } from '../src/modules/capture/resources.js';
import { readFrames } from '../src/modules/capture/index.js';
import { CaptureReader } from '../src/modules/capture/reader/capture-reader.js';
import { readCapture } from '../src/modules/capture/reader/read-capture.js';
import type { Alert, DetectionRule } from '../src/modules/detection/index.js';
import { emitAllPendingCaptureEvents } from '../src/modules/sensing/index.js';
import { createWorld, type World } from './support/fixture.js';

const pcaps = fileURLToPath(new URL('../../shared/data/pcaps/', import.meta.url));
const file = `${pcaps}modbus/modbus_test_data_part1.pcap`;
const octets = { 'content-type': 'application/octet-stream' };

const writes = `title: Modbus writes (evidence test)
id: 0e000000-0000-4000-8000-00000000e001
level: medium
logsource:
  product: ics
  category: modbus
detection:
  selection:
    ics.operation: write
  condition: selection
`;

/** Frame numbers and bytes of a pcap, through our reader. */
async function frames(bytes: Uint8Array): Promise<{ count: number; data: Uint8Array[] }> {
  const data: Uint8Array[] = [];
  const reader = new CaptureReader({ packet: (_f, b, off, len) => void data.push(b.slice(off, off + len)) });
  await readCapture(Readable.from([bytes]), reader);
  return { count: data.length, data };
}

// An alert on events of an uploaded capture offers the frames as a pcap, to whoever may read both.
describe.each(['pglite', 'postgres'] as const)('alert packet evidence (%s)', (backend) => {
  let w: World;
  let alert: Alert;
  let job: CaptureJob;
  beforeAll(async () => {
    w = await createWorld(backend, { captureLimit: 1024 * 1024 });
    const rule = await w.request(w.people.analystE1, 'POST', '/api/v1/rules', { text: writes, file: 'writes.yml' });
    expect(rule.statusCode, rule.body).toBe(201);
    const ruleId = ((rule.json() as { rules: DetectionRule[] }).rules[0] as DetectionRule).id;
    const r = await w.request(w.people.analystE1, 'POST', '/api/v1/captures?name=part1.pcap&tlp=green', readFileSync(file), octets);
    expect(r.statusCode, r.body).toBe(202);
    await w.services.captures.idle();
    job = (await w.request(w.people.analystE1, 'GET', `/api/v1/captures/${(r.json() as CaptureJob).id}`)).json() as CaptureJob;
    expect(job.status).toBe('finished');
    // the capture's operations become events; committed chunks go to detection
    await emitAllPendingCaptureEvents(w.services.database, 500, (events) => void w.services.detection.detector.process(events));
    await w.services.detection.detector.idle();
    const list = (await w.request(w.people.analystE1, 'GET', `/api/v1/alerts?ruleId=${ruleId}`)).json() as { items: Alert[] };
    expect(list.items.length).toBeGreaterThan(0);
    alert = list.items[0] as Alert;
  });
  afterAll(async () => {
    await w?.close();
  });

  it("downloads the alert's frames from the kept capture, byte for byte", async () => {
    const r = await w.request(w.people.viewerE1, 'GET', `/api/v1/alerts/${alert.id}/evidence.pcap`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.tcpdump.pcap');
    expect(r.headers['content-disposition']).toContain(`alert-${alert.id}.pcap`);
    const got = await frames(r.rawPayload);
    // the frames the linked events name, read straight from the original file
    const detail = (await w.request(w.people.viewerE1, 'GET', `/api/v1/alerts/${alert.id}`)).json() as { events: { origin: { frame?: number }; fields: { labels?: { last_frame?: string } } }[] };
    const numbers = [...new Set(detail.events.flatMap((e) => [e.origin.frame, Number(e.fields.labels?.last_frame)]).filter((n): n is number => typeof n === 'number' && n > 0))];
    expect(numbers.length).toBeGreaterThan(0);
    const expected = await readFrames(file, numbers);
    expect(got.count).toBe(expected.length);
    expect(got.data.map((d) => Buffer.from(d).toString('hex')).sort()).toEqual(expected.map((p) => Buffer.from(p.data).toString('hex')).sort());
  });

  it('answers 404 to another organisation, and when the capture is deleted', async () => {
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/alerts/${alert.id}/evidence.pcap`)).statusCode).toBe(404);
    expect((await w.request(null, 'GET', `/api/v1/alerts/${alert.id}/evidence.pcap`)).statusCode).toBe(401);
    expect((await w.request(w.people.analystE1, 'DELETE', `/api/v1/captures/${job.id}`)).statusCode).toBe(204);
    const gone = await w.request(w.people.viewerE1, 'GET', `/api/v1/alerts/${alert.id}/evidence.pcap`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ error: { code: expect.any(String) } });
  });
});
