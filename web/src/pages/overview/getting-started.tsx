import { Link } from 'react-router-dom';
import type { Role } from '../../api/types';
import { canWrite } from '../../session/session-context';

export function GettingStarted({ role, hasAssets }: { readonly role: Role; readonly hasAssets: boolean }) {
  return (
    <section className="card">
      <h2 className="card-title">Getting started</h2>
      <ol className="steps">
        <li className="step">
          <strong>Build the asset inventory.</strong>{' '}
          {canWrite(role) ? (
            <>
              <Link to="/assets">Add assets</Link> one by one, or import a CSV export from your engineering workstation or
              CMDB.
            </>
          ) : (
            <>
              <Link to="/assets">Browse the assets</Link> your organisation and its members share with you.
            </>
          )}
          {hasAssets ? <span className="pill pill-ok pill-inline">Done</span> : null}
        </li>
        <li className="step">
          <strong>Rate criticality and mark sharing.</strong> Criticality drives prioritisation; the TLP marking and the
          “shared upward” flag decide which parent organisations may see an asset.
        </li>
        {role === 'admin' ? (
          <li className="step">
            <strong>Invite your team.</strong> <Link to="/admin">Create users</Link> with the least role they need, and
            issue API tokens for scripts and sensors.
          </li>
        ) : (
          <li className="step">
            <strong>Automate.</strong> <Link to="/admin">Issue an API token</Link> for scripts that feed the inventory.
          </li>
        )}
        <li className="step">
          <strong>Correlate.</strong> <Link to="/knowledge/imports">Fill the knowledge base</Link> with advisories (files or
          scheduled feeds): every asset's exposures are computed from it, and <Link to="/capture">traffic captures</Link> add the
          devices they discover to the inventory.
        </li>
      </ol>
    </section>
  );
}
