import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <section className="card">
        <EmptyState
          title="There is no page at this address."
          actions={
            <Link to="/" className="btn btn-primary">
              Go to the overview
            </Link>
          }
        >
          The link may be outdated, or the module may not be available in this version of Bulwark.
        </EmptyState>
      </section>
    </>
  );
}
