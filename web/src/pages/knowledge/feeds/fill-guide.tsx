import { Link } from 'react-router-dom';
import { canWrite, useMe } from '../../../session/session-context';
import './feeds.css';

/**
 * How to fill an empty knowledge base. Bulwark ships no third-party advisories (the demo cannot), so a
 * fresh install starts empty and says where knowledge comes from: feeds, uploads, the server's CLI.
 */
export function KnowledgeFillGuide() {
  const me = useMe();
  const writer = canWrite(me.role);
  return (
    <div data-testid="kb-fill-guide">
      <p>Bulwark ships without third-party advisories. Fill the knowledge base from public sources in one of three ways:</p>
      <div className="kb-fill-guide">
        <section aria-labelledby="fill-feeds">
          <h3 id="fill-feeds">1. Follow feeds</h3>
          <p>
            CISA ICS advisories (CSAF), the Known Exploited Vulnerabilities catalog, the NVD API, OSV and CNVD, fetched on a schedule with only what changed each time. Set up by administrators of the root
            organisation.
          </p>
          <Link className="btn btn-small btn-primary" to="/knowledge/feeds">
            Knowledge feeds
          </Link>
        </section>
        <section aria-labelledby="fill-upload">
          <h3 id="fill-upload">2. Import files</h3>
          <p>Upload documents, a whole folder or an archive (.zip, .tar.gz) of CSAF, CVE, NVD, OSV, KEV, ATT&amp;CK or CNVD files, all in one run.</p>
          {writer ? (
            <Link className="btn btn-small" to="/knowledge/imports">
              Import files
            </Link>
          ) : (
            <p className="small muted">Analysts and administrators import files.</p>
          )}
        </section>
        <section aria-labelledby="fill-cli">
          <h3 id="fill-cli">3. On the server</h3>
          <p>The operator imports mirrors and downloads directly:</p>
          <p>
            <code>bulwark kb import ./csaf</code>
            <br />
            <code>bulwark kb feeds add kev --kind kev --url https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json --every 1440</code>
          </p>
        </section>
      </div>
    </div>
  );
}
