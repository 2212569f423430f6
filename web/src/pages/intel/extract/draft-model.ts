import type { ExtractResult, StixObject } from '../../../api/intel-types';

export type DraftBundle = ExtractResult['bundle'];

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function idOf(o: StixObject): string {
  return str(o['id']) ?? '';
}

export function typeOf(o: StixObject): string {
  return str(o['type']) ?? '';
}

/** The draft's report: the one object that ties the others together. */
export function reportOf(bundle: DraftBundle): StixObject | null {
  return bundle.objects.find((o) => typeOf(o) === 'report') ?? null;
}

// Review order: what an analyst acts on first, then context.
const order = ['indicator', 'vulnerability', 'attack-pattern', 'identity', 'infrastructure', 'malware', 'tool', 'note'];

/** The draft's objects other than the report, by type in review order. */
export function draftGroups(bundle: DraftBundle): readonly { readonly type: string; readonly objects: readonly StixObject[] }[] {
  const byType = new Map<string, StixObject[]>();
  for (const o of bundle.objects) {
    if (typeOf(o) === 'report') continue;
    byType.set(typeOf(o), [...(byType.get(typeOf(o)) ?? []), o]);
  }
  const rank = (t: string) => (order.includes(t) ? order.indexOf(t) : order.length);
  return [...byType].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([type, objects]) => ({ type, objects }));
}

/** A one-line summary of what a drafted object says, for the review list. */
export function draftText(o: StixObject): string {
  const refs = Array.isArray(o['external_references']) ? (o['external_references'] as unknown[]) : [];
  const externalId = refs.map((r) => (typeof r === 'object' && r !== null ? str((r as Record<string, unknown>)['external_id']) : null)).find((x) => x !== null);
  switch (typeOf(o)) {
    case 'indicator':
      return str(o['pattern']) ?? str(o['name']) ?? idOf(o);
    case 'vulnerability':
    case 'attack-pattern':
      return [externalId, str(o['name'])].filter((x, i, all) => x !== null && all.indexOf(x) === i).join(' · ') || idOf(o);
    case 'note':
      return str(o['abstract']) ?? str(o['content']) ?? idOf(o);
    default:
      return str(o['name']) ?? idOf(o);
  }
}

export type Selection = { readonly ok: true; readonly bundle: DraftBundle; readonly count: number } | { readonly ok: false; readonly message: string };

/**
 * The bundle to import: the report and the kept objects, the report's object_refs cut down to
 * what is kept (STIX requires at least one), and no object left referring to a dropped one.
 */
export function selectedBundle(bundle: DraftBundle, kept: ReadonlySet<string>): Selection {
  const report = reportOf(bundle);
  if (report === null) return { ok: false, message: 'The draft has no report object.' };
  const objects = bundle.objects.filter((o) => typeOf(o) !== 'report' && kept.has(idOf(o)));
  if (objects.length === 0) return { ok: false, message: 'Keep at least one object: a report must refer to something.' };
  const keptIds = new Set([idOf(report), ...objects.map(idOf)]);
  const refs = Array.isArray(report['object_refs']) ? report['object_refs'].filter((r): r is string => typeof r === 'string' && keptIds.has(r)) : [];
  const cut = (o: StixObject): StixObject =>
    Array.isArray(o['object_refs']) ? { ...o, object_refs: o['object_refs'].filter((r): r is string => typeof r === 'string' && keptIds.has(r)) } : o;
  const rest = objects.map(cut).filter((o) => !Array.isArray(o['object_refs']) || o['object_refs'].length > 0);
  // Objects the report did not list yet (none today) are added, so nothing imported is left unreferenced.
  const listed = new Set(refs);
  const newRefs = [...refs, ...rest.map(idOf).filter((id) => !listed.has(id))];
  return { ok: true, bundle: { ...bundle, objects: [{ ...report, object_refs: newRefs }, ...rest] }, count: rest.length };
}
