import { useState, type FormEvent } from 'react';
import { addFingerprintRule } from '../../../api/capture';
import type { FingerprintRule } from '../../../api/types';
import { ErrorBanner } from '../../../components/error-banner';
import { TextAreaField } from '../../../components/form-field';
import { deviceRoles, identityAttributes, protocolIds } from '../../../api/types';
import { ruleTemplate } from './rule-text';

function parseJson(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'not valid JSON' };
  }
}

/** A rule written as JSON; the server checks it and names every wrong field, which shows under the editor. */
export function RuleForm({ onAdded }: { readonly onAdded: (rule: FingerprintRule) => void }) {
  const [text, setText] = useState(ruleTemplate);
  const [jsonError, setJsonError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const parsed = parseJson(text);
    if (!parsed.ok) {
      setJsonError(`Not valid JSON: ${parsed.message}`);
      return;
    }
    setJsonError(undefined);
    setBusy(true);
    try {
      onAdded(await addFingerprintRule(parsed.value));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form rule-form" onSubmit={(e) => void onSubmit(e)} data-testid="rule-form">
      <ErrorBanner error={error} title="The rule was not added." />
      <TextAreaField
        name="rule"
        label="Rule (JSON)"
        value={text}
        onChange={(value) => {
          setText(value);
          setJsonError(undefined);
        }}
        rows={9}
        error={jsonError}
        disabled={busy}
        hint="id: lower-case letters, digits, dots and dashes. Confidence 0 to 1. A rule needs at least one condition and one conclusion; equals, prefix and pattern need an attribute."
      />
      <details className="rule-help">
        <summary className="small">What conditions and conclusions can say</summary>
        <dl className="details small">
          <div>
            <dt>when.serves, when.uses</dt>
            <dd className="mono">{protocolIds.join(', ')}</dd>
          </div>
          <div>
            <dt>when.port</dt>
            <dd>a TCP or UDP port the host serves</dd>
          </div>
          <div>
            <dt>when.attribute</dt>
            <dd className="mono">{[...identityAttributes, 'mac-vendor'].join(', ')}</dd>
          </div>
          <div>
            <dt>when.equals, prefix, pattern</dt>
            <dd>tests on the attribute's value, case-insensitive; pattern is a regular expression</dd>
          </div>
          <div>
            <dt>when.role, then.deviceType</dt>
            <dd className="mono">{deviceRoles.join(', ')}</dd>
          </div>
          <div>
            <dt>then.vendor, then.model</dt>
            <dd>the identity to claim, with the rule's confidence</dd>
          </div>
        </dl>
      </details>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy || text.trim() === ''}>
          {busy ? 'Adding…' : 'Add rule'}
        </button>
        <button type="button" className="btn" onClick={() => setText(ruleTemplate)} disabled={busy}>
          Reset to example
        </button>
      </div>
    </form>
  );
}
