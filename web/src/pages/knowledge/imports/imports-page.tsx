import { listImports } from '../../../api/knowledge';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { PageHeader } from '../../../components/page-header';
import { useLoad } from '../../../lib/use-load';
import { canWrite, useMe } from '../../../session/session-context';
import { ImportRunsTable } from './import-runs-table';
import { SourcesSection } from './sources-section';
import { UploadForm } from './upload-form';
import { BulkImport } from '../feeds/bulk-import';
import { KnowledgeFillGuide } from '../feeds/fill-guide';

export function ImportsPage() {
  const me = useMe();
  const writer = canWrite(me.role);
  // The server shows import runs to administrators and analysts only.
  const { load, reload } = useLoad((signal) => (writer ? listImports(signal) : Promise.resolve({ items: [] })), [writer]);
  const runs = load.data?.items ?? [];
  return (
    <>
      <PageHeader title="Imports" description="Where the knowledge base comes from: import runs with what each added and every problem found, and how far each source is trusted." />
      {writer ? (
        <section className="card">
          <h2 className="card-title">Upload a document</h2>
          <UploadForm onImported={reload} />
        </section>
      ) : null}
      {writer ? (
        <section className="card">
          <h2 className="card-title">Import several documents, a folder or an archive</h2>
          <BulkImport onImported={reload} />
        </section>
      ) : null}
      <section className="card card-flush">
        <div className="card-header">
          <h2 className="card-title">Import runs</h2>
          <button type="button" className="btn btn-small" onClick={reload} disabled={load.state === 'loading'}>
            Refresh
          </button>
        </div>
        <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load import runs." />
        {!writer ? (
          <EmptyState title="Import runs are for administrators and analysts.">You are signed in as {me.role}.</EmptyState>
        ) : load.data !== null && runs.length === 0 ? (
          <EmptyState title="Nothing imported yet.">
            <KnowledgeFillGuide />
          </EmptyState>
        ) : (
          <ImportRunsTable runs={runs} />
        )}
      </section>
      <SourcesSection />
    </>
  );
}
