import { useState, type ChangeEvent, type FormEvent } from 'react';
import { extractReport } from '../../../api/intel';
import { reportKinds, type ExtractResult, type ReportKind } from '../../../api/intel-types';
import { ErrorBanner } from '../../../components/error-banner';
import { SelectField, TextAreaField, TextField } from '../../../components/form-field';
import { PageHeader } from '../../../components/page-header';
import { canWrite, useMe } from '../../../session/session-context';
import { DraftReview } from './draft-review';

const kindLabels: Readonly<Record<ReportKind, string>> = { text: 'Plain text', html: 'HTML', pdf: 'PDF' };
const kindOptions = reportKinds.filter((k) => k !== 'pdf').map((k) => ({ value: k, label: kindLabels[k] }));

function kindOfFile(file: File): ReportKind {
  const name = file.name.toLowerCase();
  if (file.type === 'application/pdf' || name.endsWith('.pdf')) return 'pdf';
  if (file.type === 'text/html' || /\.x?html?$/.test(name)) return 'html';
  return 'text';
}

export function IntelExtractPage() {
  const me = useMe();
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [kind, setKind] = useState<ReportKind>('text');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ExtractResult | null>(null);

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setResult(null);
    setError(null);
    if (chosen !== null && name.trim() === '') setName(chosen.name.replace(/\.[^.]+$/, ''));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const title = name.trim() === '' ? (file?.name ?? 'Extracted report') : name;
      setResult(file === null ? await extractReport(text, kind, title) : await extractReport(file, kindOfFile(file), title));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Extract from a report"
        description="Paste a threat report or upload it (text, HTML or PDF): indicators, vulnerabilities and ATT&CK techniques are drafted as a STIX report for you to review. Nothing is stored until you import it."
      />
      <section className="card">
        <form className="form" onSubmit={(e) => void onSubmit(e)} data-testid="extract-form">
          <TextField name="reportName" label="Report name" value={name} onChange={setName} placeholder="The report's title" />
          <div className="field field-file">
            <label className="field-label" htmlFor="extract-file">
              Report file
            </label>
            <input id="extract-file" name="reportFile" type="file" accept=".txt,.md,.html,.htm,.pdf,text/plain,text/html,application/pdf" className="file-input" onChange={onFile} disabled={busy} />
            {file === null ? null : (
              <p className="field-hint">
                {file.name} will be read as {kindLabels[kindOfFile(file)]}.{' '}
                <button
                  type="button"
                  className="btn btn-link btn-small"
                  onClick={() => {
                    setFile(null);
                    const input = document.getElementById('extract-file');
                    if (input instanceof HTMLInputElement) input.value = '';
                  }}
                >
                  Use the text below instead
                </button>
              </p>
            )}
          </div>
          {file === null ? (
            <>
              <TextAreaField name="reportText" label="Report text" value={text} onChange={setText} rows={10} placeholder="Paste the report; defanged indicators such as 203.0.113[.]4 or hxxp:// are understood." />
              <SelectField name="reportKind" label="The text is" value={kind} onChange={setKind} options={kindOptions} />
            </>
          ) : null}
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={busy || (file === null && text.trim() === '')}>
              {busy ? 'Extracting…' : 'Extract'}
            </button>
          </div>
          <ErrorBanner error={error} title="The report could not be read." />
        </form>
      </section>
      {result === null ? null : (
        <section className="card" aria-labelledby="draft-title">
          <h2 className="card-title" id="draft-title">
            Draft for review
          </h2>
          <DraftReview key={result.bundle.id} result={result} canImport={canWrite(me.role)} />
        </section>
      )}
    </>
  );
}
