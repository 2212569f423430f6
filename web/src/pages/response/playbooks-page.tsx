import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { importPlaybook, listPlaybooks, type CacaoIssue, type PlaybookSummary } from '../../api/playbooks';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { FormDialog } from '../../components/form-dialog';
import { PageHeader } from '../../components/page-header';
import { TlpBadge } from '../../components/tlp-badge';
import { formatDateTime } from '../../lib/format';
import { onlyWhen, useLoad } from '../../lib/use-load';

type Problem = Pick<CacaoIssue, 'path' | 'message'> & { readonly code?: string | undefined };

/** Paste or choose a CACAO JSON file; problems are listed by JSON Pointer. */
function ImportDialog({ onClose, onImported }: { readonly onClose: () => void; readonly onImported: (id: string) => void }) {
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    setProblems([]);
    setMessage(null);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      setMessage(`Not JSON: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    setBusy(true);
    try {
      const result = await importPlaybook(document);
      onImported(result.playbook.id);
    } catch (error) {
      if (error instanceof ApiError) {
        setMessage(error.message);
        setProblems(error.details);
      } else setMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <FormDialog title="Import a playbook" description="A CACAO 2.0 playbook as JSON. Nothing is stored when it has a problem." testId="playbook-import-dialog" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="playbook-file">File</label>
        <input id="playbook-file" type="file" accept="application/json,.json" onChange={(e) => void e.target.files?.[0]?.text().then(setText)} />
        <label htmlFor="playbook-json">Playbook JSON</label>
        <textarea id="playbook-json" rows={12} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
        {message === null ? null : (
          <div role="alert" data-testid="playbook-import-problems">
            <p>{message}</p>
            {problems.length === 0 ? null : (
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>
                    <code>{p.path === '' ? '(document)' : p.path}</code> {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
            Import
          </button>
        </div>
      </form>
    </FormDialog>
  );
}

/** Playbooks you may see, the latest version of each; import with problems listed by path. */
export function PlaybooksPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [importing, setImporting] = useState(false);
  const { load } = useLoad((signal) => listPlaybooks(signal), [], { key: ['playbooks', 'list'] });
  const open = (p: PlaybookSummary) => navigate(`/response/playbooks/${encodeURIComponent(p.id)}`);
  const columns: readonly Column<PlaybookSummary>[] = [
    { key: 'name', header: 'Playbook', alwaysShown: true, className: 'wrap', render: (p) => <Link to={`/response/playbooks/${encodeURIComponent(p.id)}`}>{p.name}</Link>, sortValue: (p) => p.name },
    { key: 'modified', header: 'Version', className: 'nowrap', render: (p) => formatDateTime(p.modified), sortValue: (p) => p.modified },
    { key: 'steps', header: 'Steps', className: 'num', render: (p) => p.stepCount, sortValue: (p) => p.stepCount },
    { key: 'org', header: 'Organisation', render: (p) => p.orgName, sortValue: (p) => p.orgName },
    { key: 'tlp', header: 'TLP', render: (p) => <TlpBadge tlp={p.tlp} />, csv: (p) => p.tlp, sortValue: (p) => p.tlp },
    { key: 'signed', header: 'Signed', render: (p) => (p.signed ? 'yes' : 'no'), sortValue: (p) => (p.signed ? 1 : 0) },
  ];
  return (
    <div className="page" data-testid="playbooks-page">
      <PageHeader
        title="Playbooks"
        description="CACAO 2.0 response playbooks: steps, branches and the approvals a plant engineer insists on before anything touches a control system."
        actions={
          <button type="button" className="primary" onClick={() => setImporting(true)}>
            Import playbook
          </button>
        }
      />
      <DataTable
        label="Playbooks"
        testId="playbooks-table"
        columns={columns}
        rows={load.data?.items ?? []}
        rowKey={(p) => `${p.orgId} ${p.id}`}
        loading={load.state === 'loading'}
        error={load.state === 'failed' ? load.error : undefined}
        errorTitle="Playbooks could not be loaded"
        onRowClick={open}
        exportName="playbooks"
        empty={onlyWhen(load, 'ready', <EmptyState title="No playbook yet">Import one, or the project’s library with bulwark playbook import src/modules/response/library/*.json.</EmptyState>)}
      />
      {importing ? (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={(id) => {
            setImporting(false);
            void client.invalidateQueries({ queryKey: ['playbooks', 'list'] });
            navigate(`/response/playbooks/${encodeURIComponent(id)}`);
          }}
        />
      ) : null}
    </div>
  );
}
