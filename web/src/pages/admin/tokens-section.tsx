import { useCallback, useEffect, useState } from 'react';
import { listTokens, revokeToken } from '../../api/admin';
import type { IssuedToken, Token } from '../../api/types';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { formatDate, formatDateTime } from '../../lib/format';
import { TokenCreateForm } from './token-create-form';
import { TokenSecret } from './token-secret';

const never = <span className="muted">never</span>;

function tokenStatus(token: Token, now: number) {
  if (token.revokedAt !== null) return <span className="pill pill-muted">Revoked {formatDate(token.revokedAt)}</span>;
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now) return <span className="pill pill-warn">Expired</span>;
  return <span className="pill pill-ok">Active</span>;
}

export function TokensSection() {
  const [tokens, setTokens] = useState<readonly Token[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    listTokens()
      .then((r) => setTokens(r.items))
      .catch(setError)
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);

  async function onRevoke(token: Token) {
    setError(null);
    try {
      await revokeToken(token.id);
      setConfirming(null);
      load();
    } catch (e) {
      setError(e);
    }
  }

  const now = Date.now();
  const columns: readonly Column<Token>[] = [
    { key: 'name', header: 'Name', sortValue: (t) => t.name, render: (t) => <span className="cell-strong">{t.name}</span> },
    { key: 'prefix', header: 'Prefix', className: 'mono', render: (t) => `${t.prefix}…` },
    { key: 'created', header: 'Created', className: 'nowrap', sortValue: (t) => t.createdAt, render: (t) => formatDateTime(t.createdAt) },
    {
      key: 'used',
      header: 'Last used',
      className: 'nowrap',
      render: (t) => (t.lastUsedAt === null ? never : formatDateTime(t.lastUsedAt)),
    },
    { key: 'expires', header: 'Expires', className: 'nowrap', sortValue: (t) => t.expiresAt, render: (t) => (t.expiresAt === null ? never : formatDate(t.expiresAt)) },
    { key: 'status', header: 'Status', render: (t) => tokenStatus(t, now) },
    {
      key: 'actions',
      header: '',
      className: 'actions',
      render: (t) =>
        t.revokedAt !== null ? null : confirming === t.id ? (
          <div className="row-actions">
            <button type="button" className="btn btn-small btn-danger" onClick={() => void onRevoke(t)}>
              Yes, revoke
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(null)}>
              Keep
            </button>
          </div>
        ) : (
          <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setConfirming(t.id)}>
            Revoke
          </button>
        ),
    },
  ];

  return (
    <section className="card card-flush" aria-labelledby="tokens-title" id="tokens">
      <div className="card-header">
        <div>
          <h2 id="tokens-title" className="card-title">
            My API tokens
          </h2>
          <p className="muted small">
            For scripts, sensors and integrations. A token acts with your role; send it in the <code>Authorization: Bearer</code> header.
          </p>
        </div>
      </div>
      <div className="card-section">
        {issued === null ? (
          <TokenCreateForm
            onCreated={(token) => {
              setIssued(token);
              load();
            }}
          />
        ) : (
          <TokenSecret token={issued} onDone={() => setIssued(null)} />
        )}
      </div>
      {error === null ? null : (
        <div className="card-banner">
          <ErrorBanner error={error} onDismiss={() => setError(null)} />
        </div>
      )}
      <DataTable
        columns={columns}
        rows={tokens}
        rowKey={(t) => t.id}
        label="API tokens"
        testId="tokens-table"
        loading={loading}
        rowClassName={(t) => (t.revokedAt === null ? '' : 'row-disabled')}
        // After a failed load the banner above says so; "no tokens yet" would be a second, wrong state.
        empty={
          error !== null ? null : <EmptyState title="No API tokens yet.">
            Create one above for each script or integration, so you can revoke them one at a time.
          </EmptyState>
        }
      />
    </section>
  );
}
