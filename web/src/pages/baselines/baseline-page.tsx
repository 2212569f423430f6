import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { acceptDeviations, getBaseline, relearnBaseline, type BaselineDeviation, type BaselineItem, type BaselineVersion } from '../../api/baselines';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { FormDialog } from '../../components/form-dialog';
import { PageHeader } from '../../components/page-header';
import { formatCount, formatDateTime } from '../../lib/format';
import { onlyWhen, useLoad } from '../../lib/use-load';
import { canWrite, useMe } from '../../session/session-context';
import { itemDetail, kindLabels, learningPeriod, percent, stateText, zoneName } from './baseline-model';

const label = (kind: string) => kindLabels[kind] ?? kind;

/** One zone's baseline: the deviations to accept, what it knows, its versions; relearning. */
export function BaselinePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const { load, set } = useLoad((signal) => getBaseline(id, signal), [id], { key: ['baselines', 'detail'] });
  const [accepting, setAccepting] = useState<readonly BaselineDeviation[] | null>(null);
  const [relearning, setRelearning] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const b = load.data;
  const mayChange = b !== null && canWrite(me.role) && b.orgId === me.organisation.id;

  async function run(action: () => Promise<Awaited<ReturnType<typeof getBaseline>>>) {
    setBusy(true);
    setError(null);
    try {
      set(await action());
      void client.invalidateQueries({ queryKey: ['baselines', 'list'] });
      setAccepting(null);
      setRelearning(false);
      setText('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const deviationColumns: readonly Column<BaselineDeviation>[] = [
    { key: 'kind', header: 'Deviation', alwaysShown: true, render: (d) => label(d.kind), sortValue: (d) => d.kind },
    { key: 'seen', header: 'Seen', className: 'wrap', render: (d) => d.seen, sortValue: (d) => d.seen },
    { key: 'expected', header: 'Expected', className: 'wrap', render: (d) => d.expected, sortValue: (d) => d.expected },
    { key: 'techniques', header: 'Techniques', render: (d) => d.techniques.join(', '), sortValue: (d) => d.techniques.join(' ') },
    { key: 'count', header: 'Times', className: 'num', render: (d) => formatCount(d.count), sortValue: (d) => d.count },
    { key: 'last', header: 'Last seen', className: 'nowrap', render: (d) => formatDateTime(d.lastSeen), sortValue: (d) => d.lastSeen },
    { key: 'status', header: 'Status', render: (d) => (d.status === 'open' ? 'open' : `accepted by ${d.acceptedBy ?? '?'} (v${d.acceptedVersion ?? '?'})`), sortValue: (d) => d.status },
  ];
  const contentColumns: readonly Column<BaselineItem>[] = [
    { key: 'kind', header: 'Kind', render: (i) => label(i.kind), sortValue: (i) => i.kind },
    { key: 'key', header: 'What', alwaysShown: true, className: 'wrap mono', render: (i) => i.key, sortValue: (i) => i.key },
    { key: 'detail', header: 'Range or period', className: 'wrap', render: itemDetail, sortValue: itemDetail },
    { key: 'count', header: 'Seen', className: 'num', render: (i) => formatCount(i.count), sortValue: (i) => i.count },
    { key: 'origin', header: 'Origin', render: (i) => (i.origin === 'learned' ? 'learnt' : `accepted (v${i.versionAdded})`), sortValue: (i) => i.origin },
    { key: 'last', header: 'Last seen', className: 'nowrap', render: (i) => formatDateTime(i.lastSeen), sortValue: (i) => i.lastSeen, hiddenByDefault: true },
  ];
  const versionColumns: readonly Column<BaselineVersion>[] = [
    { key: 'version', header: 'Version', className: 'num', alwaysShown: true, render: (v) => v.version, sortValue: (v) => v.version },
    { key: 'change', header: 'Change', render: (v) => v.change, sortValue: (v) => v.change },
    { key: 'actor', header: 'By', render: (v) => v.actor, sortValue: (v) => v.actor },
    { key: 'items', header: 'Items', className: 'num', render: (v) => formatCount(v.items), sortValue: (v) => v.items },
    { key: 'at', header: 'When', className: 'nowrap', render: (v) => formatDateTime(v.createdAt), sortValue: (v) => v.createdAt },
  ];

  return (
    <div className="page" data-testid="baseline-page">
      <p className="small">
        <Link to="/baselines">All baselines</Link>
      </p>
      <PageHeader
        title={b === null ? 'Baseline' : `Baseline: ${zoneName(b)}`}
        description={b === null ? undefined : `${stateText(b)} · version ${b.version} · learning period ${learningPeriod(b.learningMs)} of event time${b.learnStart === null ? '' : ` from ${formatDateTime(b.learnStart)}`}`}
        actions={
          mayChange ? (
            <button type="button" className="btn" onClick={() => setRelearning(true)} data-testid="baseline-relearn">
              Relearn zone
            </button>
          ) : undefined
        }
      />
      {load.state === 'failed' ? <ErrorBanner error={load.error} title="The baseline could not be loaded" /> : null}
      {error === null ? null : <ErrorBanner error={error} title="The change was refused" onDismiss={() => setError(null)} />}
      {b === null ? null : (
        <>
          {b.state === 'learning' ? (
            <p>
              <progress max={1} value={b.progress} aria-label={`Learning progress: ${percent(b.progress)}`} /> {percent(b.progress)} of the learning period covered
              {b.learnedThrough === null ? '' : `, through ${formatDateTime(b.learnedThrough)}`}.
            </p>
          ) : null}
          <h2>Deviations</h2>
          <DataTable
            label="Deviations from the baseline"
            testId="baseline-deviations"
            columns={deviationColumns}
            rows={b.deviations}
            rowKey={(d) => d.id}
            columnChoice={false}
            {...(mayChange
              ? {
                  selection: {
                    canSelect: (d: BaselineDeviation) => d.status === 'open',
                    actions: (rows: readonly BaselineDeviation[]) => (
                      <button type="button" className="btn btn-primary" onClick={() => setAccepting(rows)} data-testid="baseline-accept">
                        Accept {rows.length} into the baseline
                      </button>
                    ),
                  },
                }
              : {})}
            empty={onlyWhen(load, 'ready', <EmptyState title="No deviation">{b.state === 'active' ? 'Everything seen since learning matched the baseline.' : 'Deviations are raised once learning ends.'}</EmptyState>)}
          />
          <h2>What is normal here</h2>
          <DataTable label="Baseline content" testId="baseline-content" columns={contentColumns} rows={b.content} rowKey={(i) => `${i.kind}|${i.key}`} exportName="baseline" empty={<EmptyState title="Nothing learnt yet" />} />
          <h2>Versions</h2>
          <DataTable label="Baseline versions" testId="baseline-versions" columns={versionColumns} rows={b.versions} rowKey={(v) => String(v.version)} columnChoice={false} empty={<EmptyState title="No version yet">The first version is made when learning ends.</EmptyState>} />
        </>
      )}
      {accepting === null || b === null ? null : (
        <ReasonDialog
          title="Accept into the baseline"
          description={`What ${accepting.length === 1 ? 'this deviation' : `these ${accepting.length} deviations`} saw becomes normal in version ${b.version + 1}.`}
          testId="baseline-accept-dialog"
          submit="Accept"
          text={text}
          busy={busy}
          onText={setText}
          onClose={() => setAccepting(null)}
          onSubmit={() => void run(() => acceptDeviations(b.id, accepting.map((d) => d.id), text))}
        >
          <ul className="small">
            {accepting.map((d) => (
              <li key={d.id}>
                {label(d.kind)}: {d.seen}
              </li>
            ))}
          </ul>
        </ReasonDialog>
      )}
      {!relearning || b === null ? null : (
        <ReasonDialog
          title="Relearn this zone"
          description="Learning starts again from the next event; the current content is kept in the version this ends. Accepted items stay."
          testId="baseline-relearn-dialog"
          submit="Relearn"
          text={text}
          busy={busy}
          onText={setText}
          onClose={() => setRelearning(false)}
          onSubmit={() => void run(() => relearnBaseline(b.id, text))}
        />
      )}
    </div>
  );
}

interface ReasonDialogProps {
  readonly title: string;
  readonly description: string;
  readonly testId: string;
  readonly submit: string;
  readonly text: string;
  readonly busy: boolean;
  readonly onText: (text: string) => void;
  readonly onClose: () => void;
  readonly onSubmit: () => void;
  readonly children?: ReactNode;
}

/** A confirming dialog that asks why (the reason is kept in the version and the audit log). */
function ReasonDialog({ title, description, testId, submit, text, busy, onText, onClose, onSubmit, children }: ReasonDialogProps) {
  return (
    <FormDialog title={title} description={description} testId={testId} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <label className="field">
          <span>Why (kept in the version and the audit log)</span>
          <textarea value={text} onChange={(e) => onText(e.target.value)} maxLength={2000} rows={3} />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {submit}
          </button>
        </div>
      </form>
    </FormDialog>
  );
}
