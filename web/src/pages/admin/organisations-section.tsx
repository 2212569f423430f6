import { useState } from 'react';
import type { Organisation } from '../../api/types';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { capitalise, formatDate } from '../../lib/format';
import { OrganisationForm } from './organisation-form';
import { PlacementForm } from './placement-form';
import { orgTree, type OrgNode } from './org-tree';

interface OrganisationsSectionProps {
  readonly orgs: readonly Organisation[];
  readonly loading: boolean;
  /** The page's banner already says the load failed: no empty state then. */
  readonly failed?: boolean;
  readonly onCreated: (org: Organisation) => void;
  /** The viewer's own organisation: placed by the admins above it, not from here. */
  readonly ownOrgId: string;
  readonly onPlaced: (org: Organisation) => void;
}

export function OrganisationsSection({ orgs, loading, failed = false, onCreated, ownOrgId, onPlaced }: OrganisationsSectionProps) {
  const [creating, setCreating] = useState(false);
  const [placing, setPlacing] = useState<Organisation | null>(null);
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const columns: readonly Column<OrgNode>[] = [
    {
      key: 'name',
      header: 'Name',
      render: ({ org, depth }) => (
        <span className="tree-name" style={{ paddingLeft: `${depth * 20}px` }}>
          {depth > 0 ? <span className="tree-branch" aria-hidden="true">└</span> : null}
          <span className="cell-strong">{org.name}</span>
        </span>
      ),
    },
    { key: 'level', header: 'Level', sortValue: ({ org }) => ['national', 'provincial', 'industry', 'enterprise'].indexOf(org.level), csv: ({ org }) => org.level, render: ({ org }) => <span className={`pill pill-level-${org.level}`}>{capitalise(org.level)}</span> },
    {
      key: 'parent',
      header: 'Parent',
      render: ({ org }) => {
        if (org.parentId === null) return <span className="muted">—</span>;
        return names.get(org.parentId) ?? <span className="muted">outside your view</span>;
      },
    },
    { key: 'industry', header: 'Industry', sortValue: ({ org }) => org.industry ?? '', csv: ({ org }) => org.industry ?? '', render: ({ org }) => org.industry ?? <span className="muted">—</span> },
    { key: 'region', header: 'Region', sortValue: ({ org }) => org.region ?? '', csv: ({ org }) => org.region ?? '', render: ({ org }) => org.region ?? <span className="muted">—</span> },
    { key: 'created', header: 'Created', className: 'nowrap', sortValue: ({ org }) => org.createdAt, render: ({ org }) => formatDate(org.createdAt) },
    {
      key: 'actions',
      header: '',
      className: 'actions',
      render: ({ org }) =>
        org.id === ownOrgId ? null : (
          <button type="button" className="btn btn-small" onClick={() => setPlacing(org)} aria-label={`Set sector and region of ${org.name}`}>
            Sector and region
          </button>
        ),
    },
  ];
  const canAddChild = orgs.some((o) => o.level !== 'enterprise');

  return (
    <section className="card card-flush" aria-labelledby="orgs-title">
      <div className="card-header">
        <div>
          <h2 id="orgs-title" className="card-title">
            Organisations
          </h2>
          <p className="muted small">Your organisation and those below it. Data flows upward only when its owner shares it.</p>
        </div>
        {canAddChild ? (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New organisation
          </button>
        ) : null}
      </div>
      <DataTable
        columns={columns}
        rows={orgTree(orgs)}
        rowKey={(n) => n.org.id}
        label="Organisations"
        testId="organisations-table"
        loading={loading}
        empty={failed ? null : <EmptyState title="No organisations visible.">Ask the platform operator to create your organisation.</EmptyState>}
      />
      {placing !== null ? (
        <PlacementForm
          org={placing}
          onClose={() => setPlacing(null)}
          onPlaced={(org) => {
            setPlacing(null);
            onPlaced(org);
          }}
        />
      ) : null}
      {creating ? (
        <OrganisationForm
          orgs={orgs}
          onClose={() => setCreating(false)}
          onCreated={(org) => {
            setCreating(false);
            onCreated(org);
          }}
        />
      ) : null}
    </section>
  );
}
