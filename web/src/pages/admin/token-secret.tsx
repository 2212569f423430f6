import { useState } from 'react';
import type { IssuedToken } from '../../api/types';

/** The one moment the secret exists in the browser; afterwards only its prefix is known. */
export function TokenSecret({ token, onDone }: { readonly token: IssuedToken; readonly onDone: () => void }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // Clipboard access needs HTTPS or localhost; the box stays selectable for a manual copy.
      setCopied('failed');
    }
  }

  return (
    <div className="secret-box" data-testid="token-secret">
      <p className="secret-warning">
        <strong>Copy the token “{token.name}” now.</strong> It is shown only this once; Bulwark stores only a hash of it.
      </p>
      <div className="secret-row">
        <input
          className="input mono secret-value"
          readOnly
          value={token.token}
          aria-label="New API token"
          data-testid="token-secret-value"
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="btn" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn btn-primary" onClick={onDone}>
          I have stored it
        </button>
      </div>
      {copied === 'failed' ? (
        <p className="field-hint">The browser refused clipboard access; select the text and copy it by hand.</p>
      ) : null}
    </div>
  );
}
