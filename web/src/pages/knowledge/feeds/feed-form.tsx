import { useState } from 'react';
import { z } from 'zod';
import { feedKindExamples, feedKindLabels, feedKinds, saveKbFeed, type FeedKind, type KbFeed, type KbFeedInput } from '../../../api/kb-feeds';
import { FormErrorBanner } from '../../../components/error-banner';
import { FormCheckboxField, FormSelectField, FormTextField, setServerErrors, useZodForm } from '../../../components/form-kit';

const schema = z
  .object({
    name: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'Lower-case letters, digits, dots, dashes and underscores (at most 64).'),
    kind: z.enum(feedKinds),
    url: z.string().trim().url('Enter an http or https URL.'),
    scheduled: z.boolean(),
    interval: z.string().trim(),
    apiKey: z.string().trim(),
    removeApiKey: z.boolean(),
    since: z.string().trim().refine((s) => s === '' || /^\d{4}-\d{2}-\d{2}$/.test(s), 'A date, YYYY-MM-DD.'),
    maxDocuments: z.string().trim().refine((s) => s === '' || (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 100_000), 'A whole number from 1 to 100,000.'),
  })
  .refine((v) => !v.scheduled || (/^\d+$/.test(v.interval) && Number(v.interval) >= 5 && Number(v.interval) <= 10_080), { path: ['interval'], message: 'Whole minutes from 5 to 10,080 (a week).' });

type Values = z.input<typeof schema>;
const fields = ['name', 'kind', 'url', 'interval', 'apiKey', 'since', 'maxDocuments'] as const;

interface FeedFormProps {
  readonly feed: KbFeed | null;
  readonly onSaved: (feed: KbFeed) => void;
  readonly onCancel: () => void;
}

/** Creates or changes a knowledge feed; an NVD API key is sent once and never shown again. */
export function FeedForm({ feed, onSaved, onCancel }: FeedFormProps) {
  const form = useZodForm(schema, {
    name: feed?.name ?? '',
    kind: feed?.kind ?? 'csaf',
    url: feed?.url ?? '',
    scheduled: feed === null ? true : feed.intervalMinutes !== null,
    interval: String(feed?.intervalMinutes ?? 360),
    apiKey: '',
    removeApiKey: false,
    since: feed?.options.since ?? '',
    maxDocuments: feed?.options.maxDocuments === undefined ? '' : String(feed.options.maxDocuments),
  } satisfies Values);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrorCount, setFieldErrorCount] = useState(0);
  const kind = form.watch('kind') as FeedKind;
  const scheduled = form.watch('scheduled') === true;

  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    const options: KbFeedInput['options'] = {
      ...(v.kind === 'nvd' && v.since !== '' ? { since: v.since } : {}),
      ...(v.maxDocuments === '' ? {} : { maxDocuments: Number(v.maxDocuments) }),
      ...(feed?.options.packages === undefined ? {} : { packages: feed.options.packages }),
    };
    const apiKey = v.kind !== 'nvd' ? undefined : v.removeApiKey ? null : v.apiKey === '' ? undefined : v.apiKey;
    try {
      onSaved(await saveKbFeed(v.name, { kind: v.kind, url: v.url, intervalMinutes: v.scheduled ? Number(v.interval) : null, options, ...(apiKey === undefined ? {} : { apiKey }) }));
    } catch (e) {
      setError(e);
      setFieldErrorCount(setServerErrors(form.setError, e, fields));
    }
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="kb-feed-form" className="form">
      {feed === null ? <FormTextField control={form.control} name="name" label="Name" required hint="Lower case, e.g. cisa-ics or nvd." /> : null}
      <FormSelectField control={form.control} name="kind" label="Kind" options={feedKinds.map((k) => ({ value: k, label: feedKindLabels[k] }))} required />
      <FormTextField control={form.control} name="url" label="URL" required placeholder={feedKindExamples[kind]} hint="Fetched from public addresses only, unless the operator allows private ones." />
      {kind === 'nvd' ? (
        <>
          <FormTextField
            control={form.control}
            name="apiKey"
            label="NVD API key"
            type="password"
            autoComplete="off"
            hint={feed?.hasApiKey === true ? 'A key is stored (sealed). Leave empty to keep it.' : 'Optional: raises the NVD rate limit from 5 to 50 requests per 30 s. Stored sealed, never shown.'}
          />
          {feed?.hasApiKey === true ? <FormCheckboxField control={form.control} name="removeApiKey" label="Remove the stored key" /> : null}
          <FormTextField control={form.control} name="since" label="First run starts at" placeholder="YYYY-MM-DD" hint="CVEs modified since this date; later runs go on from the last one. Default: 120 days back." />
        </>
      ) : null}
      <FormCheckboxField control={form.control} name="scheduled" label="Run on a schedule" />
      {scheduled ? <FormTextField control={form.control} name="interval" label="Every (minutes)" inputMode="numeric" required hint="5 to 10,080. 360 is every six hours." /> : null}
      <FormTextField control={form.control} name="maxDocuments" label="Most documents per run" inputMode="numeric" hint="Optional (default 5,000); the next run goes on." />
      <FormErrorBanner error={error} fieldErrorCount={fieldErrorCount} />
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Saving…' : feed === null ? 'Create feed' : 'Save feed'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
