import { gzipSync } from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ImportIssue } from '../sources/types.js';
import { archiveDocuments, archiveKind, defaultArchiveLimits, unsafeEntryName } from './archive.js';

async function collect(buffer: Buffer, limits = defaultArchiveLimits) {
  const issues: ImportIssue[] = [];
  const names: string[] = [];
  for await (const doc of archiveDocuments(buffer, issues, 'a', limits)) names.push(doc.name);
  return { names, issues };
}

async function tarOf(entries: { name: string; body?: string; type?: 'file' | 'symlink'; linkname?: string }[], gzip = false): Promise<Buffer> {
  const p = pack();
  for (const e of entries) {
    if (e.type === 'symlink') p.entry({ name: e.name, type: 'symlink', linkname: e.linkname ?? '/etc/passwd' });
    else p.entry({ name: e.name }, e.body ?? '{}');
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  const tar = Buffer.concat(chunks);
  return gzip ? gzipSync(tar) : tar;
}

describe('knowledge archives', () => {
  it('reads the JSON and XML documents of a zip, skipping other and hidden files', async () => {
    const zip = Buffer.from(zipSync({ 'csaf/a.json': strToU8('{"a":1}'), 'cnvd/b.xml': strToU8('<x/>'), 'readme.txt': strToU8('hi'), '__MACOSX/._a.json': strToU8('x'), '.hidden.json': strToU8('{}') }));
    const { names, issues } = await collect(zip);
    expect(names.sort()).toEqual(['a/cnvd/b.xml', 'a/csaf/a.json']);
    expect(issues).toEqual([]);
  });

  it('refuses zip entries whose names leave the archive, and reads the rest', async () => {
    const zip = Buffer.from(zipSync({ '../evil.json': strToU8('{}'), '/abs.json': strToU8('{}'), 'ok/../../up.json': strToU8('{}'), 'good.json': strToU8('{}') }));
    const { names, issues } = await collect(zip);
    expect(names).toEqual(['a/good.json']);
    expect(issues.map((i) => i.file).sort()).toEqual(['a//abs.json', 'a/../evil.json', 'a/ok/../../up.json'].sort());
    expect(issues.every((i) => i.severity === 'error' && i.message.startsWith('entry refused'))).toBe(true);
  });

  it('refuses a zip bomb entry by its ratio before inflating it', async () => {
    const bomb = new Uint8Array(64 * 1024 * 1024);
    const zip = Buffer.from(zipSync({ 'bomb.json': [bomb, { level: 9 }], 'fine.json': strToU8('{"x":1}') }));
    expect(zip.length).toBeLessThan(1024 * 1024);
    const { names, issues } = await collect(zip);
    expect(names).toEqual(['a/fine.json']);
    expect(issues[0]?.message).toMatch(/to 1, more than 200 to 1/);
  });

  it('stops at the total unpacked size and at the entry count', async () => {
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.json`, strToU8(`{"pad":"${'x'.repeat(1000)}"}`)]));
    const small = { ...defaultArchiveLimits, maxTotalBytes: 2500 };
    const total = await collect(Buffer.from(zipSync(files)), small);
    expect(total.names.length).toBe(2);
    expect(total.issues.at(-1)?.message).toMatch(/more than 2500 bytes/);
    await expect(collect(Buffer.from(zipSync(files)), { ...defaultArchiveLimits, maxEntries: 3 })).rejects.toThrow(/5 entries, more than 3/);
  });

  it('reads tar and tar.gz, refusing links and traversal', async () => {
    const entries = [{ name: 'ok.json', body: '{"a":1}' }, { name: '../../etc/x.json' }, { name: 'link.json', type: 'symlink' as const }, { name: './dir/b.json' }];
    for (const gz of [false, true]) {
      const buffer = await tarOf(entries, gz);
      expect(archiveKind(buffer)).toBe(gz ? 'tar.gz' : 'tar');
      const { names, issues } = await collect(buffer);
      expect(names).toEqual(['a/ok.json', 'a/dir/b.json']);
      expect(issues.map((i) => i.message)).toEqual(['entry refused: a ".." step that leaves the archive', 'entry refused: a symbolic link']);
    }
  });

  it('stops a tar.gz bomb at the unpacked limit', async () => {
    const buffer = await tarOf([{ name: 'big.json', body: '0'.repeat(8 * 1024 * 1024) }], true);
    expect(buffer.length).toBeLessThan(100 * 1024);
    const { names, issues } = await collect(buffer, { ...defaultArchiveLimits, maxTotalBytes: 1024 * 1024, maxEntryBytes: 512 * 1024 });
    expect(names).toEqual([]);
    expect(issues[0]?.message).toMatch(/more than/);
  });

  it('refuses what is no archive, and damaged archives say so', async () => {
    expect(() => archiveDocuments(Buffer.from('{"not":"an archive"}'), [])).toThrow(/not an archive/);
    const zip = Buffer.from(zipSync({ 'a.json': strToU8('{"a":1}') }));
    await expect(collect(zip.subarray(0, zip.length - 10))).rejects.toThrow(/not a readable zip/);
  });

  it('never accepts a name with a ".." step or an absolute path (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '..', '.', 'c.json'), { minLength: 1, maxLength: 6 }), fc.boolean(), (parts, absolute) => {
        const name = (absolute ? '/' : '') + parts.join('/');
        const verdict = unsafeEntryName(name);
        if (absolute || parts.includes('..')) expect(verdict).not.toBeNull();
        else expect(verdict).toBeNull();
      }),
    );
  });
});
