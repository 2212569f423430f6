import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getPlaybook, type WorkflowStep } from '../../api/playbooks';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { TlpBadge } from '../../components/tlp-badge';
import { useLoad } from '../../lib/use-load';
import { PlaybookFlowchart } from './playbook-flowchart';

function stepText(step: WorkflowStep): string {
  if (step.type === 'action') return step.commands.map((c) => `${c.type}: ${c.command ?? c.description ?? ''}`).join('\n');
  if (step.type === 'if-condition' || step.type === 'while-condition') return `condition: ${step.condition}`;
  if (step.type === 'switch-condition') return `switch: ${step.switch}`;
  if (step.type === 'playbook-action') return `runs ${step.playbook_id}`;
  return step.description ?? '';
}

/** One playbook: its flowchart (read-only) and the step chosen on it. */
export function PlaybookPage() {
  const { id = '' } = useParams();
  const { load } = useLoad((signal) => getPlaybook(id, signal), [id], { key: ['playbooks', id] });
  const [selected, setSelected] = useState<string | null>(null);
  const stored = load.data ?? undefined;
  const step = stored === undefined || selected === null ? undefined : stored.playbook.workflow[selected];
  return (
    <div className="page" data-testid="playbook-page">
      <PageHeader title={stored?.name ?? 'Playbook'} description={stored?.description ?? 'A CACAO 2.0 playbook'} actions={<Link to="/response">All playbooks</Link>} />
      {load.state === 'failed' ? <ErrorBanner title="The playbook could not be loaded" error={load.error} /> : null}
      {stored === undefined ? null : (
        <>
          <p className="muted small">
            Version {stored.modified} · {stored.stepCount} steps · {stored.orgName} · <TlpBadge tlp={stored.tlp} /> {stored.signed ? '· signed' : ''}
          </p>
          <PlaybookFlowchart playbook={stored.playbook} onSelect={setSelected} />
          <section aria-label="Selected step" data-testid="playbook-step">
            {step === undefined ? (
              <p className="muted">Select a step on the flowchart to read it. Steps ringed in red ask a person (manual commands, approvals).</p>
            ) : (
              <>
                <h2>{step.name ?? step.type}</h2>
                <p className="muted small">{step.type}</p>
                {step.description === undefined ? null : <p>{step.description}</p>}
                <pre className="wrap">{stepText(step)}</pre>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
