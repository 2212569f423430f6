import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { getRule, importRule, trialRule, validateRule, type RuleProblem, type RuleTrialReport } from '../../api/detection';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { formatCount, formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { useLoad } from '../../lib/use-load';
import { canWrite, useMe } from '../../session/session-context';
import { SeverityBadge } from './alert-badges';
import { offsetOf } from './detection-model';

const template = `title: Program download from an engineering workstation
id: 00000000-0000-4000-8000-000000000000
status: experimental
level: high
tags:
  - attack.t0843
logsource:
  product: ics
  category: s7comm
detection:
  selection:
    ics.operation: download
  condition: selection
`;

function Problems({ problems, onPick }: { readonly problems: readonly RuleProblem[]; readonly onPick: (p: RuleProblem) => void }) {
  return (
    <ul className="rule-problems" data-testid="rule-problems" aria-label="Problems">
      {problems.map((p, i) => (
        <li key={`${p.line}:${p.column}:${i}`} className={`rule-problem rule-problem-${p.severity}`}>
          <button type="button" className="btn btn-link btn-small" onClick={() => onPick(p)}>
            Line {p.line}, column {p.column}
          </button>
          : {p.severity === 'warning' ? 'warning: ' : ''}
          {p.message}
          {p.path === '' ? '' : <span className="muted small"> ({p.path})</span>}
        </li>
      ))}
    </ul>
  );
}

type TrialSource = 'sample' | 'stored';

function TrialResult({ report }: { readonly report: RuleTrialReport }) {
  const columns: readonly Column<RuleTrialReport['wouldRaise'][number]>[] = [
    { key: 'severity', header: 'Severity', render: (r) => <SeverityBadge severity={r.severity} /> },
    { key: 'title', header: 'Rule', className: 'wrap', render: (r) => r.title },
    { key: 'entity', header: 'About', className: 'mono small', render: (r) => r.entity },
    { key: 'count', header: 'Hits', className: 'num', render: (r) => formatCount(r.count) },
    { key: 'first', header: 'First', className: 'nowrap', render: (r) => formatDateTime(r.firstSeen) },
    { key: 'last', header: 'Last', className: 'nowrap', render: (r) => formatDateTime(r.lastSeen) },
  ];
  return (
    <div data-testid="rule-trial-result">
      <p role="status" data-testid="rule-trial-summary">
        {formatCount(report.matches)} of {formatCount(report.scanned)} events matched; it would have raised {formatCount(report.wouldRaise.length)} {report.wouldRaise.length === 1 ? 'alert' : 'alerts'}
        {report.truncated ? ' (only the newest events of the window were read)' : ''}.
      </p>
      <DataTable columns={columns} rows={report.wouldRaise} rowKey={(r) => `${r.ruleId}|${r.entity}`} label="Alerts it would have raised" testId="rule-would-raise" empty={<EmptyState title="It would have raised nothing." />} columnChoice={false} />
      {report.events.length === 0 ? null : (
        <details className="rule-trial-events">
          <summary>Matching events ({formatCount(report.events.length)})</summary>
          <ol>
            {report.events.slice(0, 50).map((e) => (
              <li key={`${e.line}-${e.id}`} className="small">
                {e.line > 0 ? `line ${e.line}: ` : ''}
                <span className="mono">{e.id}</span> {e.event.message ?? ''} <span className="muted">(selections {e.hits.flatMap((h) => h.selections).join(', ')})</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

/** Write or change a Sigma rule: validated as you type, tried on sample or stored events, saved. */
export function RuleWorkbenchPage() {
  const me = useMe();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const ruleId = params.get('rule');
  const editor = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(ruleId === null ? template : '');
  const [loadedFrom, setLoadedFrom] = useState<string | null>(null);
  const stored = useLoad((signal) => (ruleId === null ? Promise.resolve(null) : getRule(ruleId, signal)), [ruleId]);
  useEffect(() => {
    const rule = stored.load.data;
    if (rule !== null && rule !== undefined && loadedFrom !== rule.id) {
      setText(rule.source);
      setLoadedFrom(rule.id);
    }
  }, [stored.load.data, loadedFrom]);

  const settled = useDebounced(text, 400);
  const validation = useLoad((signal) => (settled.trim() === '' ? Promise.resolve(null) : validateRule(settled, signal)), [settled]);
  const report = validation.load.data;
  const [source, setSource] = useState<TrialSource>('sample');
  const [sample, setSample] = useState('');
  const [trial, setTrial] = useState<RuleTrialReport | null>(null);
  const [trialError, setTrialError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);

  function pick(p: RuleProblem) {
    const area = editor.current;
    if (area === null) return;
    const at = offsetOf(text, p.line, p.column);
    area.focus();
    area.setSelectionRange(at, at);
  }

  async function run() {
    setTrialError(null);
    setRunning(true);
    try {
      setTrial(await trialRule(text, source === 'stored' ? { stored: '24h' } : { ndjson: sample }));
    } catch (e) {
      setTrial(null);
      setTrialError(e);
    } finally {
      setRunning(false);
    }
  }

  async function save() {
    setSaveError(null);
    setSaved(null);
    try {
      const result = await importRule(text);
      setSaved(result.created > 0 ? 'Saved as a new rule.' : result.updated > 0 ? 'Saved as a new version of the rule.' : 'Nothing changed: the rule is stored as it is.');
      void client.invalidateQueries({ queryKey: ['detection'] });
    } catch (e) {
      setSaveError(e);
    }
  }

  const errors = report?.problems.filter((p) => p.severity === 'error') ?? [];
  const checking = settled !== text || validation.load.state === 'loading';
  return (
    <>
      <PageHeader
        title="Rule workbench"
        description={
          <>
            Write a Sigma rule, see its problems as you type, try it on sample events or on the last 24 hours of stored events, and save it. <Link to="/detection/rules">All rules</Link>
          </>
        }
      />
      <ErrorBanner error={stored.load.state === 'failed' ? stored.load.error : null} title="Could not load the rule." />
      <div className="workbench">
        <section className="card" aria-labelledby="workbench-editor-title">
          <h2 id="workbench-editor-title" className="card-title">
            Sigma YAML
          </h2>
          <label htmlFor="rule-text" className="sr-only">
            Sigma rule text
          </label>
          <textarea
            id="rule-text"
            ref={editor}
            className="input rule-editor mono"
            data-testid="rule-editor"
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            rows={22}
            aria-describedby="rule-validation"
          />
          <div id="rule-validation" aria-live="polite" data-testid="rule-validation">
            {text.trim() === '' ? (
              <p className="muted small">Write or paste a rule.</p>
            ) : checking ? (
              <p className="muted small">Checking…</p>
            ) : validation.load.state === 'failed' ? (
              <ErrorBanner error={validation.load.error} title="Could not check the rule." />
            ) : report === null || report === undefined ? null : report.valid ? (
              <p className="rule-valid small" data-testid="rule-valid">
                Valid: {formatCount(report.rules)} {report.rules === 1 ? 'document' : 'documents'}
                {report.problems.length === 0 ? '.' : `, ${report.problems.length} warnings.`}
              </p>
            ) : (
              <p className="rule-invalid small">{formatCount(errors.length)} {errors.length === 1 ? 'problem' : 'problems'}:</p>
            )}
            {report === null || report === undefined || checking ? null : <Problems problems={report.problems} onPick={pick} />}
          </div>
          {canWrite(me.role) ? (
            <div className="workbench-actions">
              <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={report?.valid !== true || checking}>
                Save rule
              </button>
              {saved === null ? null : (
                <span role="status" className="small" data-testid="rule-saved">
                  {saved}
                </span>
              )}
            </div>
          ) : null}
          <ErrorBanner error={saveError} title="The rule was not saved." />
        </section>
        <section className="card" aria-labelledby="workbench-trial-title">
          <h2 id="workbench-trial-title" className="card-title">
            Try it
          </h2>
          <fieldset className="workbench-source">
            <legend className="field-label">Run it over</legend>
            <label>
              <input type="radio" name="trial-source" value="sample" checked={source === 'sample'} onChange={() => setSource('sample')} /> sample events (NDJSON, one event per line)
            </label>
            <label>
              <input type="radio" name="trial-source" value="stored" checked={source === 'stored'} onChange={() => setSource('stored')} /> the stored events of the last 24 hours
            </label>
          </fieldset>
          {source === 'sample' ? (
            <>
              <label htmlFor="trial-events" className="field-label">
                Sample events
              </label>
              <textarea
                id="trial-events"
                className="input mono rule-sample"
                data-testid="rule-sample"
                rows={8}
                value={sample}
                onChange={(e) => setSample(e.target.value)}
                spellCheck={false}
                placeholder='{"message": "PLC stop", "ics": {"protocol": "s7comm", "operation": "stop"}}'
              />
            </>
          ) : null}
          <button type="button" className="btn" onClick={() => void run()} disabled={running || text.trim() === '' || (source === 'sample' && sample.trim() === '')}>
            {running ? 'Running…' : 'Run'}
          </button>
          <ErrorBanner error={trialError} title="The trial did not run." />
          {trial === null ? null : <TrialResult report={trial} />}
        </section>
      </div>
    </>
  );
}
