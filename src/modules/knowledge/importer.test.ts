import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access.js';
import { createServices, type Services } from '../../services.js';
import { createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';
import { detectFormat } from './detect-format.js';
import { linkedDocuments } from './importer.js';

const data = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

describe('detectFormat', () => {
  it('recognizes every source format from real files', () => {
    const sniff = (path: string) => detectFormat(path, readFileSync(`${data}${path}`, 'utf8'));
    expect(sniff('csaf/OT/2024/icsa-24-004-01.json')).toBe('csaf');
    expect(sniff('csaf/cisa-csaf-ot-feed-tlp-white.json')).toBe('rolie');
    expect(sniff('kev/known_exploited_vulnerabilities.json')).toBe('kev');
    expect(sniff('kev/known_exploited_vulnerabilities_schema.json')).toBe('json-schema');
    expect(sniff('attack/ics-attack.json')).toBe('attack');
    expect(sniff('cve5/CVE-2016-8562.json')).toBe('cve5');
    expect(sniff('nvd2/CVE-2016-8562.json')).toBe('nvd2');
    expect(detectFormat('x.xml', '<?xml version="1.0"?><vulnerabitys/>')).toBe('cnvd');
    expect(detectFormat('x.json', '{"schema_version":"1.6.0","id":"GHSA-aaaa-bbbb-cccc","modified":"2024-01-01T00:00:00Z","affected":[]}')).toBe('osv');
    expect(detectFormat('x.json', '{"hello":"world"}')).toBeNull();
  });

  it('lists the documents of a ROLIE feed and of provider metadata', () => {
    const feed = JSON.stringify({ feed: { entry: [{ id: 'a', content: { src: 'https://x.example/2024/a.json' } }, { id: 'b', link: [{ rel: 'self', href: 'b.json' }] }] } });
    expect(linkedDocuments('rolie', feed, 'https://x.example/feed.json')).toEqual(['https://x.example/2024/a.json', 'https://x.example/b.json']);
    const meta = JSON.stringify({ distributions: [{ rolie: { feeds: [{ url: 'https://x.example/feed.json' }] } }] });
    expect(linkedDocuments('provider-metadata', meta, 'https://x.example/.well-known/csaf/provider-metadata.json')).toEqual(['https://x.example/feed.json']);
    expect(linkedDocuments('rolie', 'not json', 'https://x.example/')).toEqual([]);
  });
});

describe('importing from a URL: provider metadata → ROLIE feed → CSAF documents', () => {
  let server: Server;
  let base: string;
  let database: TestDatabase;
  let services: Services;
  const served: string[] = [];

  beforeAll(async () => {
    const files: Record<string, string> = {
      '/csaf/2024/icsa-24-004-01.json': readFileSync(`${data}csaf/OT/2024/icsa-24-004-01.json`, 'utf8'),
      '/csaf/2024/icsa-24-065-01.json': readFileSync(`${data}csaf/OT/2024/icsa-24-065-01.json`, 'utf8'),
    };
    server = createServer((req, res) => {
      served.push(req.url ?? '');
      const url = req.url ?? '';
      const body =
        url === '/.well-known/csaf/provider-metadata.json'
          ? JSON.stringify({ canonical_url: `${base}/.well-known/csaf/provider-metadata.json`, distributions: [{ rolie: { feeds: [{ url: `${base}/csaf/feed.json`, tlp_label: 'WHITE' }] } }] })
          : url === '/csaf/feed.json'
            ? JSON.stringify({ feed: { id: 'f', entry: [{ id: 'ICSA-24-004-01', content: { src: '2024/icsa-24-004-01.json' } }, { id: 'ICSA-24-065-01', content: { src: '2024/icsa-24-065-01.json' } }, { id: 'missing', content: { src: '2024/missing.json' } }] } })
            : files[url];
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' }).end(body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    database = await createTestDatabase('pglite');
    services = createServices(database);
  });

  afterAll(async () => {
    server.close();
    await database.dispose();
  });

  it('follows the feed, imports each advisory, and reports the one that is missing', async () => {
    const report = await services.knowledge.importFrom(systemActor('test'), `${base}/.well-known/csaf/provider-metadata.json`);
    expect(report.stats.files).toBe(2);
    expect(report.stats.advisories).toBe(2);
    expect(report.issues).toEqual([expect.objectContaining({ file: `${base}/csaf/2024/missing.json`, severity: 'error' })]);
    expect(served).toContain('/csaf/feed.json');
    const again = await services.knowledge.importFrom(systemActor('test'), `${base}/csaf/feed.json`);
    expect(again.stats.unchanged).toBe(again.stats.records);
  });
});
