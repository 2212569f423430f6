import { useMemo, type ReactNode } from 'react';
import type { IntelObjectSummary, StixObject } from '../../../api/intel-types';
import { formatDateTime } from '../../../lib/format';
import { StixRef, unnamedEnds } from './stix-ref';
import { useNeighbours } from './use-neighbours';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): readonly string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const records = (v: unknown): readonly Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
const when = (v: unknown) => (typeof v === 'string' ? formatDateTime(v) : null);

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  if (children === null || children === undefined || children === false) return null;
  return (
    <div data-fact={label}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Chips({ values }: { readonly values: readonly string[] }) {
  if (values.length === 0) return null;
  return (
    <span className="chip-list">
      {values.map((v) => (
        <span key={v} className="code-chip">
          {v}
        </span>
      ))}
    </span>
  );
}

export function RefLinks({ ids, names }: { readonly ids: readonly string[]; readonly names: ReadonlyMap<string, IntelObjectSummary> }) {
  if (ids.length === 0) return null;
  return (
    <ul className="intel-ref-list">
      {ids.map((id) => (
        <li key={id}>
          <StixRef id={id} names={names} />
        </li>
      ))}
    </ul>
  );
}

/** Every property of an object that names other objects. */
const refKeys = ['sighting_of_ref', 'where_sighted_refs', 'observed_data_refs', 'source_ref', 'target_ref', 'object_refs', 'created_by_ref'] as const;

// Only web links become anchors: a reference URL is outside input and could say javascript:.
const safeUrl = (url: string | null) => (url !== null && /^https?:\/\//i.test(url) ? url : null);

function ExternalReferences({ refs }: { readonly refs: readonly Record<string, unknown>[] }) {
  if (refs.length === 0) return null;
  return (
    <ul className="intel-ref-list" data-testid="external-references">
      {refs.map((r, i) => {
        const name = text(r['source_name']) ?? 'reference';
        const id = text(r['external_id']);
        const url = safeUrl(text(r['url']));
        const label = id === null ? name : `${name} ${id}`;
        return (
          <li key={`${name}-${id ?? ''}-${i}`}>
            {url === null ? label : (
              <a href={url} target="_blank" rel="noreferrer noopener" className="external">
                {label}
              </a>
            )}
            {text(r['description']) === null ? null : <span className="muted small"> — {text(r['description'])}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function KillChain({ phases }: { readonly phases: readonly Record<string, unknown>[] }) {
  if (phases.length === 0) return null;
  return <Chips values={phases.map((p) => `${text(p['kill_chain_name']) ?? '?'}: ${text(p['phase_name']) ?? '?'}`)} />;
}

/** The properties that matter for the object's type, then what every object may carry. */
export function ObjectProperties({ object: o }: { readonly object: StixObject }) {
  const type = text(o['type']) ?? '';
  const description = text(o['description']);
  const refsOf = (key: string) => strings(o[key]);
  // Referenced objects are shown by name (identities, a report's contents), fetched in batches.
  const referenced = useMemo(() => [...new Set(refKeys.flatMap((k) => (typeof o[k] === 'string' ? [o[k] as string] : strings(o[k]))))], [o]);
  const direct = useNeighbours(referenced);
  // Relationships among them read as sentences: their ends are named too.
  const ends = useNeighbours(useMemo(() => unnamedEnds(direct), [direct]));
  const names = useMemo(() => new Map([...direct, ...ends]), [direct, ends]);
  const one = (key: string) => (text(o[key]) === null ? null : <RefLinks ids={[text(o[key]) ?? '']} names={names} />);
  const many = (key: string) => (refsOf(key).length === 0 ? null : <RefLinks ids={refsOf(key)} names={names} />);
  return (
    <dl className="facts intel-facts" data-testid="intel-properties">
      {type === 'indicator' ? (
        <>
          <Fact label="Pattern">
            {text(o['pattern']) === null ? null : <code className="intel-pattern" data-testid="indicator-pattern">{text(o['pattern'])}</code>}
          </Fact>
          <Fact label="Pattern type">{text(o['pattern_type'])}</Fact>
          <Fact label="Valid from">{when(o['valid_from'])}</Fact>
          <Fact label="Valid until">{when(o['valid_until'])}</Fact>
          <Fact label="Indicator types">{refsOf('indicator_types').length === 0 ? null : <Chips values={refsOf('indicator_types')} />}</Fact>
        </>
      ) : null}
      {type === 'sighting' ? (
        <>
          <Fact label="Sighting of">{one('sighting_of_ref')}</Fact>
          <Fact label="Count">{typeof o['count'] === 'number' ? String(o['count']) : null}</Fact>
          <Fact label="First seen">{when(o['first_seen'])}</Fact>
          <Fact label="Last seen">{when(o['last_seen'])}</Fact>
          <Fact label="Where sighted">{many('where_sighted_refs')}</Fact>
          <Fact label="Observed data">{many('observed_data_refs')}</Fact>
        </>
      ) : null}
      {type === 'relationship' ? (
        <>
          <Fact label="Relationship">{text(o['relationship_type'])}</Fact>
          <Fact label="Source">{one('source_ref')}</Fact>
          <Fact label="Target">{one('target_ref')}</Fact>
        </>
      ) : null}
      {type === 'report' || type === 'grouping' ? (
        <>
          <Fact label="Published">{when(o['published'])}</Fact>
          <Fact label="Context">{text(o['context'])}</Fact>
          <Fact label="Report types">{refsOf('report_types').length === 0 ? null : <Chips values={refsOf('report_types')} />}</Fact>
          <Fact label="Objects">{many('object_refs')}</Fact>
        </>
      ) : null}
      {type === 'vulnerability' || type === 'malware' || type === 'tool' || type === 'threat-actor' || type === 'intrusion-set' ? (
        <>
          <Fact label="Malware types">{refsOf('malware_types').length === 0 ? null : <Chips values={refsOf('malware_types')} />}</Fact>
          <Fact label="Threat actor types">{refsOf('threat_actor_types').length === 0 ? null : <Chips values={refsOf('threat_actor_types')} />}</Fact>
          <Fact label="Family">{o['is_family'] === true ? 'yes' : o['is_family'] === false ? 'no' : null}</Fact>
          <Fact label="First seen">{when(o['first_seen'])}</Fact>
          <Fact label="Last seen">{when(o['last_seen'])}</Fact>
        </>
      ) : null}
      <Fact label="Aliases">{refsOf('aliases').length === 0 ? null : <Chips values={refsOf('aliases')} />}</Fact>
      <Fact label="Kill chain phases">{records(o['kill_chain_phases']).length === 0 ? null : <KillChain phases={records(o['kill_chain_phases'])} />}</Fact>
      <Fact label="Description">{description === null ? null : <span className="intel-description">{description}</span>}</Fact>
      <Fact label="Labels">{refsOf('labels').length === 0 ? null : <Chips values={refsOf('labels')} />}</Fact>
      <Fact label="External references">{records(o['external_references']).length === 0 ? null : <ExternalReferences refs={records(o['external_references'])} />}</Fact>
      <Fact label="Created">{when(o['created'])}</Fact>
      <Fact label="Modified">{when(o['modified'])}</Fact>
      <Fact label="Created by">{one('created_by_ref')}</Fact>
    </dl>
  );
}
