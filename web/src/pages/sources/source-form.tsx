import { useState } from 'react';
import { addEventSource, eventSourceTypes, updateEventSource, type EventSourceView } from '../../api/sensing';
import { tlpLevels } from '../../api/types';
import { FormErrorBanner } from '../../components/error-banner';
import { FormCheckboxField, FormSelectField, FormTextAreaField, FormTextField, setServerErrors, useZodForm } from '../../components/form-kit';
import { tlpLabel } from '../../components/tlp-badge';
import { sourceConfig, sourceDefaults, sourceInput, sourceSchema, sourceTypeLabels } from './source-form-model';

interface SourceFormProps {
  /** null: a new source. */
  readonly source: EventSourceView | null;
  readonly onSaved: (source: EventSourceView) => void;
  readonly onCancel: () => void;
}

const fields = ['name', 'type', 'tlp', 'port', 'host', 'certFile', 'keyFile', 'brokerUrl', 'topics', 'valuePath', 'path'] as const;

/** Adds or changes an event source; the fields follow its type. The server starts or restarts it. */
export function SourceForm({ source, onSaved, onCancel }: SourceFormProps) {
  const form = useZodForm(sourceSchema, sourceDefaults(source));
  const [error, setError] = useState<unknown>(null);
  const [fieldErrorCount, setFieldErrorCount] = useState(0);
  const type = form.watch('type');
  const protocol = form.watch('protocol');
  const payload = form.watch('payload');

  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      const saved =
        source === null
          ? await addEventSource(sourceInput(v))
          : await updateEventSource(source.id, { name: v.name, enabled: v.enabled, tlp: v.tlp, config: sourceConfig(v, source.config) });
      onSaved(saved);
    } catch (e) {
      setError(e);
      // Errors under `config.*` have no flat field here: they stay in the banner.
      setFieldErrorCount(setServerErrors(form.setError, e, fields));
    }
  });

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="source-form">
      {source === null ? (
        <FormSelectField control={form.control} name="type" label="Type" options={eventSourceTypes.map((t) => ({ value: t, label: sourceTypeLabels[t] }))} required />
      ) : null}
      <FormTextField control={form.control} name="name" label="Name" required placeholder="e.g. plant-switches" />
      {type === 'syslog' ? (
        <>
          <FormSelectField
            control={form.control}
            name="protocol"
            label="Protocol"
            options={[
              { value: 'udp', label: 'UDP' },
              { value: 'tcp', label: 'TCP (newline or octet counting)' },
              { value: 'tls', label: 'TLS' },
            ]}
          />
          <FormTextField control={form.control} name="port" label="Port" inputMode="numeric" required hint="Ports under 1024 need privileges; 5514 or 6514 (TLS) are usual." />
          <FormTextField control={form.control} name="host" label="Listen address" placeholder="0.0.0.0" hint="Empty: every address." />
          {protocol === 'tls' ? (
            <>
              <FormTextField control={form.control} name="certFile" label="Certificate file (PEM, on the server)" required />
              <FormTextField control={form.control} name="keyFile" label="Key file (PEM, on the server)" required />
            </>
          ) : null}
        </>
      ) : null}
      {type === 'mqtt' ? (
        <>
          <FormTextField control={form.control} name="brokerUrl" label="Broker" required placeholder="mqtt://broker.plant.local:1883" />
          <FormTextAreaField control={form.control} name="topics" label="Topics (one per line)" rows={3} required placeholder="spBv1.0/#" />
          <FormSelectField
            control={form.control}
            name="payload"
            label="Payload"
            options={[
              { value: 'auto', label: 'Automatic (Sparkplug B on spBv1.0/ topics, else JSON)' },
              { value: 'json', label: 'JSON' },
              { value: 'sparkplug', label: 'Sparkplug B' },
            ]}
          />
          {payload !== 'sparkplug' ? <FormTextField control={form.control} name="valuePath" label="Value path in JSON" placeholder="value" hint="Dot path, e.g. value or data.0.v." /> : null}
        </>
      ) : null}
      {type === 'zeek' || type === 'suricata' || type === 'winevent' ? (
        <>
          <FormTextField control={form.control} name="path" label="File or directory (on the server)" required placeholder={type === 'zeek' ? '/opt/zeek/logs/current' : type === 'suricata' ? '/var/log/suricata/eve.json' : '/var/log/winlogbeat/events.ndjson'} />
          <FormCheckboxField control={form.control} name="follow" label="Follow as it grows (survives rotation)" />
        </>
      ) : null}
      <FormSelectField control={form.control} name="tlp" label="Marking of its events" options={tlpLevels.map((t) => ({ value: t, label: tlpLabel(t) }))} />
      <FormCheckboxField control={form.control} name="enabled" label="Running" />
      <FormErrorBanner error={error} fieldErrorCount={fieldErrorCount} />
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Saving…' : source === null ? 'Add source' : 'Save source'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
