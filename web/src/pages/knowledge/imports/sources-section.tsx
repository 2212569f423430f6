import { useState } from 'react';
import { listSources, setSourceReliability } from '../../../api/knowledge';
import { isReliability, reliabilities, type Source } from '../../../api/types';
import { ErrorBanner } from '../../../components/error-banner';
import { useLoad } from '../../../lib/use-load';
import { useMe } from '../../../session/session-context';

const meanings: Readonly<Record<string, string>> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

export function SourcesSection() {
  const me = useMe();
  const admin = me.role === 'admin';
  const { load, set } = useLoad((signal) => listSources(signal), []);
  const [saving, setSaving] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const sources = load.data?.items ?? [];

  async function change(source: Source, value: string) {
    if (!isReliability(value) || value === source.reliability) return;
    setSaving(source.id);
    setError(null);
    setNotice(null);
    try {
      const updated = await setSourceReliability(source.id, value);
      set({ items: sources.map((s) => (s.id === updated.id ? updated : s)) });
      setNotice(`${updated.name} is now ${updated.reliability}; the displayed values of its vulnerabilities were decided again.`);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(null);
    }
  }

  return (
    <section className="card card-flush" data-testid="kb-sources">
      <div className="card-header">
        <div>
          <h2 className="card-title">Sources</h2>
          <p className="muted small">
            Reliability on the Admiralty scale (A best, F unknown). Where sources disagree, the most reliable one's value is displayed; changing a
            reliability re-decides the displayed values of every vulnerability the source speaks about.
          </p>
        </div>
      </div>
      {notice === null ? null : (
        <div className="card-banner">
          <div className="banner banner-success" role="status">
            <span className="banner-message">{notice}</span>
          </div>
        </div>
      )}
      {error === null ? null : (
        <div className="card-banner">
          <ErrorBanner error={error} title="The reliability did not change." />
        </div>
      )}
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load sources." />
      <div className="table-wrap">
        <table className="table" aria-label="Sources" data-testid="sources-reliability">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Id</th>
              <th scope="col">Format</th>
              <th scope="col">Reliability</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} data-id={s.id}>
                <td className="cell-strong">{s.name}</td>
                <td className="mono">{s.id}</td>
                <td>{s.format}</td>
                <td className="nowrap">
                  {admin ? (
                    <select
                      name={`reliability-${s.id}`}
                      className="input select input-compact"
                      aria-label={`Reliability of ${s.name}`}
                      value={s.reliability}
                      disabled={saving !== null}
                      onChange={(e) => void change(s, e.target.value)}
                    >
                      {reliabilities.map((r) => (
                        <option key={r} value={r}>
                          {r} · {meanings[r]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span>
                      <span className={`reliability reliability-${s.reliability}`}>{s.reliability}</span> {meanings[s.reliability]}
                    </span>
                  )}
                  {saving === s.id ? <span className="muted small"> Re-deciding displayed values…</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? null : <p className="muted small card-foot">Only administrators can change a source's reliability.</p>}
    </section>
  );
}
