import { useState, type FormEvent } from 'react';
import { createOrganisation } from '../../api/admin';
import { fieldErrors } from '../../api/client';
import type { Organisation, OrgLevel } from '../../api/types';
import { FormErrorBanner } from '../../components/error-banner';
import { SelectField, TextField } from '../../components/form-field';
import { Modal } from '../../components/modal';
import { capitalise } from '../../lib/format';
import { levelsBelow, orgTree } from './org-tree';

interface OrganisationFormProps {
  readonly orgs: readonly Organisation[];
  readonly onCreated: (org: Organisation) => void;
  readonly onClose: () => void;
}

export function OrganisationForm({ orgs, onCreated, onClose }: OrganisationFormProps) {
  const parents = orgTree(orgs).filter((n) => n.org.level !== 'enterprise');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState(parents[0]?.org.id ?? '');
  const parentLevel = orgs.find((o) => o.id === parentId)?.level ?? 'national';
  const allowed = levelsBelow(parentLevel);
  const [level, setLevel] = useState<OrgLevel>(allowed[0] ?? 'enterprise');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const effectiveLevel = allowed.includes(level) ? level : (allowed[0] ?? level);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await createOrganisation({ name: name.trim(), level: effectiveLevel, parentId }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  const footer = (
    <>
      <span className="spacer" />
      <button type="button" className="btn" onClick={onClose} disabled={busy}>
        Cancel
      </button>
      <button type="submit" form="organisation-form" className="btn btn-primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create organisation'}
      </button>
    </>
  );

  return (
    <Modal title="New organisation" onClose={onClose} footer={footer} testId="organisation-dialog">
      <FormErrorBanner error={error} fieldErrorCount={Object.keys(errors).length} />
      <form id="organisation-form" className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          name="name"
          label="Name"
          value={name}
          onChange={setName}
          error={errors['name']}
          required
          autoFocus
          placeholder="e.g. Riverside Water Works"
        />
        <SelectField
          name="parentId"
          label="Parent"
          value={parentId}
          onChange={setParentId}
          error={errors['parentId']}
          options={parents.map((n) => ({ value: n.org.id, label: `${'\u2003'.repeat(n.depth)}${n.org.name} (${n.org.level})` }))}
        />
        <SelectField
          name="level"
          label="Level"
          value={effectiveLevel}
          onChange={setLevel}
          error={errors['level']}
          options={allowed.map((l) => ({ value: l, label: capitalise(l) }))}
          hint="A child sits below its parent: national → provincial → industry → enterprise."
        />
      </form>
    </Modal>
  );
}
