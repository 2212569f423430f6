import { listOrganisations, listUsers } from '../../api/admin';
import type { Organisation, User } from '../../api/types';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { useLoad } from '../../lib/use-load';
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
  return <AdminSections currentUserId={me.user.id} ownOrgId={me.organisation.id} />;
}

function AdminSections({ currentUserId, ownOrgId }: { readonly currentUserId: string; readonly ownOrgId: string }) {
  const { load, set } = useLoad(async () => {
    const [o, u] = await Promise.all([listOrganisations(), listUsers()]);
    return { orgs: o.items, users: u.items };
  }, []);
  const orgs: readonly Organisation[] = load.data?.orgs ?? [];
  const users: readonly User[] = load.data?.users ?? [];
  const loading = load.state === 'loading';
  const failed = load.state === 'failed';
  const setOrgs = (change: (list: readonly Organisation[]) => readonly Organisation[]) => set({ orgs: change(orgs), users });
  const upsertUser = (user: User) =>
    set({ orgs, users: users.some((u) => u.id === user.id) ? users.map((u) => (u.id === user.id ? user : u)) : [...users, user] });

  return (
    <>
      <PageHeader
        title="Administration"
        description="Organisations, people and their access. Every change here is recorded in the audit log."
      />
      <ErrorBanner error={failed ? load.error : null} title="Could not load organisations and users." />
      <div className="stack">
        <OrganisationsSection orgs={orgs} loading={loading} failed={failed} onCreated={(org) => setOrgs((list) => [...list, org])}
          ownOrgId={ownOrgId}
          onPlaced={(org) => setOrgs((list) => list.map((o) => (o.id === org.id ? org : o)))}
        />
        <UsersSection
          users={users}
          orgs={orgs}
          loading={loading}
          failed={failed}
          currentUserId={currentUserId}
          onChanged={upsertUser}
          onCreated={upsertUser}
        />
        <TokensSection />
      </div>
    </>
  );
}
