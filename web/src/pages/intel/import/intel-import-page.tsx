import { useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { canWrite, useMe } from '../../../session/session-context';
import { BundleForm } from './bundle-form';
import { RecentImports } from './recent-imports';

export function IntelImportPage() {
  const me = useMe();
  // Bumped after each import so the list below shows it.
  const [generation, setGeneration] = useState(0);
  return (
    <>
      <PageHeader
        title="Import intelligence"
        description="Validate a STIX 2.1 bundle to see every problem with its place, then import it: objects without a TLP marking get the one chosen here, and contradictions with other holders are flagged."
      />
      <section className="card" aria-labelledby="bundle-form-title">
        <h2 className="card-title" id="bundle-form-title">
          Validate / import a bundle
        </h2>
        <BundleForm canImport={canWrite(me.role)} onImported={() => setGeneration((g) => g + 1)} />
      </section>
      <RecentImports generation={generation} />
    </>
  );
}
