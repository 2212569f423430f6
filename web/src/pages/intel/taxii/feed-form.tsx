import { useId, useState, type FormEvent } from 'react';
import { fieldErrors } from '../../../api/client';
import { intelReliabilities, type IntelReliability } from '../../../api/intel-types';
import { saveFeed, type Feed, type FeedAuth, type FeedInput } from '../../../api/taxii';
import { tlpLevels, type Tlp } from '../../../api/types';
import { ErrorBanner } from '../../../components/error-banner';
import { CheckboxField, SelectField, TextField } from '../../../components/form-field';
import { tlpLabel } from '../../../components/tlp-badge';
import { reliabilityMeanings } from '../intel-labels';
import { FormButtons } from './form-buttons';
import { RemoteBrowser } from './remote-browser';
import { listOf } from './text-lists';

type AuthKind = 'keep' | 'none' | 'basic' | 'token';
const pushTlps = ['clear', 'green', 'amber'] as const;
type PushTlp = (typeof pushTlps)[number];

interface FeedFormProps {
  /** The feed being changed, or null for a new one. */
  readonly feed: Feed | null;
  readonly onSaved: (feed: Feed) => void;
  readonly onCancel: () => void;
}

export function FeedForm({ feed, onSaved, onCancel }: FeedFormProps) {
  const editing = feed !== null;
  // Field ids must not clash with other forms on the page (the remote browser's, another dialog's).
  const uid = useId();
  const fid = (name: string) => `${uid}${name}`;
  const o = feed?.options ?? {};
  const [name, setName] = useState(feed?.name ?? '');
  const [direction, setDirection] = useState<'pull' | 'push'>(feed?.direction ?? 'pull');
  const [url, setUrl] = useState(feed?.url ?? '');
  // Stored credentials are never sent back: editing keeps them unless new ones are typed.
  const [authKind, setAuthKind] = useState<AuthKind>(editing ? 'keep' : 'basic');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [tlp, setTlp] = useState<Tlp>(o.tlp ?? 'amber');
  const [reliability, setReliability] = useState<IntelReliability | ''>(o.reliability ?? '');
  const [sharedUpward, setSharedUpward] = useState(o.sharedUpward ?? false);
  const [types, setTypes] = useState((o.types ?? []).join(', '));
  const [labels, setLabels] = useState((o.labels ?? []).join(', '));
  const [tlpMax, setTlpMax] = useState<PushTlp>(o.tlpMax === 'clear' || o.tlpMax === 'green' ? o.tlpMax : 'amber');
  const [pageSize, setPageSize] = useState(o.pageSize === undefined ? '' : String(o.pageSize));
  const [scheduled, setScheduled] = useState(feed?.intervalMinutes !== null && feed?.intervalMinutes !== undefined);
  const [interval, setIntervalText] = useState(String(feed?.intervalMinutes ?? 60));
  const [intervalError, setIntervalError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrors(error);

  const auth: FeedAuth | undefined =
    authKind === 'basic' && username.trim() !== ''
      ? { username: username.trim(), password }
      : authKind === 'token' && token.trim() !== ''
        ? { token: token.trim() }
        : authKind === 'none'
          ? {}
          : undefined;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const size = Number.parseInt(pageSize, 10);
    const minutes = Number(interval);
    if (scheduled && !(Number.isInteger(minutes) && minutes >= 5 && minutes <= 10_080)) {
      setIntervalError('Whole minutes from 5 to 10,080 (a week).');
      setBusy(false);
      return;
    }
    setIntervalError(undefined);
    const input: FeedInput = {
      direction,
      url: url.trim(),
      ...(auth === undefined ? {} : { auth }),
      ...(direction === 'pull'
        ? { tlp, ...(reliability === '' ? {} : { reliability }), sharedUpward }
        : { ...(listOf(types).length === 0 ? {} : { types: listOf(types) }), ...(listOf(labels).length === 0 ? {} : { labels: listOf(labels) }), tlpMax }),
      ...(Number.isFinite(size) ? { pageSize: size } : {}),
      intervalMinutes: scheduled ? minutes : null,
    };
    try {
      onSaved(await saveFeed(name.trim(), input));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form className="form intel-form" onSubmit={(e) => void onSubmit(e)} data-testid="feed-form">
      <ErrorBanner error={error} title={editing ? `Feed ${feed.name} was not saved.` : 'The feed was not created.'} />
      <div className="form-row">
        <TextField id={fid('feedName')} name="feedName" label="Feed name" value={name} onChange={setName} required disabled={busy || editing} error={fields['params']} hint="Letters, digits, dots, dashes and underscores." />
        <SelectField id={fid('direction')} name="direction"
          label="Direction"
          value={direction}
          onChange={setDirection}
          options={[
            { value: 'pull', label: 'Pull: import from the remote collection' },
            { value: 'push', label: 'Push: send our objects to it' },
          ]}
          disabled={busy || editing}
          error={fields['direction']}
        />
      </div>
      <TextField id={fid('feedUrl')} name="feedUrl" label="Collection URL" value={url} onChange={setUrl} required placeholder="https://taxii.example/api1/collections/<id>/" error={fields['url']} disabled={busy} />
      <fieldset className="fieldset">
        <legend className="field-label">Credentials for the remote server</legend>
        <div className="form-row">
          <SelectField id={fid('authKind')} name="authKind"
            label="Authentication"
            value={authKind}
            onChange={setAuthKind}
            options={[
              ...(editing ? [{ value: 'keep' as const, label: 'Keep the stored credentials' }] : []),
              { value: 'basic', label: 'User name and password' },
              { value: 'token', label: 'Bearer token' },
              { value: 'none', label: 'None' },
            ]}
            disabled={busy}
          />
          {authKind === 'basic' ? (
            <>
              <TextField id={fid('authUsername')} name="authUsername" label="User name" value={username} onChange={setUsername} autoComplete="off" disabled={busy} error={fields['auth']} />
              <TextField id={fid('authPassword')} name="authPassword" label="Password" type="password" value={password} onChange={setPassword} autoComplete="new-password" disabled={busy} hint={editing ? 'Leave both empty to keep the stored credentials.' : 'Stored for the feed; never shown again.'} />
            </>
          ) : null}
          {authKind === 'token' ? <TextField id={fid('authToken')} name="authToken" label="Token" type="password" value={token} onChange={setToken} autoComplete="off" disabled={busy} hint="Stored for the feed; never shown again." /> : null}
        </div>
      </fieldset>
      <RemoteBrowser auth={auth} onPick={(c) => setUrl(c.url)} disabled={busy} />
      <fieldset className="fieldset">
        <legend className="field-label">{direction === 'pull' ? 'What is imported' : 'What is sent'}</legend>
        <div className="form-row">
          {direction === 'pull' ? (
            <>
              <SelectField id={fid('feedTlp')} name="feedTlp" label="TLP for unmarked objects" value={tlp} onChange={setTlp} options={tlpLevels.map((t) => ({ value: t, label: tlpLabel(t) }))} disabled={busy} />
              <SelectField id={fid('feedReliability')} name="feedReliability"
                label="Source reliability"
                value={reliability}
                onChange={setReliability}
                options={[{ value: '' as const, label: 'Default' }, ...intelReliabilities.map((r) => ({ value: r, label: `${r} — ${reliabilityMeanings[r]}` }))]}
                disabled={busy}
              />
              <CheckboxField id={fid('feedSharedUpward')} name="feedSharedUpward" label="Share what is imported with the organisations above" checked={sharedUpward} onChange={setSharedUpward} disabled={busy} />
            </>
          ) : (
            <>
              <TextField id={fid('feedTypes')} name="feedTypes" label="STIX types" value={types} onChange={setTypes} placeholder="indicator, sighting" hint="Comma-separated; empty: every type." disabled={busy} />
              <TextField id={fid('feedLabels')} name="feedLabels" label="Labels" value={labels} onChange={setLabels} hint="Comma-separated; empty: all." disabled={busy} />
              <SelectField id={fid('feedTlpMax')} name="feedTlpMax" label="Most permissive TLP sent" value={tlpMax} onChange={setTlpMax} options={pushTlps.map((t) => ({ value: t, label: tlpLabel(t) }))} disabled={busy} hint="AMBER+STRICT and RED never leave the organisation." />
            </>
          )}
          <TextField id={fid('pageSize')} name="pageSize" label="Objects per page" type="number" min={1} max={1000} value={pageSize} onChange={setPageSize} placeholder="default" disabled={busy} error={fields['pageSize']} />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend className="field-label">Schedule</legend>
        <CheckboxField id={fid('scheduled')} name="scheduled" label="Run on a schedule" checked={scheduled} onChange={setScheduled} disabled={busy} hint="Otherwise the feed runs only when someone presses Run now." />
        {scheduled ? (
          <TextField id={fid('intervalMinutes')} name="intervalMinutes" label="Every (minutes)" type="number" min={5} max={10080} value={interval} onChange={setIntervalText} disabled={busy} error={intervalError ?? fields['intervalMinutes']} hint="From 5 minutes to a week (10,080)." />
        ) : null}
      </fieldset>
      <FormButtons label={editing ? 'Save feed' : 'Create feed'} busyLabel="Saving…" busy={busy} incomplete={name.trim() === '' || url.trim() === ''} onCancel={onCancel} />
    </form>
  );
}
