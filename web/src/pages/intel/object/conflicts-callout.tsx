import type { IntelConflict, IntelVersion } from '../../../api/intel-types';
import { formatDateTime } from '../../../lib/format';

const kindText: Readonly<Record<IntelConflict['kind'], string>> = {
  content: 'Different content for the same version',
  revoked: 'Revoked by one holder, kept by another',
  disputed: 'Disputed by an opinion',
};

/** Contradictions between holders of the object, flagged on import for an analyst to settle. */
export function ConflictsCallout({ conflicts, versions }: { readonly conflicts: readonly IntelConflict[]; readonly versions: readonly IntelVersion[] }) {
  if (conflicts.length === 0) return null;
  const orgName = (id: string) => versions.find((v) => v.orgId === id)?.orgName ?? id;
  const voice = (orgId: string, source: string) => (source === '' ? orgName(orgId) : `${source} (${orgName(orgId)})`);
  return (
    <div className="callout callout-warn" role="note" data-testid="intel-conflicts">
      <strong className="callout-title">{conflicts.length === 1 ? 'One contradiction between sources' : `${conflicts.length} contradictions between sources`}</strong>
      <ul className="callout-list">
        {conflicts.map((c, i) => (
          <li key={`${c.kind}-${c.version}-${i}`} data-conflict={c.kind}>
            <strong>{kindText[c.kind]}</strong> (version {c.version}): {voice(c.orgId, c.source)} and {voice(c.otherOrgId, c.otherSource)}. {c.detail}{' '}
            <span className="muted small">Found {formatDateTime(c.detectedAt)}.</span>
          </li>
        ))}
      </ul>
      <p className="callout-note">Both versions are stored; confidence counts each source once.</p>
    </div>
  );
}
