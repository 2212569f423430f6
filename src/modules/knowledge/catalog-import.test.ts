import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access.js';
import { createServices } from '../../services.js';
import { createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';

const data = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

// The catalog as imports fill it (issue 11, defect 6): a vendor string naming several vendors
// becomes each vendor's product, and Siemens order numbers are variants of one product family
// whose device type is known.
describe('catalog built by imports', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const services = createServices(database);
    for (const f of ['2019/icsa-19-106-03.json', '2024/icsa-24-284-01.json']) await services.knowledge.importFrom(systemActor('test'), `${data}csaf/OT/${f}`);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('splits "ABB, Phoenix Contact, Schneider Electric, Siemens, WAGO" into five vendors', async () => {
    const vendors = await database.db.selectFrom('kb_vendors').select(['id', 'name']).orderBy('id').execute();
    expect(vendors.filter((v) => v.id.includes('+') || v.name.includes(','))).toEqual([]);
    expect(vendors.map((v) => v.id)).toEqual(expect.arrayContaining(['abb', 'phoenix-contact', 'schneider-electric', 'siemens', 'wago']));
    const affected = await database.db.selectFrom('kb_affected as a').innerJoin('kb_products as p', 'p.id', 'a.product_id').select('p.vendor_id').distinct().where('a.source_record_id', 'like', 'ICSA-19-106-03#%').execute();
    expect(affected.map((r) => r.vendor_id).sort()).toEqual(['abb', 'phoenix-contact', 'schneider-electric', 'siemens', 'wago']);
  });

  it('keeps one product per family with its order numbers as variants and a device type', async () => {
    const cpu = await database.db.selectFrom('kb_products').selectAll().where('id', '=', 'siemens/simatic s7-1500 cpu 1516-3 pn/dp').executeTakeFirstOrThrow();
    expect(cpu.variants).toEqual(['6ES7516-3AN01-0AB0', '6ES7516-3AN02-0AB0', '6ES7516-3AP03-0AB0']);
    expect(cpu.device_type).toBe('plc');
    const orderNumbered = await database.db.selectFrom('kb_products').select('name').where('vendor_id', '=', 'siemens').where('name', '~', '6ES7').execute();
    // Only names that are nothing but an order number keep one: there is no family to fold them into.
    expect(orderNumbered.filter((p) => !/^6ES7\s?[\dA-Z-]+$/.test(p.name))).toEqual([]);
    // The name each source wrote stays with the affected entry, order number and all.
    const texts = await database.db.selectFrom('kb_affected').select('product_text').distinct().where('product_id', '=', cpu.id).execute();
    expect(texts.map((t) => t.product_text).sort()).toEqual(cpu.variants.map((v) => `SIMATIC S7-1500 CPU 1516-3 PN/DP (${v})`));
    const unknown = await database.db.selectFrom('kb_products').select((eb) => eb.fn.countAll<string>().as('n')).where('vendor_id', '=', 'siemens').where('device_type', '=', 'unknown').executeTakeFirstOrThrow();
    const all = await database.db.selectFrom('kb_products').select((eb) => eb.fn.countAll<string>().as('n')).where('vendor_id', '=', 'siemens').executeTakeFirstOrThrow();
    expect(Number(unknown.n) / Number(all.n)).toBeLessThan(0.1);
  });
});
