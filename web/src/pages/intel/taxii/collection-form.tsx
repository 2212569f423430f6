import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../../api/client';
import { createTaxiiCollection, type CollectionInput, type TaxiiCollectionFilter } from '../../../api/taxii';
import { tlpLevels, type Organisation, type Tlp } from '../../../api/types';
import { ErrorBanner } from '../../../components/error-banner';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/form-field';
import { tlpLabel } from '../../../components/tlp-badge';
import { FormButtons } from './form-buttons';
import { GrantEditor, grantsOf, type GrantDraft } from './grant-editor';
import { listOf } from './text-lists';

const tlpMaxOptions = [{ value: '' as const, label: 'Any TLP the reader may see' }, ...tlpLevels.map((t) => ({ value: t, label: `up to ${tlpLabel(t)}` }))];

interface CollectionFormProps {
  /** The organisations grants may name (an admin's own and those below it). */
  readonly organisations: readonly Organisation[];
  readonly onCreated: (title: string) => void;
  readonly onCancel: () => void;
}

export function CollectionForm({ organisations, onCreated, onCancel }: CollectionFormProps) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [alias, setAlias] = useState('');
  const [types, setTypes] = useState('');
  const [labels, setLabels] = useState('');
  const [tlpMax, setTlpMax] = useState<Tlp | ''>('');
  const [minConfidence, setMinConfidence] = useState('');
  const [excludeRevoked, setExcludeRevoked] = useState(false);
  const [readers, setReaders] = useState<readonly GrantDraft[]>([]);
  const [writers, setWriters] = useState<readonly GrantDraft[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrors(error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const confidence = Number.parseInt(minConfidence, 10);
    const filter: TaxiiCollectionFilter = {
      ...(listOf(types).length === 0 ? {} : { types: listOf(types) }),
      ...(listOf(labels).length === 0 ? {} : { labels: listOf(labels) }),
      ...(tlpMax === '' ? {} : { tlpMax }),
      ...(Number.isFinite(confidence) ? { minConfidence: confidence } : {}),
      ...(excludeRevoked ? { excludeRevoked } : {}),
    };
    const input: CollectionInput = {
      title: title.trim(),
      ...(description.trim() === '' ? {} : { description: description.trim() }),
      ...(alias.trim() === '' ? {} : { alias: alias.trim() }),
      ...(Object.keys(filter).length === 0 ? {} : { filter }),
      readers: grantsOf(readers),
      writers: grantsOf(writers),
    };
    try {
      await createTaxiiCollection(input);
      onCreated(input.title);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form className="form intel-form" onSubmit={(e) => void onSubmit(e)} data-testid="collection-form">
      <ErrorBanner error={error} title="The collection was not created." />
      <div className="form-row">
        <TextField name="title" label="Title" value={title} onChange={setTitle} required error={fields['title']} disabled={busy} />
        <TextField name="alias" label="Alias" value={alias} onChange={setAlias} error={fields['alias']} disabled={busy} hint="Optional short name usable in place of the id in TAXII URLs." />
      </div>
      <TextAreaField name="description" label="Description" value={description} onChange={setDescription} rows={2} error={fields['description']} disabled={busy} />
      <fieldset className="fieldset">
        <legend className="field-label">What the collection serves (and accepts)</legend>
        <div className="form-row">
          <TextField name="types" label="STIX types" value={types} onChange={setTypes} placeholder="indicator, malware" hint="Comma-separated; empty: every type." error={fields['filter']} disabled={busy} />
          <TextField name="labels" label="Labels" value={labels} onChange={setLabels} placeholder="ics" hint="Objects with any of these labels; empty: all." disabled={busy} />
          <SelectField name="tlpMax" label="Most permissive TLP" value={tlpMax} onChange={setTlpMax} options={tlpMaxOptions} disabled={busy} />
          <TextField name="minConfidence" label="Minimum confidence" type="number" min={0} max={100} value={minConfidence} onChange={setMinConfidence} disabled={busy} />
        </div>
        <CheckboxField name="excludeRevoked" label="Leave out revoked objects" checked={excludeRevoked} onChange={setExcludeRevoked} disabled={busy} />
      </fieldset>
      <GrantEditor title="Readers" hint="Your organisation may always read; add the other organisations that may." grants={readers} organisations={organisations} onChange={setReaders} disabled={busy} />
      <GrantEditor title="Writers" hint="Who may add objects to it over TAXII; they become your organisation's." grants={writers} organisations={organisations} onChange={setWriters} disabled={busy} />
      {fields['readers/writers'] === undefined ? null : <p className="field-error">{fields['readers/writers']}</p>}
      <FormButtons label="Create collection" busyLabel="Creating…" busy={busy} incomplete={title.trim() === ''} onCancel={onCancel} />
    </form>
  );
}
