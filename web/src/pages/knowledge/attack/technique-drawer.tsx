import { Link } from 'react-router-dom';
import { getGraph } from '../../../api/knowledge';
import type { AttackTechnique, GraphNode } from '../../../api/knowledge-types';
import { ErrorBanner } from '../../../components/error-banner';
import { Drawer } from '../../../components/modal';
import { useLoad } from '../../../lib/use-load';
import { GraphPanel } from '../graph/graph-panel';
import { nodePath } from '../graph/node-links';

// STIX object types of ATT&CK neighbours, grouped the way defenders read them.
const groups: readonly { readonly title: string; readonly types: readonly string[]; readonly empty: string }[] = [
  { title: 'Mitigations', types: ['course-of-action'], empty: 'ATT&CK lists no mitigation for this technique.' },
  { title: 'Used by groups', types: ['intrusion-set'], empty: 'No group is known to use it.' },
  { title: 'Used by software', types: ['malware', 'tool'], empty: 'No software is known to use it.' },
  { title: 'Targeted assets', types: ['x-mitre-asset'], empty: 'No asset type is named.' },
  { title: 'Related techniques', types: ['attack-pattern'], empty: '' },
];

function NodeList({ nodes }: { readonly nodes: readonly GraphNode[] }) {
  return (
    <ul className="node-list">
      {nodes.map((n) => {
        const [code, ...name] = n.label.split(' ');
        const path = n.detail === 'attack-pattern' ? nodePath(n) : null;
        return (
          <li key={n.id}>
            <span className="mono node-code">{code}</span>
            {path === null ? <span>{name.join(' ')}</span> : <Link to={path}>{name.join(' ')}</Link>}
          </li>
        );
      })}
    </ul>
  );
}

interface TechniqueDrawerProps {
  readonly technique: AttackTechnique;
  readonly onClose: () => void;
}

export function TechniqueDrawer({ technique, onClose }: TechniqueDrawerProps) {
  const node = `attack:${technique.id}`;
  const { load } = useLoad((signal) => getGraph(node, 1, signal), [node]);
  const neighbours = (load.data?.nodes ?? []).filter((n) => n.id !== node);
  const title = `${technique.externalId ?? ''} ${technique.name}`.trim();
  const footer = (
    <>
      {technique.externalId === null ? null : (
        <a className="btn" href={`https://attack.mitre.org/techniques/${technique.externalId}/`} target="_blank" rel="noreferrer noopener">
          Open on attack.mitre.org
        </a>
      )}
      <span className="spacer" />
      <button type="button" className="btn" onClick={onClose}>
        Close
      </button>
    </>
  );
  return (
    <Drawer title={title} onClose={onClose} footer={footer} testId="technique-drawer" wide>
      <div className="technique-summary">
        <span className="pill pill-muted">{technique.mitigations} mitigations</span>
        <span className="pill pill-muted">used by {technique.usedBy} groups and software</span>
        {technique.relevant ? <span className="pill pill-warn">Targets device types in your inventory</span> : null}
      </div>
      <GraphPanel key={node} node={node} height={300} openable={(n) => n.detail === 'attack-pattern'} />
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the technique's neighbours." />
      {load.data === null
        ? null
        : groups.map((g) => {
            const nodes = neighbours.filter((n) => g.types.includes(n.detail ?? '')).sort((a, b) => a.label.localeCompare(b.label));
            if (nodes.length === 0 && g.empty === '') return null;
            return (
              <section key={g.title} className="drawer-section" data-group={g.types[0]}>
                <h3 className="section-title">
                  {g.title} <span className="muted">({nodes.length})</span>
                </h3>
                {nodes.length === 0 ? <p className="muted small">{g.empty}</p> : <NodeList nodes={nodes} />}
              </section>
            );
          })}
    </Drawer>
  );
}
