import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { uploadCapture } from '../../../api/capture';
import { ApiError } from '../../../api/client';
import type { CaptureJob, Tlp } from '../../../api/types';
import { FormErrorBanner } from '../../../components/error-banner';
import { CheckboxField, SelectField, TextField } from '../../../components/form-field';
import { tlpOptions } from '../../assets/options';
import { formatBytes, percent } from '../capture-labels';
import { ProgressBar } from '../progress-bar';

interface UploadValues {
  readonly name: string;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly mergeAssets: boolean;
}

// The server's defaults for a new job, so the form shows what will be stored.
const initial: UploadValues = { name: '', tlp: 'amber', sharedUpward: false, mergeAssets: true };

// Upload options travel in the query string, so the server names them `querystring.<option>`.
function optionErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const d of error.details) {
    const field = d.path.replace(/^(querystring|body)\.?/, '').split('.')[0] ?? '';
    if (field !== '' && result[field] === undefined) result[field] = d.message;
  }
  return result;
}

export function UploadForm({ onUploaded }: { readonly onUploaded: (job: CaptureJob) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [values, setValues] = useState<UploadValues>(initial);
  // The name follows the chosen file until the person types their own.
  const [nameEdited, setNameEdited] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const errors = optionErrors(error);
  const busy = sent !== null;

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setError(null);
    if (!nameEdited) setValues((v) => ({ ...v, name: chosen?.name ?? '' }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file === null) return;
    setSent(0);
    setError(null);
    try {
      const job = await uploadCapture(file, { ...values, name: values.name.trim() === '' ? file.name : values.name.trim() }, setSent);
      onUploaded(job);
      setFile(null);
      setValues((v) => ({ ...v, name: '' }));
      setNameEdited(false);
      if (fileInput.current !== null) fileInput.current.value = '';
    } catch (e) {
      setError(e);
    } finally {
      setSent(null);
    }
  }

  return (
    <form className="form capture-upload" onSubmit={(e) => void onSubmit(e)} data-testid="capture-upload" noValidate>
      <FormErrorBanner error={error} fieldErrorCount={Object.keys(errors).length} />
      <div className="form-inline">
        <div className="field field-file">
          <label className="field-label" htmlFor="capture-file">
            Capture file
          </label>
          <input
            ref={fileInput}
            id="capture-file"
            name="captureFile"
            type="file"
            accept=".pcap,.pcapng,.cap,.gz,application/vnd.tcpdump.pcap,application/x-pcapng,application/gzip"
            className="file-input"
            onChange={onFile}
            disabled={busy}
          />
        </div>
        <TextField
          name="name"
          label="Job name"
          value={values.name}
          onChange={(name) => {
            setNameEdited(true);
            setValues((v) => ({ ...v, name }));
          }}
          placeholder="the file name"
          error={errors['name']}
          disabled={busy}
        />
        <SelectField name="tlp" label="TLP of the results" value={values.tlp} onChange={(tlp) => setValues((v) => ({ ...v, tlp }))} options={tlpOptions} error={errors['tlp']} disabled={busy} />
      </div>
      <div className="form-inline">
        <CheckboxField
          name="sharedUpward"
          label="Share upward"
          checked={values.sharedUpward}
          onChange={(sharedUpward) => setValues((v) => ({ ...v, sharedUpward }))}
          hint="Parent organisations may read the results (not for AMBER+STRICT or RED)."
          disabled={busy}
        />
        <CheckboxField
          name="mergeAssets"
          label="Merge into assets"
          checked={values.mergeAssets}
          onChange={(mergeAssets) => setValues((v) => ({ ...v, mergeAssets }))}
          hint="Adds new devices and fills empty fields; what people entered is never overwritten, disagreements are recorded."
          disabled={busy}
        />
      </div>
      <div className="upload-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || file === null}>
          {busy ? 'Uploading…' : 'Upload and analyse'}
        </button>
        {file === null ? (
          <span className="muted small">pcap or pcapng, optionally gzip-compressed. Analysis is passive: nothing is sent to your network.</span>
        ) : sent === null ? (
          <span className="muted small">{formatBytes(file.size)}</span>
        ) : (
          <span className="upload-progress">
            <ProgressBar value={sent} label="Upload" busy />
            <span className="small muted">
              {percent(sent)} of {formatBytes(file.size)}
            </span>
          </span>
        )}
      </div>
    </form>
  );
}
