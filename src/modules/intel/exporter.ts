// The read path for bundles: the selected objects in pages, then what they refer to, as a stream of
// JSON text. Each object passes the receiver's visibility and loses the granular-marked parts the
// receiver may not see.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { tlpLevels, type Tlp } from '../../platform/tlp.js';
import { selectDependencies, selectExportPage, type ExportCursor, type ExportRow } from './export.store.js';
import { allowedTlp, type ListFilter } from './intel.store.js';
import { timestampToMicros, type StixObject } from './stix-facts.js';
import { redactFor } from './stix-port.js';
import type { ExportFilter } from './types.js';

const PAGE = 1000;
/** Dependencies of dependencies are followed this far (markings and identities of what was pulled in). */
const DEPENDENCY_LEVELS = 3;
const ID_CHUNK = 5000;

export function tlpUpTo(max: Tlp | undefined): readonly Tlp[] {
  return max === undefined ? tlpLevels : tlpLevels.slice(0, tlpLevels.indexOf(max) + 1);
}

export function exportListFilter(filter: ExportFilter): ListFilter {
  const addedAfterUs = filter.addedAfter === undefined ? undefined : timestampToMicros(filter.addedAfter);
  return {
    types: filter.types,
    ids: filter.ids,
    labels: filter.labels,
    tlp: tlpUpTo(filter.tlpMax),
    addedAfterUs,
    latestOnly: filter.versions !== 'all',
  };
}

function shown(actor: Actor, row: ExportRow, ceiling: readonly Tlp[]): StixObject {
  const allowed = allowedTlp(actor, row.org_id).filter((t) => ceiling.includes(t));
  return redactFor(row.object as StixObject, allowed);
}

/** The objects of an export, each (id, version) once, selected ones first and then dependencies. */
export async function* exportObjects(db: Db, actor: Actor, filter: ExportFilter): AsyncGenerator<StixObject, void, void> {
  const selection = exportListFilter(filter);
  const ceiling = tlpUpTo(filter.tlpMax);
  const wanted = new Set<string>();
  let after: ExportCursor | null = null;
  let last = '';
  for (;;) {
    const rows = await selectExportPage(db, actor, selection, after, PAGE);
    for (const row of rows) {
      const key = `${row.id}@${row.version_us}`;
      // Several organisations may hold the same version: it goes out once.
      if (key === last) continue;
      last = key;
      if (filter.dependencies !== false) for (const ref of row.refs) wanted.add(ref);
      yield shown(actor, row, ceiling);
    }
    const tail = rows.at(-1);
    if (rows.length < PAGE || tail === undefined) break;
    after = { id: tail.id, versionUs: Number(tail.version_us), orgId: tail.org_id };
  }
  const done = new Set<string>();
  for (let level = 0; level < DEPENDENCY_LEVELS && wanted.size > 0; level++) {
    const ids = [...wanted].filter((id) => !done.has(id));
    wanted.clear();
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const rows = await selectDependencies(db, actor, ids.slice(i, i + ID_CHUNK), ceiling, selection);
      for (const row of rows) {
        if (done.has(row.id)) continue;
        done.add(row.id);
        for (const ref of row.refs) if (!done.has(ref)) wanted.add(ref);
        yield shown(actor, row, ceiling);
      }
    }
    for (const id of ids) done.add(id);
  }
}

/** A bundle as JSON text, one chunk per object, so that it can be streamed to a file or a socket. */
export async function* bundleText(objects: AsyncIterable<StixObject>): AsyncGenerator<string, void, void> {
  yield `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`;
  let first = true;
  for await (const object of objects) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(object)}`;
    first = false;
  }
  yield '\n]}\n';
}
