import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { createOrganisation } from '../../api/admin';
import type { Organisation, OrgLevel } from '../../api/types';
import { FormErrorBanner } from '../../components/error-banner';
import { FormSelectField, FormTextField, setServerErrors, useZodForm } from '../../components/form-kit';
import { Modal } from '../../components/modal';
import { capitalise } from '../../lib/format';
import { levelsBelow, orgTree } from './org-tree';

interface OrganisationFormProps {
  readonly orgs: readonly Organisation[];
  readonly onCreated: (org: Organisation) => void;
  readonly onClose: () => void;
}

const organisationSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name.').min(2, 'At least 2 characters.').max(200),
  parentId: z.string().min(1, 'Choose the parent organisation.'),
  level: z.string().min(1, 'Choose a level.'),
});

export function OrganisationForm({ orgs, onCreated, onClose }: OrganisationFormProps) {
  const parents = orgTree(orgs).filter((n) => n.org.level !== 'enterprise');
  const firstParent = parents[0]?.org;
  const form = useZodForm(organisationSchema, { name: '', parentId: firstParent?.id ?? '', level: levelsBelow(firstParent?.level ?? 'national')[0] ?? 'enterprise' });
  const parentId = useWatch({ control: form.control, name: 'parentId' });
  const level = useWatch({ control: form.control, name: 'level' });
  const allowed = levelsBelow(orgs.find((o) => o.id === parentId)?.level ?? 'national');
  // A level the new parent cannot hold falls back to the first it can.
  const effectiveLevel: OrgLevel = (allowed as readonly string[]).includes(level) ? (level as OrgLevel) : (allowed[0] ?? 'enterprise');
  const [error, setError] = useState<unknown>(null);
  const [fieldErrorCount, setFieldErrorCount] = useState(0);
  const busy = form.formState.isSubmitting;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      onCreated(await createOrganisation({ name: values.name, level: effectiveLevel, parentId: values.parentId }));
    } catch (e) {
      setFieldErrorCount(setServerErrors(form.setError, e, ['name', 'parentId', 'level']));
      setError(e);
    }
  });

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
      <FormErrorBanner error={error} fieldErrorCount={fieldErrorCount} />
      <form id="organisation-form" className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <FormTextField control={form.control} name="name" label="Name" required autoFocus placeholder="e.g. Riverside Water Works" />
        <FormSelectField
          control={form.control}
          name="parentId"
          label="Parent"
          options={parents.map((n) => ({ value: n.org.id, label: `${'\u2003'.repeat(n.depth)}${n.org.name} (${n.org.level})` }))}
        />
        <FormSelectField
          control={form.control}
          name="level"
          label="Level"
          options={allowed.map((l) => ({ value: l, label: capitalise(l) }))}
          hint="A child sits below its parent: national → provincial → industry → enterprise."
        />
      </form>
    </Modal>
  );
}
