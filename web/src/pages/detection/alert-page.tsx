import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { z } from 'zod';
import { getAssetContext } from '../../api/assets';
import { apiUrl } from '../../api/client';
import { changeAlert, commentOnAlert, getAlert, similarAlerts, type Alert, type AlertStatus } from '../../api/detection';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner, FormErrorBanner } from '../../components/error-banner';
import { FormTextAreaField, setServerErrors, useZodForm } from '../../components/form-kit';
import { PageHeader } from '../../components/page-header';
import { TlpBadge } from '../../components/tlp-badge';
import { formatCount, formatDateTime } from '../../lib/format';
import { onlyWhen, useLoad } from '../../lib/use-load';
import { canWrite, useMe } from '../../session/session-context';
import type { Tlp } from '../../api/types';
import { AlertAsset } from './alert-asset-context';
import { LabelledSelect, SeverityBadge, StatusBadge, TechniqueLink, statusOptions } from './alert-badges';
import { AlertTimeline, captureFrameOf } from './alert-timeline';
import { explain, statusLabels } from './detection-model';
import { useAttackIndex } from './use-attack-index';

const commentForm = z.object({ body: z.string().trim().min(1).max(10_000) });

function WorkOnAlert({ alert, onChanged }: { readonly alert: Alert; readonly onChanged: () => void }) {
  const [status, setStatus] = useState<AlertStatus>(alert.status);
  const [assignee, setAssignee] = useState(alert.assignee ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function save() {
    setError(null);
    try {
      const nextAssignee = assignee.trim() === '' ? null : assignee.trim();
      await changeAlert(alert.id, {
        ...(status === alert.status ? {} : { status }),
        ...(nextAssignee === alert.assignee ? {} : { assignee: nextAssignee }),
        ...(note.trim() === '' ? {} : { note: note.trim() }),
      });
      setNote('');
      onChanged();
    } catch (e) {
      setError(e);
    }
  }
  const unchanged = status === alert.status && (assignee.trim() === '' ? null : assignee.trim()) === alert.assignee;
  return (
    <form
      className="alert-work"
      aria-label="Work on the alert"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <LabelledSelect label="Status" name="status" value={status} options={statusOptions} onChange={setStatus} />
      <label>
        <span className="field-label">Assignee</span>
        <input name="assignee" className="input input-small" value={assignee} onChange={(e) => setAssignee(e.target.value)} maxLength={200} placeholder="user name" />
      </label>
      <label className="alert-work-note">
        <span className="field-label">Note (kept in the history)</span>
        <input name="note" className="input input-small" value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />
      </label>
      <button type="submit" className="btn btn-primary btn-small" disabled={unchanged}>
        Save
      </button>
      <ErrorBanner error={error} title="The alert was not changed." />
    </form>
  );
}

function Comments({ alert, onAdded, writer }: { readonly alert: { readonly id: string; readonly comments: readonly { id: string; author: string; body: string; createdAt: string }[] }; readonly onAdded: () => void; readonly writer: boolean }) {
  const form = useZodForm(commentForm, { body: '' });
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState(0);
  const submit = form.handleSubmit(async ({ body }) => {
    setError(null);
    try {
      await commentOnAlert(alert.id, body);
      form.reset({ body: '' });
      onAdded();
    } catch (e) {
      setFieldErrors(setServerErrors(form.setError, e, ['body']));
      setError(e);
    }
  });
  return (
    <>
      {alert.comments.length === 0 ? (
        <p className="muted small">No comment yet.</p>
      ) : (
        <ul className="alert-comments" data-testid="alert-comments">
          {alert.comments.map((c) => (
            <li key={c.id}>
              <p className="small muted">
                {c.author} · {formatDateTime(c.createdAt)}
              </p>
              <p className="alert-comment-body">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {writer ? (
        <form onSubmit={(e) => void submit(e)} noValidate className="alert-comment-form">
          <FormTextAreaField control={form.control} name="body" label="Add a comment" rows={3} />
          <FormErrorBanner error={error} fieldErrorCount={fieldErrors} />
          <button type="submit" className="btn btn-small">
            Comment
          </button>
        </form>
      ) : null}
    </>
  );
}

/** One alert: what happened in words, its events in time order, the assets with their vulnerabilities, similar alerts, and the work on it. */
export function AlertPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const detail = useLoad((signal) => getAlert(id, signal), [id], { key: ['detection', 'alert'] });
  const similar = useLoad((signal) => similarAlerts(id, signal), [id], { key: ['detection', 'similar'] });
  const attack = useAttackIndex();
  const alert = detail.load.data;
  // The asset the alert is about, named in the explanation (the same request as its card below).
  const entityAsset = alert?.entity.startsWith('asset:') === true ? alert.entity.slice('asset:'.length) : '';
  const about = useLoad((signal) => (entityAsset === '' ? Promise.resolve(null) : getAssetContext(entityAsset, signal)), [entityAsset], { key: ['assets', 'context'] });
  const changed = () => void client.invalidateQueries({ queryKey: ['detection'] });

  if (alert === null) {
    return (
      <>
        <PageHeader title="Alert" />
        <ErrorBanner error={detail.load.state === 'failed' ? detail.load.error : null} title="Could not load the alert." />
        {onlyWhen(detail.load, 'loading', <p className="muted">Loading the alert…</p>)}
      </>
    );
  }

  const others = similar.load.data?.items ?? [];
  const text = explain(alert, about.load.data?.asset.name ?? null, others);
  const frames = alert.events.map(captureFrameOf).filter((f) => f !== null);
  const writer = alert.orgId === me.organisation.id && (canWrite(me.role) || me.role === 'responder');
  const similarColumns: readonly Column<Alert>[] = [
    { key: 'severity', header: 'Severity', render: (a) => <SeverityBadge severity={a.severity} /> },
    { key: 'title', header: 'Alert', alwaysShown: true, className: 'wrap', render: (a) => <Link to={`/detection/alerts/${encodeURIComponent(a.id)}`}>{a.ruleTitle}</Link> },
    { key: 'entity', header: 'About', className: 'mono small', render: (a) => a.entity },
    { key: 'why', header: 'Similar by', render: (a) => (a.ruleId === alert.ruleId ? 'same rule' : `technique ${a.techniques.filter((t) => alert.techniques.includes(t)).join(', ')}`) },
    { key: 'status', header: 'Status', render: (a) => <StatusBadge status={a.status} /> },
    { key: 'lastSeen', header: 'Last seen', className: 'nowrap', render: (a) => formatDateTime(a.lastSeen) },
  ];

  return (
    <>
      <PageHeader
        title={alert.ruleTitle}
        description={
          <span className="alert-header-badges">
            <SeverityBadge severity={alert.severity} /> <StatusBadge status={alert.status} /> <TlpBadge tlp={alert.tlp as Tlp} /> {formatCount(alert.count)} {alert.count === 1 ? 'hit' : 'hits'} ·{' '}
            {alert.assignee === null ? 'unassigned' : `assigned to ${alert.assignee}`}
          </span>
        }
      />
      <div className="alert-grid">
        <section className="card alert-explanation" aria-labelledby="alert-explanation-title" data-testid="alert-explanation">
          <h2 id="alert-explanation-title" className="card-title">
            What happened
          </h2>
          <p data-testid="alert-what">{text.what}</p>
          <h3 className="alert-subtitle">Why it matters</h3>
          <p data-testid="alert-why">{text.why}</p>
          <h3 className="alert-subtitle">Rule and technique</h3>
          <p data-testid="alert-rule">
            Raised by the rule <Link to={`/detection/rules/workbench?rule=${encodeURIComponent(alert.ruleId)}`}>{alert.ruleTitle}</Link> (level {alert.level}).{' '}
            {alert.techniques.length === 0 ? (
              'The rule names no ATT&CK technique.'
            ) : (
              <>
                ATT&CK for ICS:{' '}
                {alert.techniques.map((t, i) => {
                  const known = attack.byId.get(t);
                  return (
                    <span key={t}>
                      {i === 0 ? '' : ', '}
                      <TechniqueLink id={t} stixId={known?.stixId} />
                      {known === undefined ? '' : ` ${known.name} (${known.tactics.join(', ')})`}
                    </span>
                  );
                })}
                .
              </>
            )}
          </p>
          <h3 className="alert-subtitle">What is normal here</h3>
          <p data-testid="alert-normal">{text.normal}</p>
        </section>
        <section className="card" aria-labelledby="alert-work-title">
          <h2 id="alert-work-title" className="card-title">
            Work on it
          </h2>
          {writer ? <WorkOnAlert key={alert.updatedAt} alert={alert} onChanged={changed} /> : <p className="muted small">Only admins, analysts and responders of the alert’s organisation work on it.</p>}
          <h3 className="alert-subtitle">Status changes</h3>
          {alert.history.length === 0 ? (
            <p className="muted small">No change yet: the alert is as it was raised.</p>
          ) : (
            <ol className="alert-history" data-testid="alert-history">
              {alert.history.map((h, i) => (
                <li key={`${h.createdAt}-${i}`} className="small">
                  {formatDateTime(h.createdAt)}: {h.actor} set {statusLabels[h.toStatus]}
                  {h.fromStatus === null || h.fromStatus === h.toStatus ? '' : ` (was ${statusLabels[h.fromStatus]})`}
                  {h.assignee === null ? '' : `, assigned to ${h.assignee}`}
                  {h.note === null ? '' : `: “${h.note}”`}
                </li>
              ))}
            </ol>
          )}
          <h3 className="alert-subtitle">Comments</h3>
          <Comments alert={alert} onAdded={changed} writer={writer} />
        </section>
      </div>
      <section className="card" aria-labelledby="alert-events-title">
        <h2 id="alert-events-title" className="card-title">
          Timeline of its events
        </h2>
        <p className="muted small">
          The first {formatCount(alert.eventIds.length)} of {formatCount(alert.count)} {alert.count === 1 ? 'hit' : 'hits'}, from {formatDateTime(alert.firstSeen)} to {formatDateTime(alert.lastSeen)}.
        </p>
        <AlertTimeline events={alert.events} missing={alert.eventIds.length - alert.events.length} />
        <h3 className="alert-subtitle">Evidence</h3>
        <p className="small" data-testid="alert-evidence">
          {frames.length === 0 ? (
            'No event of this alert came from a packet capture, so there are no frames to show.'
          ) : (
            <>
              {`${frames.length} of its events came from capture frames (linked above). `}
              <a href={apiUrl(`/alerts/${encodeURIComponent(alert.id)}/evidence.pcap`)} download>
                Download the frames as a pcap
              </a>
              {' '}(read from the capture files kept on the server; a capture deleted since has none).
            </>
          )}
        </p>
      </section>
      <section className="card" aria-labelledby="alert-assets-title">
        <h2 id="alert-assets-title" className="card-title">
          Assets involved
        </h2>
        {alert.assetIds.length === 0 ? <p className="muted small">The events name no asset of the inventory (the alert is about {alert.entity}).</p> : alert.assetIds.map((a) => <AlertAsset key={a} assetId={a} />)}
      </section>
      <section className="card card-flush" aria-labelledby="alert-similar-title">
        <div className="card-header">
          <h2 id="alert-similar-title" className="card-title">
            Similar alerts
          </h2>
          <p className="muted small">Of the same rule, or sharing a technique, latest first.</p>
        </div>
        <DataTable
          columns={similarColumns}
          rows={others}
          rowKey={(a) => a.id}
          label="Similar alerts"
          testId="similar-alerts"
          loading={similar.load.state === 'loading'}
          error={similar.load.state === 'failed' ? similar.load.error : null}
          errorTitle="Could not load similar alerts."
          empty={onlyWhen(similar.load, 'ready', <EmptyState title="No other alert of this rule or its techniques." />)}
        />
      </section>
    </>
  );
}
