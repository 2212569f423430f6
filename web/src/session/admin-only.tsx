import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { useMe } from './session-context';

/** The server refuses these APIs to non-admins anyway; this explains it instead of showing a 403. */
export function AdminOnly({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  const me = useMe();
  if (me.role === 'admin') return children;
  return (
    <>
      <PageHeader title={title} />
      <section className="card">
        <EmptyState
          title="Only administrators can open this page."
          actions={
            <Link to="/" className="btn">
              Back to the overview
            </Link>
          }
        >
          You are signed in as {me.role}. Ask an administrator of {me.organisation.name} if you need access.
        </EmptyState>
      </section>
    </>
  );
}
