import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { listRules, setRuleEnabled, type DetectionRule } from '../../api/detection';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { formatCount, formatDateTime } from '../../lib/format';
import { onlyWhen, useLoad } from '../../lib/use-load';
import { canWrite, useMe } from '../../session/session-context';
import { TechniqueLink } from './alert-badges';
import { useAttackIndex } from './use-attack-index';

const logsourceText = (l: Readonly<Record<string, string>>) => Object.entries(l).map(([k, v]) => `${k}: ${v}`).join(', ');

/** The Sigma rules the person may see, with the techniques each covers and how often it hit; enable, disable, open in the workbench. */
export function RulesPage() {
  const me = useMe();
  const client = useQueryClient();
  const { load, reload } = useLoad((signal) => listRules(signal), [], { key: ['detection', 'rules'] });
  const attack = useAttackIndex();
  const [error, setError] = useState<unknown>(null);
  const rules = load.data ?? [];
  const covered = new Set(rules.filter((r) => r.enabled).flatMap((r) => r.techniques));
  const mayChange = (r: DetectionRule) => canWrite(me.role) && (r.orgId === me.organisation.id || r.orgId === null);

  async function toggle(rule: DetectionRule) {
    setError(null);
    try {
      await setRuleEnabled(rule.id, !rule.enabled);
      reload();
      void client.invalidateQueries({ queryKey: ['detection', 'coverage'] });
    } catch (e) {
      setError(e);
    }
  }

  const columns: readonly Column<DetectionRule>[] = [
    {
      key: 'title',
      header: 'Rule',
      alwaysShown: true,
      className: 'wrap',
      render: (r) => <Link to={`/detection/rules/workbench?rule=${encodeURIComponent(r.id)}`}>{r.title}</Link>,
      sortValue: (r) => r.title,
    },
    { key: 'level', header: 'Level', render: (r) => r.level, sortValue: (r) => ['informational', 'low', 'medium', 'high', 'critical'].indexOf(r.level) },
    {
      key: 'techniques',
      header: 'Covers',
      render: (r) => (r.techniques.length === 0 ? <span className="muted">no technique</span> : r.techniques.map((t) => <TechniqueLink key={t} id={t} stixId={attack.byId.get(t)?.stixId} />)),
      csv: (r) => r.techniques.join(' '),
      sortValue: (r) => r.techniques.join(' '),
    },
    { key: 'logsource', header: 'Log source', className: 'small', render: (r) => logsourceText(r.logsource), sortValue: (r) => logsourceText(r.logsource) },
    { key: 'hits', header: 'Hits', className: 'num', render: (r) => formatCount(r.hitCount), sortValue: (r) => r.hitCount },
    { key: 'lastHit', header: 'Last hit', className: 'nowrap', render: (r) => (r.lastHitAt === null ? <span className="muted">never</span> : formatDateTime(r.lastHitAt)), sortValue: (r) => r.lastHitAt },
    { key: 'owner', header: 'Owner', render: (r) => (r.orgId === null ? 'platform' : 'your organisation'), hiddenByDefault: true },
    { key: 'version', header: 'Version', className: 'num', render: (r) => r.version, hiddenByDefault: true },
    {
      key: 'enabled',
      header: 'Enabled',
      render: (r) => (
        <button
          type="button"
          role="switch"
          aria-checked={r.enabled}
          className={`btn btn-small rule-switch${r.enabled ? ' on' : ''}`}
          disabled={!mayChange(r)}
          aria-label={`${r.enabled ? 'Disable' : 'Enable'} ${r.title}`}
          onClick={(e) => {
            e.stopPropagation();
            void toggle(r);
          }}
        >
          {r.enabled ? 'On' : 'Off'}
        </button>
      ),
      sortValue: (r) => r.enabled,
      csv: (r) => (r.enabled ? 'on' : 'off'),
    },
  ];

  return (
    <>
      <PageHeader
        title="Detection rules"
        description="Sigma rules that run on your organisation’s events: yours and the platform’s. Hits count the events each rule matched."
        actions={
          canWrite(me.role) ? (
            <Link to="/detection/rules/workbench" className="btn btn-primary">
              New rule
            </Link>
          ) : null
        }
      />
      <p className="muted small" data-testid="rules-summary">
        {load.data === null ? '' : `${formatCount(rules.length)} rules, ${formatCount(rules.filter((r) => r.enabled).length)} enabled, covering ${formatCount(covered.size)} ATT&CK techniques.`}{' '}
        <Link to="/detection/coverage">See the coverage map</Link>
      </p>
      <ErrorBanner error={error} title="The rule was not changed." />
      <section className="card card-flush" aria-label="Rules">
        <DataTable
          columns={columns}
          rows={rules}
          rowKey={(r) => r.id}
          label="Detection rules"
          testId="rules-table"
          loading={load.state === 'loading'}
          error={load.state === 'failed' ? load.error : null}
          errorTitle="Could not load the rules."
          exportName="detection-rules"
          empty={onlyWhen(load, 'ready', <EmptyState title="No rule yet.">Write one in the workbench, or import a directory with bulwark rules import.</EmptyState>)}
        />
      </section>
    </>
  );
}
