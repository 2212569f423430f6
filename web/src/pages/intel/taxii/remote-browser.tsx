import { useId, useState } from 'react';
import { listRemoteCollections, type FeedAuth, type RemoteCollection } from '../../../api/taxii';
import { ErrorBanner } from '../../../components/error-banner';
import { TextField } from '../../../components/form-field';

interface RemoteBrowserProps {
  /** The credentials typed in the feed form, used for the remote server too. */
  readonly auth: FeedAuth | undefined;
  readonly onPick: (collection: RemoteCollection) => void;
  readonly disabled: boolean;
}

/** Lists the collections of a remote TAXII server (discovery URL or API root) to pick the feed's collection. */
export function RemoteBrowser({ auth, onPick, disabled }: RemoteBrowserProps) {
  const uid = useId();
  const [server, setServer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [items, setItems] = useState<readonly RemoteCollection[] | null>(null);

  async function onBrowse() {
    setBusy(true);
    setError(null);
    setItems(null);
    try {
      setItems((await listRemoteCollections(server.trim(), auth)).items);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="fieldset intel-remote" data-testid="remote-browser">
      <legend className="field-label">Browse remote collections</legend>
      <div className="intel-remote-row">
        <TextField id={`${uid}remoteServer`} name="remoteServer" label="TAXII server or API root" value={server} onChange={setServer} placeholder="https://taxii.example/taxii2/" disabled={disabled || busy} />
        <button type="button" className="btn" onClick={() => void onBrowse()} disabled={disabled || busy || server.trim() === ''}>
          {busy ? 'Asking…' : 'Browse remote collections'}
        </button>
      </div>
      <ErrorBanner error={error} title="The remote server could not be listed." />
      {items === null ? null : items.length === 0 ? (
        <p className="muted small">The server lists no collection for these credentials.</p>
      ) : (
        <ul className="intel-ref-list" aria-label="Remote collections">
          {items.map((c) => (
            <li key={c.url}>
              <button type="button" className="btn btn-small" onClick={() => onPick(c)} disabled={disabled} aria-label={`Use collection ${c.title}`}>
                Use
              </button>{' '}
              <strong>{c.title}</strong> <span className="muted small">{[c.can_read ? 'read' : null, c.can_write ? 'write' : null].filter(Boolean).join(' · ')}</span>
              {c.description === undefined ? null : <span className="muted small"> — {c.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
