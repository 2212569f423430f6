import { useState } from 'react';
import { z } from 'zod';
import { addChannel, type AlertChannel, type ChannelInput } from '../../api/notifications';
import { FormErrorBanner } from '../../components/error-banner';
import { FormSelectField, FormTextField, setServerErrors, useZodForm } from '../../components/form-kit';

const schema = z
  .object({
    kind: z.enum(['webhook', 'email', 'mqtt']),
    name: z.string().trim().min(1, 'Name the channel.').max(200, 'At most 200 characters.'),
    url: z.string().trim(),
    secret: z.string(),
    host: z.string().trim(),
    port: z.string().trim(),
    from: z.string().trim(),
    to: z.string().trim(),
    topic: z.string().trim(),
  })
  .superRefine((v, ctx) => {
    const need = (field: 'url' | 'secret' | 'host' | 'port' | 'from' | 'to' | 'topic', ok: boolean, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (v.kind === 'webhook') {
      need('url', /^https?:\/\/\S+$/.test(v.url), 'Give an http:// or https:// address.');
      need('secret', v.secret.length >= 16, 'The signing key has at least 16 characters.');
    } else if (v.kind === 'email') {
      need('host', v.host !== '', 'Name the SMTP server.');
      need('port', /^\d+$/.test(v.port) && Number(v.port) >= 1 && Number(v.port) <= 65535, 'A port from 1 to 65535.');
      need('from', /^\S+@\S+$/.test(v.from), 'The sender’s e-mail address.');
      need('to', v.to.split(',').every((t) => /^\S+@\S+$/.test(t.trim())), 'One or more addresses, separated by commas.');
    } else {
      need('url', /^mqtts?:\/\/\S+$/.test(v.url), 'Give an mqtt:// or mqtts:// address.');
      need('topic', v.topic !== '' && !/[#+]/.test(v.topic), 'A topic without wildcards.');
    }
  });

const kinds = [
  { value: 'webhook', label: 'Webhook (signed with HMAC-SHA256)' },
  { value: 'email', label: 'E-mail (SMTP)' },
  { value: 'mqtt', label: 'MQTT topic' },
] as const;

export function ChannelForm({ onAdded, onCancel }: { readonly onAdded: (c: AlertChannel) => void; readonly onCancel: () => void }) {
  const form = useZodForm(schema, { kind: 'webhook', name: '', url: '', secret: '', host: '', port: '587', from: '', to: '', topic: '' });
  const kind = form.watch('kind');
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState(0);
  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    const input: ChannelInput =
      v.kind === 'webhook'
        ? { kind: 'webhook', name: v.name, url: v.url, secret: v.secret }
        : v.kind === 'email'
          ? { kind: 'email', name: v.name, host: v.host, port: Number(v.port), from: v.from, to: v.to.split(',').map((t) => t.trim()) }
          : { kind: 'mqtt', name: v.name, url: v.url, topic: v.topic };
    try {
      onAdded(await addChannel(input));
    } catch (e) {
      setError(e);
      setFieldErrors(setServerErrors(form.setError, e, ['name', 'url', 'secret', 'host', 'port', 'from', 'to', 'topic']));
    }
  });
  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="channel-form">
      <FormSelectField control={form.control} name="kind" id="channel-kind" label="Kind" options={kinds} />
      <FormTextField control={form.control} name="name" id="channel-name" label="Name" required placeholder="e.g. SOC webhook" />
      {kind !== 'email' && <FormTextField control={form.control} name="url" id="channel-url" label={kind === 'mqtt' ? 'Broker address' : 'Address'} required placeholder={kind === 'mqtt' ? 'mqtt://broker:1883' : 'https://soc.example/hooks/bulwark'} />}
      {kind === 'webhook' && <FormTextField control={form.control} name="secret" id="channel-secret" label="Signing key" required type="password" hint="Stored sealed; the receiver checks the x-bulwark-signature header with it." />}
      {kind === 'email' && (
        <>
          <FormTextField control={form.control} name="host" id="channel-host" label="SMTP server" required />
          <FormTextField control={form.control} name="port" id="channel-port" label="Port" required />
          <FormTextField control={form.control} name="from" id="channel-from" label="From" required />
          <FormTextField control={form.control} name="to" id="channel-to" label="To" required hint="Separate addresses with commas." />
        </>
      )}
      {kind === 'mqtt' && <FormTextField control={form.control} name="topic" id="channel-topic" label="Topic" required placeholder="plant/alerts" />}
      <FormErrorBanner error={error} fieldErrorCount={fieldErrors} />
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Adding…' : 'Add channel'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
