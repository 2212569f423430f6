import type { FeedRunResult } from '../../../api/taxii';
import { formatCount } from '../../../lib/format';

/** What one run did, in a sentence and counts. */
export function FeedResult({ result, direction, testId }: { readonly result: FeedRunResult; readonly direction: 'pull' | 'push'; readonly testId?: string }) {
  const tone = result.error !== null ? 'banner-error' : result.complete ? 'banner-success' : 'banner-warn';
  const verb = direction === 'pull' ? 'received' : 'sent';
  return (
    <div className={`banner ${tone}`} role="status" {...(testId === undefined ? {} : { 'data-testid': testId })} data-complete={result.complete}>
      <div className="banner-body">
        <strong className="banner-title">
          {result.error !== null ? 'The run stopped with an error.' : result.complete ? 'The run finished.' : 'The run stopped early; the next one goes on from there.'}
        </strong>
        <span className="banner-message" data-testid={testId === undefined ? undefined : `${testId}-counts`}>
          {formatCount(result.pages)} {result.pages === 1 ? 'page' : 'pages'}, {formatCount(result.objects)} objects {verb}: {formatCount(result.stored)} stored, {formatCount(result.duplicates)} duplicates,{' '}
          {formatCount(result.failed)} failed.
        </span>
        {result.error === null ? null : <p className="text-danger">{result.error}</p>}
      </div>
    </div>
  );
}
