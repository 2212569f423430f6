import { Link } from 'react-router-dom';
import type { Asset } from '../../api/types';
import { GradeBadge } from '../../components/grade-badge';

/** The asset's exposure in four figures, linking to the cross-asset exposure list. */
export function ExposureFigures({ exposure }: { readonly exposure: Asset['exposure'] }) {
  return (
    <div className="stat-grid exposure-figures" data-testid="exposure-figures">
      <div className="stat">
        <span className="stat-label">Affected vulnerabilities</span>
        <span className="stat-value" data-figure="affected">
          {exposure.affected}
        </span>
      </div>
      <div className={exposure.kev > 0 ? 'stat stat-critical' : 'stat'}>
        <span className="stat-label">Known exploited (KEV)</span>
        <span className="stat-value" data-figure="kev">
          {exposure.kev}
        </span>
      </div>
      <div className="stat">
        <span className="stat-label">Highest grade</span>
        <span className="stat-value stat-value-small">{exposure.highestGrade === null ? <span className="muted">none</span> : <GradeBadge grade={exposure.highestGrade} />}</span>
      </div>
      <div className="stat">
        <span className="stat-label">Undecided matches</span>
        <span className="stat-value" data-figure="unknown">
          {exposure.unknown}
        </span>
        <span className="stat-note">
          version unknown; <Link to="/exposures">review in the exposure list</Link>
        </span>
      </div>
    </div>
  );
}
