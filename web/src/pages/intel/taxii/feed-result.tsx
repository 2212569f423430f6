import type { FeedRunResult } from '../../../api/taxii';
import { formatCount } from '../../../lib/format';

interface FeedResultProps {
  readonly result: FeedRunResult;
  readonly direction: 'pull' | 'push';
  /** The feed's name, where the banner stands above a list of feeds. */
  readonly feedName?: string;
  readonly testId?: string;
  readonly onDismiss?: () => void;
}

/** What one run did, in a sentence and counts. */
export function FeedResult({ result, direction, feedName, testId, onDismiss }: FeedResultProps) {
  const tone = result.error !== null ? 'banner-error' : result.complete ? 'banner-success' : 'banner-warn';
  const verb = direction === 'pull' ? 'received' : 'sent';
  const outcome = result.error !== null ? 'stopped with an error.' : result.complete ? 'finished.' : 'stopped early; the next one goes on from there.';
  return (
    <div className={`banner ${tone}`} role="status" {...(testId === undefined ? {} : { 'data-testid': testId })} data-complete={result.complete}>
      <div className="banner-body">
        <strong className="banner-title">{feedName === undefined ? `The run ${outcome}` : `The run of feed ${feedName} ${outcome}`}</strong>
        <span className="banner-message" data-testid={testId === undefined ? undefined : `${testId}-counts`}>
          {formatCount(result.pages)} {result.pages === 1 ? 'page' : 'pages'}, {formatCount(result.objects)} objects {verb}: {formatCount(result.stored)} stored, {formatCount(result.duplicates)} duplicates,{' '}
          {formatCount(result.failed)} failed.
        </span>
        {result.error === null ? null : <p className="text-danger">{result.error}</p>}
      </div>
      {onDismiss === undefined ? null : (
        <button type="button" className="banner-close" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
