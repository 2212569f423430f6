import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../platform/errors.js';
import { createNvdClient, type NvdClientOptions, type NvdResponse, splitWindows } from './nvd-client.js';
import { parseNvd2 } from './parse-nvd2.js';

const dataDir = new URL('../../../../../../shared/data/nvd2/', import.meta.url);
const cves = ['CVE-2016-8562', 'CVE-2018-7841', 'CVE-2021-38406', 'CVE-2023-6448', 'CVE-2024-3400'].map(
  (id) => JSON.parse(readFileSync(fileURLToPath(new URL(`${id}.json`, dataDir)), 'utf8')) as unknown,
);

interface Call {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly at: number;
}

const response = (status: number, body = '', headers: Record<string, string> = {}): NvdResponse => ({
  ok: status >= 200 && status < 300,
  status,
  headers: { get: (name) => headers[name.toLowerCase()] ?? null },
  text: () => Promise.resolve(body),
});

/** A fake NVD on a fake clock: serves `total` records from `cves` per the startIndex/resultsPerPage asked. */
function fakeNvd(opts: { total?: number; failures?: NvdResponse[]; apiKey?: string } = {}) {
  let clock = 0;
  const calls: Call[] = [];
  const sleeps: number[] = [];
  const failures = [...(opts.failures ?? [])];
  const options: NvdClientOptions = {
    apiKey: opts.apiKey,
    baseUrl: 'https://nvd.test/',
    now: () => clock,
    sleep: (ms) => {
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    fetch: (url, init) => {
      calls.push({ url: new URL(url), headers: init.headers, at: clock });
      const failure = failures.shift();
      if (failure) return Promise.resolve(failure);
      const q = new URL(url).searchParams;
      const start = Number(q.get('startIndex'));
      const size = Number(q.get('resultsPerPage'));
      const total = opts.total ?? cves.length;
      const count = Math.max(0, Math.min(size, total - start));
      const vulnerabilities = Array.from({ length: count }, (_, i) => ({ cve: cves[(start + i) % cves.length] }));
      return Promise.resolve(response(200, JSON.stringify({ resultsPerPage: count, startIndex: start, totalResults: total, vulnerabilities })));
    },
  };
  return { client: createNvdClient(options), calls, sleeps };
}

async function collect(gen: AsyncGenerator<string>): Promise<string[]> {
  const pages: string[] = [];
  for await (const page of gen) pages.push(page);
  return pages;
}

const day = (d: string) => new Date(`${d}T00:00:00.000Z`);

describe('createNvdClient().fetchChanges', () => {
  it('pages through /rest/json/cves/2.0 with startIndex and yields text parseNvd2 reads', async () => {
    const nvd = fakeNvd();
    const pages = await collect(nvd.client.fetchChanges({ lastModStartDate: day('2024-01-01'), lastModEndDate: day('2024-01-31'), resultsPerPage: 2 }));
    expect(pages).toHaveLength(3);
    expect(nvd.calls.map((c) => c.url.pathname)).toEqual(Array(3).fill('/rest/json/cves/2.0'));
    expect(nvd.calls.map((c) => c.url.searchParams.get('startIndex'))).toEqual(['0', '2', '4']);
    expect(nvd.calls[0]?.url.searchParams.get('lastModStartDate')).toBe('2024-01-01T00:00:00.000+00:00');
    expect(nvd.calls[0]?.url.searchParams.get('lastModEndDate')).toBe('2024-01-31T00:00:00.000+00:00');
    const records = pages.flatMap((p, i) => parseNvd2(p, `page-${i}.json`).records.map((r) => r.sourceRecordId));
    expect(records).toEqual(['CVE-2016-8562', 'CVE-2018-7841', 'CVE-2021-38406', 'CVE-2023-6448', 'CVE-2024-3400']);
  });

  it('asks 2,000 per page by default and stops on an empty page', async () => {
    const nvd = fakeNvd({ total: 0 });
    expect(await collect(nvd.client.fetchChanges({ lastModStartDate: '2024-01-01T00:00:00Z', lastModEndDate: '2024-01-02T00:00:00Z' }))).toHaveLength(1);
    expect(nvd.calls[0]?.url.searchParams.get('resultsPerPage')).toBe('2000');
  });

  it('splits periods longer than 120 days into consecutive windows', async () => {
    const nvd = fakeNvd({ total: 1 });
    await collect(nvd.client.fetchChanges({ lastModStartDate: day('2024-01-01'), lastModEndDate: day('2024-09-07') }));
    expect(nvd.calls.map((c) => [c.url.searchParams.get('lastModStartDate'), c.url.searchParams.get('lastModEndDate')])).toEqual([
      ['2024-01-01T00:00:00.000+00:00', '2024-04-30T00:00:00.000+00:00'],
      ['2024-04-30T00:00:00.000+00:00', '2024-08-28T00:00:00.000+00:00'],
      ['2024-08-28T00:00:00.000+00:00', '2024-09-07T00:00:00.000+00:00'],
    ]);
    expect(splitWindows(day('2024-01-01'), day('2024-01-01'))).toHaveLength(1);
  });

  it('keeps to 5 requests per rolling 30 s without a key', async () => {
    const nvd = fakeNvd({ total: 7 });
    await collect(nvd.client.fetchChanges({ lastModStartDate: day('2024-01-01'), lastModEndDate: day('2024-01-02'), resultsPerPage: 1 }));
    expect(nvd.calls.map((c) => c.at)).toEqual([0, 0, 0, 0, 0, 30_000, 30_000]);
    expect(nvd.calls[0]?.headers).not.toHaveProperty('apiKey');
  });

  it('sends the apiKey header and allows 50 requests per 30 s with it', async () => {
    const nvd = fakeNvd({ total: 51, apiKey: 'secret-key' });
    await collect(nvd.client.fetchChanges({ lastModStartDate: day('2024-01-01'), lastModEndDate: day('2024-01-02'), resultsPerPage: 1 }));
    expect(nvd.calls).toHaveLength(51);
    expect(nvd.calls.filter((c) => c.at === 0)).toHaveLength(50);
    expect(nvd.calls[50]?.at).toBe(30_000);
    expect(nvd.calls.every((c) => c.headers.apiKey === 'secret-key')).toBe(true);
    expect(nvd.calls.every((c) => !c.url.search.includes('secret-key'))).toBe(true);
  });

  it('retries 503, 429 (honouring Retry-After) and 403 with backoff', async () => {
    const nvd = fakeNvd({ total: 1, failures: [response(503), response(429, '', { 'retry-after': '20' }), response(403)] });
    const pages = await collect(nvd.client.fetchChanges({ lastModStartDate: day('2024-01-01'), lastModEndDate: day('2024-01-02') }));
    expect(pages).toHaveLength(1);
    expect(nvd.calls).toHaveLength(4);
    expect(nvd.sleeps).toEqual([6_000, 20_000, 24_000]);
  });

  it('gives up after the last attempt, and at once on other statuses', async () => {
    const busy = fakeNvd({ failures: Array.from({ length: 5 }, () => response(503)) });
    await expect(collect(busy.client.fetchChanges({ lastModStartDate: day('2024-01-01'), lastModEndDate: day('2024-01-02') }))).rejects.toMatchObject({
      name: 'NvdApiError',
      status: 503,
    });
    expect(busy.calls).toHaveLength(5);
    const bad = fakeNvd({ failures: [response(404)] });
    await expect(collect(bad.client.fetchChanges({ lastModStartDate: day('2024-01-01'), lastModEndDate: day('2024-01-02') }))).rejects.toMatchObject({ status: 404 });
    expect(bad.calls).toHaveLength(1);
  });

  it('refuses a reversed period, a bad date and an oversized page', async () => {
    const { client } = fakeNvd();
    await expect(collect(client.fetchChanges({ lastModStartDate: day('2024-02-01'), lastModEndDate: day('2024-01-01') }))).rejects.toBeInstanceOf(InputError);
    await expect(collect(client.fetchChanges({ lastModStartDate: 'yesterday', lastModEndDate: day('2024-01-01') }))).rejects.toBeInstanceOf(InputError);
    await expect(collect(client.fetchChanges({ lastModStartDate: day('2024-01-01'), lastModEndDate: day('2024-01-02'), resultsPerPage: 5000 }))).rejects.toBeInstanceOf(
      InputError,
    );
  });
});
