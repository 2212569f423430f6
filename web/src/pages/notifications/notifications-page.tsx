// Notification settings: the organisation's alert channels (add, test, remove) and the rules that send
// alerts to them (which techniques, at least which severity).
import { useState } from 'react';
import { z } from 'zod';
import { addNotificationRule, alertSeverityList, listChannels, listNotificationRules, removeChannel, testChannel, type AlertChannel, type AlertSeverity } from '../../api/notifications';
import { ErrorBanner, FormErrorBanner } from '../../components/error-banner';
import { FormDialog } from '../../components/form-dialog';
import { FormSelectField, FormTextField, setServerErrors, useZodForm } from '../../components/form-kit';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useLoad } from '../../lib/use-load';
import { ChannelForm } from './channel-form';

const target = (c: AlertChannel) => (c.config.kind === 'email' ? `${c.config.host ?? ''}:${c.config.port ?? ''} → ${(c.config.to ?? []).join(', ')}` : c.config.kind === 'mqtt' ? `${c.config.url ?? ''} ${c.config.topic ?? ''}` : (c.config.url ?? ''));

const ruleSchema = z.object({
  name: z.string().trim().min(1, 'Name the rule.').max(200, 'At most 200 characters.'),
  techniques: z.string().trim().refine((t) => t === '' || t.split(',').every((x) => /^T\d{4}(\.\d{3})?$/i.test(x.trim())), 'ATT&CK ids such as T0843, separated by commas.'),
  minSeverity: z.enum(['info', 'low', 'medium', 'high', 'critical']),
  channelId: z.string().min(1, 'Choose a channel.'),
});

function RuleForm({ channels, onAdded, onCancel }: { readonly channels: readonly AlertChannel[]; readonly onAdded: () => void; readonly onCancel: () => void }) {
  const form = useZodForm(ruleSchema, { name: '', techniques: '', minSeverity: 'high', channelId: channels[0]?.id ?? '' });
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState(0);
  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      const techniques = v.techniques === '' ? [] : v.techniques.split(',').map((t) => t.trim().toUpperCase());
      await addNotificationRule({ name: v.name, minSeverity: v.minSeverity, channelIds: [v.channelId], techniques });
      onAdded();
    } catch (e) {
      setError(e);
      setFieldErrors(setServerErrors(form.setError, e, ['name', 'techniques', 'minSeverity']));
    }
  });
  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="rule-form">
      <FormTextField control={form.control} name="name" id="rule-name" label="Name" required placeholder="e.g. Critical alerts to the SOC" />
      <FormTextField control={form.control} name="techniques" id="rule-techniques" label="Techniques" hint="Empty: alerts of any technique." placeholder="T0843, T0858" />
      <FormSelectField control={form.control} name="minSeverity" id="rule-severity" label="At least" options={alertSeverityList.map((s) => ({ value: s, label: s }))} />
      <FormSelectField control={form.control} name="channelId" id="rule-channel" label="Send to" options={channels.map((c) => ({ value: c.id, label: c.name }))} />
      <FormErrorBanner error={error} fieldErrorCount={fieldErrors} />
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
          Add rule
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function NotificationsPage() {
  useDocumentTitle('Notifications');
  const channels = useLoad((signal) => listChannels(signal), []);
  const rules = useLoad((signal) => listNotificationRules(signal), []);
  const [adding, setAdding] = useState<'channel' | 'rule' | null>(null);
  const [tested, setTested] = useState<Record<string, string>>({});
  const [actionError, setActionError] = useState<unknown>(null);
  const items = channels.load.state === 'ready' ? channels.load.data.items : [];
  const names = new Map(items.map((c) => [c.id, c.name]));

  const test = async (c: AlertChannel) => {
    setTested((t) => ({ ...t, [c.id]: 'Sending…' }));
    try {
      const r = await testChannel(c.id);
      setTested((t) => ({ ...t, [c.id]: r.ok ? `Delivered in ${r.ms} ms` : `Not delivered: ${r.error ?? 'unknown error'}` }));
    } catch (e) {
      setActionError(e);
    }
  };
  const remove = async (c: AlertChannel) => {
    try {
      await removeChannel(c.id);
      channels.reload();
      rules.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <div className="page" data-testid="notifications-page">
      <PageHeader
        title="Notifications"
        description="Where your organisation hears about alerts: signed webhooks, e-mail and MQTT, and the rules that choose which alerts go where."
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setAdding('channel')}>
            Add channel
          </button>
        }
      />
      {actionError !== null && <ErrorBanner error={actionError} onDismiss={() => setActionError(null)} />}
      <section aria-labelledby="channels-heading">
        <h2 id="channels-heading">Channels</h2>
        {channels.load.state === 'failed' && <ErrorBanner error={channels.load.error} />}
        {channels.load.state === 'loading' && <p className="muted">Loading…</p>}
        {channels.load.state === 'ready' && items.length === 0 && <p className="muted">No channels yet: add a webhook, an e-mail server or an MQTT topic.</p>}
        {items.length > 0 && (
          <table className="table" data-testid="channels-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Destination</th>
                <th scope="col">Last test</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.kind}</td>
                  <td className="mono">{target(c)}</td>
                  <td data-testid={`test-result-${c.name}`}>{tested[c.id] ?? '—'}</td>
                  <td>
                    <div className="button-row">
                      <button type="button" className="btn" onClick={() => void test(c)} aria-label={`Test ${c.name}`}>
                        Test
                      </button>
                      <button type="button" className="btn" onClick={() => void remove(c)} aria-label={`Remove ${c.name}`}>
                        Remove
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">Rules</h2>
        {rules.load.state === 'failed' && <ErrorBanner error={rules.load.error} />}
        {rules.load.state === 'ready' && (
          <>
            {rules.load.data.items.length === 0 ? (
              <p className="muted">No rules: no alert is sent anywhere.</p>
            ) : (
              <table className="table" data-testid="rules-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Techniques</th>
                    <th scope="col">At least</th>
                    <th scope="col">Send to</th>
                  </tr>
                </thead>
                <tbody>
                  {rules.load.data.items.map((r) => (
                    <tr key={r.id}>
                      <td>{r.name}</td>
                      <td>{r.techniques.join(', ') || 'any'}</td>
                      <td>{r.minSeverity as AlertSeverity}</td>
                      <td>{r.channelIds.map((id) => names.get(id) ?? id).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <button type="button" className="btn" disabled={items.length === 0} onClick={() => setAdding('rule')}>
              Add rule
            </button>
          </>
        )}
      </section>
      {adding === 'channel' && (
        <FormDialog title="Add a channel" description="Secrets are sealed before they are stored and never shown again." testId="channel-dialog" onClose={() => setAdding(null)}>
          <ChannelForm
            onAdded={() => {
              setAdding(null);
              channels.reload();
            }}
            onCancel={() => setAdding(null)}
          />
        </FormDialog>
      )}
      {adding === 'rule' && (
        <FormDialog title="Add a rule" description="Alerts of these techniques, at least this severe, go to the channel." testId="rule-dialog" onClose={() => setAdding(null)}>
          <RuleForm
            channels={items}
            onAdded={() => {
              setAdding(null);
              rules.reload();
            }}
            onCancel={() => setAdding(null)}
          />
        </FormDialog>
      )}
    </div>
  );
}
