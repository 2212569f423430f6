import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { listIndustries, placeOrganisation } from '../../api/admin';
import type { Organisation } from '../../api/types';
import { FormErrorBanner } from '../../components/error-banner';
import { FormSelectField, FormTextField, setServerErrors, useZodForm } from '../../components/form-kit';
import { Modal } from '../../components/modal';

interface PlacementFormProps {
  readonly org: Organisation;
  readonly onPlaced: (org: Organisation) => void;
  readonly onClose: () => void;
}

const placementSchema = z.object({
  industry: z.string(),
  region: z.string().trim().regex(/^(\d{6})?$/, 'Six digits, e.g. 320500, or empty.'),
});

/** Where an organisation below yours works: its industry and its administrative region. */
export function PlacementForm({ org, onPlaced, onClose }: PlacementFormProps) {
  const industries = useQuery({ queryKey: ['organisations', 'industries'], queryFn: listIndustries, staleTime: Infinity });
  const form = useZodForm(placementSchema, { industry: org.industry ?? '', region: org.region ?? '' });
  const [error, setError] = useState<unknown>(null);
  const [fieldErrorCount, setFieldErrorCount] = useState(0);
  const busy = form.formState.isSubmitting;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      onPlaced(await placeOrganisation(org.id, { industry: values.industry === '' ? null : values.industry, region: values.region === '' ? null : values.region }));
    } catch (e) {
      setFieldErrorCount(setServerErrors(form.setError, e, ['industry', 'region']));
      setError(e);
    }
  });

  const options = [{ value: '', label: 'Not set' }, ...(industries.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.code} · ${i.name}` }))];
  const footer = (
    <>
      <span className="spacer" />
      <button type="button" className="btn" onClick={onClose} disabled={busy}>
        Cancel
      </button>
      <button type="submit" form="placement-form" className="btn btn-primary" disabled={busy || industries.isPending}>
        {busy ? 'Saving…' : 'Save'}
      </button>
    </>
  );

  return (
    <Modal title={`Sector and region of ${org.name}`} onClose={onClose} footer={footer} testId="placement-dialog">
      <FormErrorBanner error={error ?? industries.error} fieldErrorCount={fieldErrorCount} />
      <form id="placement-form" className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <FormSelectField control={form.control} name="industry" label="Industry" options={options} hint="Divisions of the national classification of economic activities where control systems run." />
        <FormTextField control={form.control} name="region" label="Region code" placeholder="e.g. 320500" hint="Administrative division code (six digits). Used to aggregate risk and to aim warnings." />
      </form>
    </Modal>
  );
}
