import { useState } from 'react';
import { z } from 'zod';
import { importJobFormats, uploadEventImport, type EventImportJob, type ImportJobFormat } from '../../api/event-imports';
import { tlpLevels } from '../../api/types';
import { FormErrorBanner } from '../../components/error-banner';
import { FormCheckboxField, FormSelectField, setServerErrors, useZodForm } from '../../components/form-kit';
import { tlpOptions } from '../assets/options';

export const importFormatLabels: Readonly<Record<ImportJobFormat, string>> = {
  auto: 'Detect from the first lines',
  zeek: 'Zeek log (TSV or JSON)',
  suricata: 'Suricata EVE JSON',
  syslog: 'Syslog (RFC 5424 / 3164)',
  winevent: 'Windows events (JSON lines)',
  ndjson: 'Bulwark events (NDJSON)',
};

const formatOptions = importJobFormats.map((value) => ({ value, label: importFormatLabels[value] }));

const importSchema = z.object({
  file: z.custom<File | null>((value) => value instanceof File, 'Choose a log file.'),
  format: z.enum(importJobFormats),
  tlp: z.enum(tlpLevels),
  sharedUpward: z.boolean(),
});

/** A log file sent as it is (gzip too); the server parses it in the background and the table follows. */
export function ImportForm({ onStarted, onCancel }: { readonly onStarted: (job: EventImportJob) => void; readonly onCancel: () => void }) {
  const form = useZodForm(importSchema, { file: null, format: 'auto', tlp: 'amber', sharedUpward: false });
  const [error, setError] = useState<unknown>(null);
  const [fieldErrorCount, setFieldErrorCount] = useState(0);
  const fileError = form.formState.errors.file?.message;
  const onSubmit = form.handleSubmit(async ({ file, format, tlp, sharedUpward }) => {
    if (file === null) return;
    setError(null);
    try {
      onStarted(await uploadEventImport(file, file.name, { format, tlp, sharedUpward }));
    } catch (e) {
      setError(e);
      // The options travel in the query string: the server names them querystring.<option>.
      setFieldErrorCount(setServerErrors(form.setError, e, ['format', 'tlp', 'sharedUpward'], { 'querystring.format': 'format', 'querystring.tlp': 'tlp' }));
    }
  });
  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="import-form">
      <div className={fileError === undefined ? 'field' : 'field field-invalid'}>
        <label className="field-label" htmlFor="import-file">
          Log file<span className="field-required" aria-hidden="true"> *</span>
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          className="file-input"
          aria-required="true"
          aria-invalid={fileError !== undefined}
          {...(fileError === undefined ? {} : { 'aria-describedby': 'import-file-error' })}
          onChange={(e) => form.setValue('file', e.target.files?.[0] ?? null, { shouldValidate: true })}
        />
        {fileError === undefined ? (
          <p className="field-hint">Zeek, Suricata EVE, syslog, Windows event JSON or NDJSON; gzip-compressed too.</p>
        ) : (
          <p className="field-error" id="import-file-error" data-field-error="import-file">
            {fileError}
          </p>
        )}
      </div>
      <FormSelectField control={form.control} name="format" id="import-format" label="Format" options={formatOptions} />
      <FormSelectField control={form.control} name="tlp" id="import-tlp" label="TLP of the events" options={tlpOptions} />
      <FormCheckboxField control={form.control} name="sharedUpward" id="import-shared" label="Share upward" hint="Parent organisations may read the events (not for AMBER+STRICT or RED)." />
      <FormErrorBanner error={error} fieldErrorCount={fieldErrorCount} />
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Sending…' : 'Import'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
