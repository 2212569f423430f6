import { zipSync } from 'fflate';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { ImportReport } from '../../../api/knowledge-types';
import { uploadArchive } from '../../../api/kb-feeds';
import type { Tlp } from '../../../api/types';
import { ErrorBanner } from '../../../components/error-banner';
import { formatCount } from '../../../lib/format';
import { IssueList } from '../imports/import-runs-table';
import { MarkingFields } from '../imports/marking-fields';
import './feeds.css';

const ARCHIVE = /\.(zip|tar|tgz|tar\.gz)$/i;
const DOCUMENT = /\.(json|xml)$/i;

/** Where a chosen file sits: its path inside a chosen folder, or its name. */
const pathOf = (file: File) => (file.webkitRelativePath === '' ? file.name : file.webkitRelativePath);

/**
 * The body to send: an archive the user chose goes as it is; several documents (or a folder's) are
 * zipped here first, so the server reads one archive in one import run either way.
 */
export async function bundle(files: readonly File[]): Promise<{ body: Blob; name: string; documents: number }> {
  const first = files[0];
  if (files.length === 1 && first !== undefined && ARCHIVE.test(first.name)) return { body: first, name: first.name, documents: 0 };
  const documents = files.filter((f) => DOCUMENT.test(f.name) && !pathOf(f).split('/').some((p) => p.startsWith('.')));
  const entries: Record<string, Uint8Array> = {};
  for (const f of documents) entries[pathOf(f)] = new Uint8Array(await f.arrayBuffer());
  const folder = first?.webkitRelativePath.split('/')[0];
  const name = folder !== undefined && folder !== '' ? folder : `${documents.length} documents`;
  return { body: new Blob([zipSync(entries, { level: 6 })], { type: 'application/zip' }), name, documents: documents.length };
}

/** Several documents, a folder, or an archive (.zip, .tar, .tar.gz) in one import run. */
export function BulkImport({ onImported }: { readonly onImported: () => void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [tlp, setTlp] = useState<Tlp>('amber');
  const [sharedUpward, setSharedUpward] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<{ readonly name: string; readonly report: ImportReport } | null>(null);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setFiles([...(event.target.files ?? [])]);
    setReport(null);
    setError(null);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const { body, name } = await bundle(files);
      setReport({ name, report: await uploadArchive(body, name, { tlp, sharedUpward }) });
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const archives = files.filter((f) => ARCHIVE.test(f.name)).length;
  const documents = files.filter((f) => DOCUMENT.test(f.name)).length;
  const mixed = archives > 0 && files.length > 1;
  const r = report?.report;
  return (
    <form className="upload-form" onSubmit={(e) => void onSubmit(e)} data-testid="bulk-import">
      <div className="bulk-drop">
        <div className="field field-file">
          <label className="field-label" htmlFor="bulk-files">
            Documents or an archive
          </label>
          <input id="bulk-files" name="bulkFiles" type="file" multiple accept=".json,.xml,.zip,.tar,.gz,.tgz" className="file-input" onChange={choose} disabled={busy} />
        </div>
        <div className="field field-file">
          <label className="field-label" htmlFor="bulk-folder">
            Or a folder
          </label>
          <input id="bulk-folder" name="bulkFolder" type="file" multiple className="file-input" onChange={choose} disabled={busy} {...{ webkitdirectory: '', directory: '' }} />
        </div>
        <MarkingFields prefix="bulk" tlp={tlp} onTlp={setTlp} sharedUpward={sharedUpward} onSharedUpward={setSharedUpward} disabled={busy} />
        <button type="submit" className="btn btn-primary" disabled={busy || files.length === 0 || mixed || (archives === 0 && documents === 0)}>
          {busy ? 'Uploading…' : 'Upload all'}
        </button>
      </div>
      <p className="bulk-list" data-testid="bulk-selection">
        {files.length === 0
          ? 'Nothing chosen yet.'
          : mixed
            ? 'Choose one archive, or documents without archives.'
            : archives === 1
              ? `The archive ${files[0]?.name ?? ''} will be read on the server.`
              : `${formatCount(documents)} JSON or XML documents of ${formatCount(files.length)} files chosen; the others are skipped.`}
      </p>
      <p className="field-hint">
        CSAF, CVE 5, NVD, OSV, KEV, ATT&amp;CK or CNVD documents, all in one import run. Archives are checked entry by entry: paths leaving the archive, links, oversized or over-compressed entries are
        refused and listed. Outside the root organisation the records become your organisation&rsquo;s submissions with this marking.
      </p>
      <ErrorBanner error={error} title="The documents were not imported." />
      {r === undefined ? null : (
        <div className={`banner ${r.stats.errors === 0 ? 'banner-success' : 'banner-warn'} upload-report`} role="status" data-testid="bulk-report">
          <div className="banner-body">
            <strong className="banner-title">Imported {report?.name}{r.stats.errors === 0 ? '.' : ', with problems.'}</strong>
            <span className="banner-message">
              {formatCount(r.stats.files)} documents, {formatCount(r.stats.records)} records: {formatCount(r.stats.vulnerabilities)} vulnerabilities, {formatCount(r.stats.advisories)} advisories,{' '}
              {formatCount(r.stats.unchanged)} unchanged; {formatCount(r.stats.errors)} errors, {formatCount(r.stats.warnings)} warnings.
            </span>
            {r.issues.length === 0 ? null : <IssueList issues={r.issues} />}
          </div>
        </div>
      )}
    </form>
  );
}
