import { useState, type FormEvent } from 'react';
import { checkPattern } from '../../../api/intel';
import type { PatternCheck, PatternError, StixObject } from '../../../api/intel-types';
import { ErrorBanner } from '../../../components/error-banner';
import { TextAreaField } from '../../../components/form-field';
import { PageHeader } from '../../../components/page-header';

const example = "[ipv4-addr:value = '198.51.100.7'] AND [network-traffic:dst_port = 502]";

type Parsed = { readonly ok: true; readonly objects: readonly StixObject[] | undefined } | { readonly ok: false; readonly message: string };

function parseObjects(text: string): Parsed {
  if (text.trim() === '') return { ok: true, objects: undefined };
  try {
    const value: unknown = JSON.parse(text);
    // A bundle is accepted too: its objects are what is evaluated.
    const list = Array.isArray(value) ? value : typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>)['objects']) ? (value as Record<string, unknown>)['objects'] : null;
    if (!Array.isArray(list)) return { ok: false, message: 'Expected a JSON array of STIX objects (observed-data and the objects it refers to), or a bundle.' };
    return { ok: true, objects: list.filter((o): o is StixObject => typeof o === 'object' && o !== null) };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : 'unreadable'}` };
  }
}

/** The line the parser stopped on, with a caret under the column. */
function ErrorPointer({ pattern, error }: { readonly pattern: string; readonly error: PatternError }) {
  const line = pattern.split(/\r?\n/)[error.line - 1] ?? '';
  return (
    <div className="banner banner-error" role="alert" data-testid="pattern-error" data-line={error.line} data-column={error.column}>
      <div className="banner-body">
        <strong className="banner-title">
          Syntax error at line {error.line}, column {error.column}
        </strong>
        <span className="banner-message">{error.message}</span>
        <pre className="intel-caret" aria-label={`Line ${error.line} with a caret under column ${error.column}`}>
          {line}
          {'\n'}
          {' '.repeat(Math.max(0, error.column - 1))}^
        </pre>
        {error.expected.length === 0 ? null : (
          <p className="small">
            Expected: {error.expected.map((e) => <span key={e} className="code-chip">{e}</span>)}
          </p>
        )}
      </div>
    </div>
  );
}

function MatchResult({ check }: { readonly check: PatternCheck }) {
  const match = check.match;
  if (match === null) return null;
  return (
    <div className={`banner ${match.matched ? 'banner-success' : 'banner-warn'}`} role="status" data-testid="pattern-match" data-matched={match.matched}>
      <div className="banner-body">
        <strong className="banner-title">{match.matched ? 'The pattern matches the observed data.' : 'The pattern does not match the observed data.'}</strong>
        {match.observations.length === 0 ? null : <span className="banner-message">Matching observations (positions in the list): {match.observations.join(', ')}</span>}
        {match.bindings.length === 0 ? null : (
          <ul className="banner-details" data-testid="pattern-bindings">
            {match.bindings.map((b, i) => (
              <li key={i}>
                Binding {i + 1}: observations {b.join(', ')}
              </li>
            ))}
          </ul>
        )}
        {match.truncated ? <p className="small">Only the first bindings are listed.</p> : null}
        {match.skipped.length === 0 ? null : (
          <ul className="banner-details">
            {match.skipped.map((s) => (
              <li key={s.index}>
                Object {s.index} skipped: {s.reason}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function PatternPage() {
  const [pattern, setPattern] = useState(example);
  const [observed, setObserved] = useState('');
  const [observedError, setObservedError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [check, setCheck] = useState<{ readonly pattern: string; readonly result: PatternCheck } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseObjects(observed);
    if (!parsed.ok) {
      setObservedError(parsed.message);
      return;
    }
    setObservedError(undefined);
    setBusy(true);
    setError(null);
    try {
      setCheck({ pattern, result: await checkPattern(pattern, parsed.objects) });
    } catch (e) {
      setError(e);
      setCheck(null);
    } finally {
      setBusy(false);
    }
  }

  const result = check?.result ?? null;
  return (
    <>
      <PageHeader title="Pattern workbench" description="Check a STIX 2.1 pattern: syntax errors with their line and column, the object paths it uses, and whether it matches observed data you paste." />
      <section className="card">
        <form className="form" onSubmit={(e) => void onSubmit(e)} data-testid="pattern-form">
          <TextAreaField name="pattern" label="STIX pattern" value={pattern} onChange={setPattern} rows={4} />
          <TextAreaField
            name="observed"
            label="Observed data (optional)"
            value={observed}
            onChange={(v) => {
              setObserved(v);
              setObservedError(undefined);
            }}
            rows={6}
            error={observedError}
            placeholder='[ { "type": "observed-data", … }, { "type": "ipv4-addr", … } ]'
            hint="A JSON array of observed-data objects and the objects they refer to, or a bundle."
          />
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={busy || pattern.trim() === ''}>
              {busy ? 'Checking…' : 'Check pattern'}
            </button>
          </div>
        </form>
      </section>
      <ErrorBanner error={error} title="The pattern could not be checked." />
      {check === null || result === null ? null : (
        <section className="card" aria-labelledby="pattern-result-title" data-testid="pattern-result" data-valid={result.valid}>
          <h2 className="card-title" id="pattern-result-title">
            {result.valid ? 'The pattern is valid' : 'The pattern is not valid'}
          </h2>
          {result.error === null ? null : <ErrorPointer pattern={check.pattern} error={result.error} />}
          {result.normalized === null ? null : (
            <p>
              Normalized: <code className="intel-pattern">{result.normalized}</code>
            </p>
          )}
          {result.objectPaths.length === 0 ? null : (
            <p>
              Object paths:{' '}
              <span className="chip-list">
                {result.objectPaths.map((p) => (
                  <span key={p} className="code-chip">
                    {p}
                  </span>
                ))}
              </span>
            </p>
          )}
          <MatchResult check={result} />
        </section>
      )}
    </>
  );
}
