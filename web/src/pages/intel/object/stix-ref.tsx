import { Link } from 'react-router-dom';
import type { IntelObjectSummary } from '../../../api/intel-types';
import { stixTypeColour, stixTypeLabel } from '../intel-labels';
import { intelPaths, isStixId, stixTypeOf } from '../paths';

/** The first eight hex digits of a STIX id's UUID: enough to tell objects apart in a sentence. */
export function shortStixId(id: string): string {
  const at = id.indexOf('--');
  return at < 0 ? id : id.slice(at + 2, at + 10);
}

/** How a referenced object reads: its name (a relationship: its ends and verb), else its type and short id. */
export function refText(id: string, names: ReadonlyMap<string, IntelObjectSummary>): string {
  const known = names.get(id);
  if (known?.type === 'relationship' && known.sourceRef !== null && known.targetRef !== null && known.sourceRef !== id && known.targetRef !== id) {
    return `${refText(known.sourceRef, names)} ${relationVerb(known)} ${refText(known.targetRef, names)}`;
  }
  if (known?.name !== null && known?.name !== undefined) return known.name;
  return `${stixTypeLabel(known?.type ?? stixTypeOf(id))} ${shortStixId(id)}`;
}

/** The ends of the relationships among `names` that are not named yet: the second batch to ask for. */
export function unnamedEnds(names: ReadonlyMap<string, IntelObjectSummary>): string[] {
  const ends = new Set<string>();
  for (const s of names.values()) for (const r of [s.sourceRef, s.targetRef]) if (s.type === 'relationship' && r !== null && !names.has(r)) ends.add(r);
  return [...ends];
}

/** The verb of a relationship from its display name ("indicator indicates malware" → "indicates"). */
export function relationVerb(summary: IntelObjectSummary): string {
  const name = summary.name ?? '';
  const head = `${summary.sourceRef === null ? 'object' : stixTypeOf(summary.sourceRef) || 'object'} `;
  const tail = ` ${summary.targetRef === null ? 'object' : stixTypeOf(summary.targetRef) || 'object'}`;
  return name.startsWith(head) && name.endsWith(tail) && name.length > head.length + tail.length ? name.slice(head.length, name.length - tail.length) : 'related to';
}

/**
 * A link to a referenced object, named: its type colour, then its name, or its type and short id when
 * the reader cannot see it (the full id is in the title and the link).
 */
export function StixRef({ id, names }: { readonly id: string; readonly names: ReadonlyMap<string, IntelObjectSummary> }) {
  const known = names.get(id);
  const type = known?.type ?? stixTypeOf(id);
  const text = refText(id, names);
  const title = known === undefined ? `${id} (not visible to you, or not held here)` : id;
  return (
    <span className="stix-ref" data-ref={id}>
      <span className="graph-kind" style={{ background: stixTypeColour(type) }} aria-hidden="true" />
      {isStixId(id) ? (
        <Link to={intelPaths.object(id)} title={title} className={known === undefined ? 'stix-ref-unknown' : undefined}>
          {text}
        </Link>
      ) : (
        <span className="mono small">{id}</span>
      )}
    </span>
  );
}
