import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyField, copyRows, copyText, type CopyValue } from './copy.js';
import { backends, createTestDatabase, type TestDatabase } from './test-backends.js';

const columns = { names: ['id', 't', 'n', 'b', 'arr', 'j', 'f'], textArrays: ['arr'], json: ['j'] };

// Everything the text format must escape or tell apart: tabs, backslashes, line breaks, the literal
// "\N", empty text against null, unicode beyond the BMP, JSON whose strings hold the same, arrays
// whose elements hold quotes, commas, braces and backslashes.
const awkward: readonly (readonly CopyValue[])[] = [
  [1, 'tab\there', 9007199254740991, true, ['a', 'b'], { k: 'v' }, 1.5],
  [2, 'back\\slash and \\N and \\t', -1, false, ['quote "q"', 'comma,brace{}', 'back\\slash', ''], { nested: { s: 'tab\t"q"\\n\nnl' } }, -0.25],
  [3, 'line\nbreak\r\nand CR\r', 0, null, [], [1, 'two', null, { three: 3 }], 0],
  [4, '', null, true, ['NULL', 'null'], 'json string \t with tab', null],
  [5, null, 42n, false, null, null, 1e-300],
  [6, '東京 — ünïcödé 🏭⚙️', 7, true, ['🏭', 'Ω'], { emoji: '🛰️', cjk: '制御' }, 123456.789],
  [7, '\\N', 1, true, ['\\N'], { 'key\twith': ['tab'] }, -1e20],
];

describe.each(backends)('COPY writer on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend, { migrate: false });
    await sql`create table copy_probe (id integer primary key, t text, n bigint, b boolean, arr text[], j jsonb, f double precision)`.execute(database.db);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('round-trips awkward values exactly', async () => {
    await copyRows(database, 'copy_probe', columns, awkward);
    const rows = await sql<{ id: number; t: string | null; n: string | null; b: boolean | null; arr: string[] | null; j: unknown; f: number | null }>`
      select id, t, n::text as n, b, arr, j, f from copy_probe order by id`.execute(database.db);
    expect(rows.rows).toEqual(
      awkward.map(([id, t, n, b, arr, j, f]) => ({ id, t, n: n === null ? null : String(n), b, arr, j, f })),
    );
  });

  it('writes nothing for no rows, and a failed COPY leaves the table and the connection usable', async () => {
    await copyRows(database, 'copy_probe', columns, []);
    // id 1 exists already: the whole COPY is rejected, none of its rows land
    await expect(copyRows(database, 'copy_probe', columns, [[100, 'x', 1, true, [], {}, 0], awkward[0] as readonly CopyValue[]])).rejects.toThrow();
    const count = await sql<{ n: number }>`select count(*)::int as n from copy_probe`.execute(database.db);
    expect(count.rows[0]?.n).toBe(awkward.length);
    await copyRows(database, 'copy_probe', columns, [[8, 'after', 1, true, [], {}, 0]]);
    const after = await sql<{ t: string }>`select t from copy_probe where id = 8`.execute(database.db);
    expect(after.rows[0]?.t).toBe('after');
  });

  it('waits for an open transaction instead of landing inside it', async () => {
    let copied: Promise<void> | undefined;
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into copy_probe (id, t) values (9, 'in transaction')`.execute(trx);
      copied = copyRows(database, 'copy_probe', columns, [[10, 'beside', 1, true, [], {}, 0]]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('roll back');
    }).catch(() => undefined);
    await copied;
    const ids = await sql<{ id: number }>`select id from copy_probe where id in (9, 10) order by id`.execute(database.db);
    expect(ids.rows.map((r) => r.id)).toEqual([10]);
  });
});

describe('COPY text format', () => {
  it('escapes what the format reserves and refuses NUL', () => {
    expect(copyField('a\tb\\c\nd\re')).toBe('a\\tb\\\\c\\nd\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(['x"y', 'z\\'], 'text[]')).toBe('{"x\\\\"y","z\\\\\\\\"}');
    expect(copyField(['x'])).toBe('["x"]');
    expect(copyField('s', 'json')).toBe('"s"');
    expect(() => copyField('nul\u0000')).toThrow(/NUL/);
    expect(() => copyField(Number.NaN)).toThrow();
    expect(() => copyText(columns, [[1]])).toThrow(/1 values for 7 columns/);
  });
});
