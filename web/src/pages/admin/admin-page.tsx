import { useCallback, useEffect, useState } from 'react';
import { listOrganisations, listUsers } from '../../api/admin';
import type { Organisation, User } from '../../api/types';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { useMe } from '../../session/session-context';
import { OrganisationsSection } from './organisations-section';
import { TokensSection } from './tokens-section';
import { UsersSection } from './users-section';

export function AdminPage() {
  const me = useMe();
  if (me.role !== 'admin') {
    // Everyone may hold API tokens; only the organisation and user sections are for admins.
    return (
      <>
        <PageHeader title="API tokens" description="Tokens let your scripts call the Bulwark API with your role." />
        <TokensSection />
      </>
    );
  }
  return <AdminSections currentUserId={me.user.id} />;
}

function AdminSections({ currentUserId }: { readonly currentUserId: string }) {
  const [orgs, setOrgs] = useState<readonly Organisation[]>([]);
  const [users, setUsers] = useState<readonly User[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setLoading(true);
    Promise.all([listOrganisations(), listUsers()])
      .then(([o, u]) => {
        setOrgs(o.items);
        setUsers(u.items);
      })
      .catch(setError)
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);

  const upsertUser = (user: User) =>
    setUsers((list) => (list.some((u) => u.id === user.id) ? list.map((u) => (u.id === user.id ? user : u)) : [...list, user]));

  return (
    <>
      <PageHeader
        title="Administration"
        description="Organisations, people and their access. Every change here is recorded in the audit log."
      />
      <ErrorBanner error={error} title="Could not load organisations and users." />
      <div className="stack">
        <OrganisationsSection orgs={orgs} loading={loading} onCreated={(org) => setOrgs((list) => [...list, org])} />
        <UsersSection
          users={users}
          orgs={orgs}
          loading={loading}
          currentUserId={currentUserId}
          onChanged={upsertUser}
          onCreated={upsertUser}
        />
        <TokensSection />
      </div>
    </>
  );
}
