import { useMemo, useState } from 'react';
import { deleteFingerprintRule, listFingerprintRules } from '../../../api/capture';
import type { FingerprintRuleEntry } from '../../../api/capture-types';
import { ConfirmDelete } from '../../../components/confirm-delete';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { NoticeBanner } from '../../../components/notice-banner';
import { PageHeader } from '../../../components/page-header';
import { onlyWhen, useLoad } from '../../../lib/use-load';
import { canWrite, useMe } from '../../../session/session-context';
import { percent } from '../capture-labels';
import { RuleForm } from './rule-form';
import { conclusionText, conditionText } from './rule-text';

export function FingerprintRulesPage() {
  const me = useMe();
  const writer = canWrite(me.role);
  const { load, reload, set } = useLoad((signal) => listFingerprintRules(signal), []);
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const rules = load.data ?? [];
  const q = query.trim().toLowerCase();
  const shown = useMemo(
    () => (load.data ?? []).filter((r) => q === '' || [r.id, r.name, conditionText(r.when), conclusionText(r.then)].some((t) => t.toLowerCase().includes(q))),
    [load.data, q],
  );
  const own = rules.filter((r) => !r.builtin).length;

  const columns: readonly Column<FingerprintRuleEntry>[] = [
    {
      key: 'rule',
      header: 'Rule',
      className: 'wrap',
      render: (r) => (
        <span className="rule-cell">
          <span className="mono small">{r.id}</span>
          <span className="cell-strong">{r.name}</span>
        </span>
      ),
    },
    { key: 'when', header: 'When the host', className: 'wrap', render: (r) => conditionText(r.when) },
    { key: 'then', header: 'It is', className: 'wrap', render: (r) => conclusionText(r.then) },
    { key: 'confidence', header: 'Confidence', className: 'num', render: (r) => percent(r.confidence) },
    {
      key: 'source',
      header: 'Source',
      className: 'nowrap',
      render: (r) => (r.builtin ? <span className="pill pill-muted">Built in</span> : <span className="pill pill-level-provincial">{me.organisation.name}</span>),
    },
    ...(writer
      ? [
          {
            key: 'actions',
            header: '',
            className: 'nowrap',
            render: (r: FingerprintRuleEntry) =>
              r.builtin ? null : (
                <ConfirmDelete
                  small
                  label={`Delete rule ${r.id}`}
                  onDelete={async () => {
                    await deleteFingerprintRule(r.id);
                    set(rules.filter((x) => x.id !== r.id || x.builtin));
                    setNotice(`Deleted rule ${r.id}. Jobs analysed from now on no longer use it.`);
                  }}
                />
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="Fingerprint rules"
        description="Rules turn what a device reveals on the wire (protocols served, identity attributes, MAC vendor) into a vendor, model and device type, with a confidence. They apply to captures analysed after they are added."
      />
      {notice === null ? null : <NoticeBanner onDismiss={() => setNotice(null)}>{notice}</NoticeBanner>}
      {writer ? (
        <section className="card">
          <h2 className="card-title">Add a rule for {me.organisation.name}</h2>
          <RuleForm
            onAdded={(rule) => {
              setNotice(`Added rule ${rule.id}.`);
              reload();
            }}
          />
        </section>
      ) : null}
      <section className="card card-flush">
        <div className="card-header">
          <div>
            <h2 className="card-title">Rules</h2>
            <p className="muted small" data-testid="rules-count">
              {rules.length - own} built in, {own} of your organisation
            </p>
          </div>
          <input type="search" className="input input-filter-wide" placeholder="Filter rules…" aria-label="Filter rules" name="ruleFilter" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the rules." />
        <DataTable
          columns={columns}
          rows={shown}
          rowKey={(r) => `${r.builtin ? 'builtin' : 'own'}:${r.id}`}
          label="Fingerprint rules"
          testId="rules-table"
          loading={load.state === 'loading'}
          empty={onlyWhen(load, 'ready', <EmptyState title="No rule matches this filter." />)}
        />
      </section>
    </>
  );
}
