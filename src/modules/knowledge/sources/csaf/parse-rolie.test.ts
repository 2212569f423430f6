import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProviderMetadata } from './parse-provider-metadata.js';
import { changedEntries, csafFileName, entryRelativePath, parseRolieFeed } from './parse-rolie.js';
import type { RolieEntry } from './parse-rolie.js';

const csafDir = fileURLToPath(new URL('../../../../../../shared/data/csaf/', import.meta.url));
const feedFile = `${csafDir}cisa-csaf-ot-feed-tlp-white.json`;

describe('parseRolieFeed on the CISA OT feed', () => {
  const { feed, issues } = parseRolieFeed(readFileSync(feedFile, 'utf8'), feedFile);

  it('lists every advisory with its document URL and times', () => {
    expect(issues).toEqual([]);
    expect(feed?.id).toBe('cisa-csaf-ot-feed-tlp-white');
    expect(feed?.entries).toHaveLength(2379);
    expect(feed?.entries[0]).toEqual({
      id: 'ICSA-24-298-03',
      title: 'Deep Sea Electronics DSE855',
      url: 'https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/OT/white/2024/icsa-24-298-03.json',
      published: '2024-10-24T06:00:00.000000Z',
      updated: '2024-10-24T06:00:00.000000Z',
      hashUrl: 'https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/OT/white/2024/icsa-24-298-03.json.sha512',
      signatureUrl: 'https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/OT/white/2024/icsa-24-298-03.json.asc',
    });
  });

  it('resolves entries to a local mirror: all 977 OT advisories of 2017-2019 and 2024 are found', () => {
    const local = (feed?.entries ?? []).filter((e) => existsSync(`${csafDir}OT/${entryRelativePath(e)}`));
    expect(local).toHaveLength(977);
    expect(entryRelativePath(local[0] as RolieEntry)).toBe('2024/icsa-24-298-03.json');
  });

  it('selects new and updated entries for an incremental import, oldest first', () => {
    const entries = (feed?.entries ?? []).slice(0, 3);
    const [a, b, c] = entries as [RolieEntry, RolieEntry, RolieEntry];
    const known = new Map([
      [a.id, a.updated], // unchanged
      [b.id, '2000-01-01T00:00:00Z'], // updated since
    ]);
    const todo = changedEntries(entries, known);
    expect(todo.map((e) => e.id).sort()).toEqual([b.id, c.id].sort());
    expect(changedEntries(entries, new Map(entries.map((e) => [e.id, e.updated])))).toEqual([]);
  });
});

describe('parseRolieFeed on broken feeds', () => {
  const entry = (id: string) => ({
    id,
    title: id,
    link: [{ rel: 'self', href: `https://example.com/2025/${id.toLowerCase()}.json` }],
    published: '2025-01-01T00:00:00Z',
    updated: '2025-01-01T00:00:00Z',
  });

  it('skips a bad entry with its pointer and keeps the others', () => {
    const text = JSON.stringify({ feed: { id: 'f', title: 'F', updated: '2025-01-01T00:00:00Z', entry: [entry('EX-1'), { ...entry('EX-2'), link: [] }, entry('EX-1')] } });
    const { feed, issues } = parseRolieFeed(text, 'feed.json');
    expect(feed?.entries.map((e) => e.url)).toEqual(['https://example.com/2025/ex-1.json']);
    expect(issues.map((i) => [i.pointer, i.severity])).toEqual([
      ['/feed/entry/1/link', 'error'],
      ['/feed/entry/2/id', 'warning'],
    ]);
  });

  it('reports malformed JSON and a missing feed', () => {
    const broken = parseRolieFeed('{"feed": [', 'f.json');
    expect(broken.feed).toBeUndefined();
    expect(broken.issues).toMatchObject([{ pointer: '', severity: 'error' }]);
    expect(parseRolieFeed('{}', 'f.json').issues[0]).toMatchObject({ pointer: '/feed', severity: 'error' });
  });

  it('names files by the CSAF rule', () => {
    expect(csafFileName('ICSA-24-004-01')).toBe('icsa-24-004-01.json');
    expect(csafFileName('Example SA 2025/01')).toBe('example_sa_2025_01.json');
  });
});

describe('parseProviderMetadata', () => {
  // Project-authored, shaped like a real provider's metadata.
  const metadata = {
    canonical_url: 'https://psirt.example.com/.well-known/csaf/provider-metadata.json',
    distributions: [
      {
        rolie: {
          feeds: [
            { summary: 'TLP:WHITE advisories', tlp_label: 'WHITE', url: 'https://psirt.example.com/.well-known/csaf/feed-tlp-white.json' },
            { tlp_label: 'GREEN', url: 'https://psirt.example.com/.well-known/csaf/feed-tlp-green.json' },
          ],
        },
      },
      { directory_url: 'https://psirt.example.com/.well-known/csaf/white/' },
    ],
    last_updated: '2025-03-01T10:00:00Z',
    list_on_CSAF_aggregators: true,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: true,
    publisher: { category: 'vendor', name: 'Example AG', namespace: 'https://example.com' },
    role: 'csaf_trusted_provider',
  };

  it('lists the ROLIE feeds and directories', () => {
    const r = parseProviderMetadata(JSON.stringify(metadata), 'provider-metadata.json');
    expect(r.issues).toEqual([]);
    expect(r.metadata).toEqual({
      canonicalUrl: metadata.canonical_url,
      lastUpdated: '2025-03-01T10:00:00Z',
      role: 'csaf_trusted_provider',
      publisher: { name: 'Example AG', namespace: 'https://example.com', category: 'vendor' },
      feeds: [
        { url: 'https://psirt.example.com/.well-known/csaf/feed-tlp-white.json', tlpLabel: 'WHITE', summary: 'TLP:WHITE advisories' },
        { url: 'https://psirt.example.com/.well-known/csaf/feed-tlp-green.json', tlpLabel: 'GREEN' },
      ],
      directoryUrls: ['https://psirt.example.com/.well-known/csaf/white/'],
    });
  });

  it('reports an invalid TLP label with its pointer', () => {
    const bad = { ...metadata, distributions: [{ rolie: { feeds: [{ tlp_label: 'CLEAR', url: 'https://x.example/feed.json' }] } }] };
    const r = parseProviderMetadata(JSON.stringify(bad), 'p.json');
    expect(r.metadata).toBeUndefined();
    expect(r.issues[0]).toMatchObject({ pointer: '/distributions/0/rolie/feeds/0/tlp_label', severity: 'error' });
  });

  it('warns when a provider lists no distributions', () => {
    const { distributions: _omit, ...rest } = metadata;
    const r = parseProviderMetadata(JSON.stringify(rest), 'p.json');
    expect(r.metadata?.feeds).toEqual([]);
    expect(r.issues).toMatchObject([{ pointer: '/distributions', severity: 'warning' }]);
  });
});
