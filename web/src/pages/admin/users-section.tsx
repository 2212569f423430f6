import { useState } from 'react';
import { updateUser, type UserPatch } from '../../api/admin';
import { roles, type Organisation, type Role, type User } from '../../api/types';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { capitalise, formatDate } from '../../lib/format';
import { PasswordDialog } from './password-dialog';
import { UserForm } from './user-form';

function UserStatus({ user }: { readonly user: User }) {
  if (user.disabled) return <span className="pill pill-danger">Disabled</span>;
  if (user.hasPassword) return <span className="pill pill-ok">Active</span>;
  return (
    <span className="pill pill-muted" title="Cannot log in to the console until an administrator sets a password">
      No password
    </span>
  );
}

interface UsersSectionProps {
  readonly users: readonly User[];
  readonly orgs: readonly Organisation[];
  readonly loading: boolean;
  /** The page's banner already says the load failed: no empty state then. */
  readonly failed?: boolean;
  readonly currentUserId: string;
  readonly onChanged: (user: User) => void;
  readonly onCreated: (user: User) => void;
}

export function UsersSection({ users, orgs, loading, failed = false, currentUserId, onChanged, onCreated }: UsersSectionProps) {
  const [creating, setCreating] = useState(false);
  const [passwordFor, setPasswordFor] = useState<User | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function change(user: User, patch: UserPatch) {
    setPending(user.id);
    setError(null);
    try {
      onChanged(await updateUser(user.id, patch));
    } catch (e) {
      setError(e);
    } finally {
      setPending(null);
    }
  }

  const columns: readonly Column<User>[] = [
    {
      key: 'username',
      header: 'Username',
      alwaysShown: true,
      sortValue: (u) => u.username,
      className: 'mono',
      render: (u) => (
        <>
          {u.username}
          {u.id === currentUserId ? <span className="pill pill-muted pill-inline">you</span> : null}
        </>
      ),
    },
    { key: 'displayName', header: 'Display name', sortValue: (u) => u.displayName, render: (u) => u.displayName },
    { key: 'org', header: 'Organisation', sortValue: (u) => u.orgName, render: (u) => u.orgName },
    {
      key: 'role',
      header: 'Role',
      sortValue: (u) => roles.indexOf(u.role),
      csv: (u) => u.role,
      render: (u) =>
        u.id === currentUserId ? (
          capitalise(u.role)
        ) : (
          <select
            className="input select input-compact"
            aria-label={`Role of ${u.username}`}
            name="userRole"
            value={u.role}
            disabled={pending === u.id}
            onChange={(e) => {
              const role = roles.find((r) => r === e.target.value);
              if (role !== undefined) void change(u, { role: role satisfies Role });
            }}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {capitalise(r)}
              </option>
            ))}
          </select>
        ),
    },
    {
      key: 'status',
      header: 'Status',
      render: (u) => <UserStatus user={u} />,
    },
    { key: 'created', header: 'Created', className: 'nowrap', sortValue: (u) => u.createdAt, render: (u) => formatDate(u.createdAt) },
    {
      key: 'actions',
      header: '',
      className: 'actions',
      render: (u) =>
        u.id === currentUserId ? null : (
          <div className="row-actions">
            <button type="button" className="btn btn-small" onClick={() => setPasswordFor(u)} disabled={pending === u.id}>
              Set password
            </button>
            <button
              type="button"
              className={u.disabled ? 'btn btn-small' : 'btn btn-small btn-danger-outline'}
              onClick={() => void change(u, { disabled: !u.disabled })}
              disabled={pending === u.id}
            >
              {u.disabled ? 'Enable' : 'Disable'}
            </button>
          </div>
        ),
    },
  ];

  return (
    <section className="card card-flush" aria-labelledby="users-title">
      <div className="card-header">
        <div>
          <h2 id="users-title" className="card-title">
            Users
          </h2>
          <p className="muted small">
            Give each person the least role they need: viewers read, responders act on incidents, analysts write.
          </p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
          New user
        </button>
      </div>
      {error === null ? null : (
        <div className="card-banner">
          <ErrorBanner error={error} title="The change was not saved." onDismiss={() => setError(null)} />
        </div>
      )}
      <DataTable
        columns={columns}
        rows={users}
        rowKey={(u) => u.id}
        label="Users"
        testId="users-table"
        loading={loading}
        rowClassName={(u) => (u.disabled ? 'row-disabled' : '')}
        empty={failed ? null : <EmptyState title="No users yet.">Create one with “New user”; they can log in once they have a password.</EmptyState>}
      />
      {creating ? (
        <UserForm
          orgs={orgs}
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            onCreated(user);
          }}
        />
      ) : null}
      {passwordFor === null ? null : (
        <PasswordDialog
          user={passwordFor}
          onClose={() => setPasswordFor(null)}
          onSaved={(user) => {
            setPasswordFor(null);
            onChanged(user);
          }}
        />
      )}
    </section>
  );
}
