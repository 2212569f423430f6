import { legacyTlpMarkingIds, legacyToTlp, tlpMarkingIds, type StixObject } from '../../../api/intel-types';
import type { Tlp } from '../../../api/types';
import { TlpBadge } from '../../../components/tlp-badge';

const tlpById = new Map<string, Tlp>([
  ...Object.entries(tlpMarkingIds).map(([level, id]) => [id, level as Tlp] as const),
  ...Object.entries(legacyTlpMarkingIds).map(([level, id]) => [id, legacyToTlp[level as keyof typeof legacyToTlp]] as const),
]);

function Marking({ id }: { readonly id: string }) {
  const tlp = tlpById.get(id);
  return tlp === undefined ? <span className="mono small">{id}</span> : <TlpBadge tlp={tlp} />;
}

interface Granular {
  readonly ref: string | null;
  readonly lang: string | null;
  readonly selectors: readonly string[];
}

function granularOf(value: unknown): readonly Granular[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((g): g is Record<string, unknown> => typeof g === 'object' && g !== null)
    .map((g) => ({
      ref: typeof g['marking_ref'] === 'string' ? g['marking_ref'] : null,
      lang: typeof g['lang'] === 'string' ? g['lang'] : null,
      selectors: Array.isArray(g['selectors']) ? g['selectors'].filter((s): s is string => typeof s === 'string') : [],
    }));
}

/** The TLP the server enforces for the object, and the markings the object itself carries, down to single properties. */
export function MarkingsPanel({ tlp, object }: { readonly tlp: Tlp; readonly object: StixObject }) {
  const objectMarkings = Array.isArray(object['object_marking_refs']) ? object['object_marking_refs'].filter((m): m is string => typeof m === 'string') : [];
  const granular = granularOf(object['granular_markings']);
  return (
    <div className="intel-markings" data-testid="intel-markings">
      <p>
        Enforced: <TlpBadge tlp={tlp} />
      </p>
      {objectMarkings.length === 0 ? (
        <p className="muted small">The object carries no marking of its own; the TLP above was set when it was imported.</p>
      ) : (
        <p>
          On the object:{' '}
          {objectMarkings.map((m) => (
            <span key={m} className="intel-marking">
              <Marking id={m} />
            </span>
          ))}
        </p>
      )}
      {granular.length === 0 ? null : (
        <table className="mini-table" aria-label="Granular markings">
          <thead>
            <tr>
              <th scope="col">Properties</th>
              <th scope="col">Marking</th>
            </tr>
          </thead>
          <tbody>
            {granular.map((g, i) => (
              <tr key={i}>
                <td className="mono small">{g.selectors.join(', ')}</td>
                <td>{g.ref !== null ? <Marking id={g.ref} /> : g.lang !== null ? `language: ${g.lang}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
