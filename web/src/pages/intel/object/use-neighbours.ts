import { getIntelSummaries } from '../../../api/intel';
import type { IntelObjectSummary } from '../../../api/intel-types';
import { useLoad } from '../../../lib/use-load';

// The id list must stay within the query's length limit (4,000 characters); STIX ids run to about 50.
const BATCH = 60;
const NONE: ReadonlyMap<string, IntelObjectSummary> = new Map();

/** Summaries of the neighbours the reader may see; ids that are not visible are simply absent. */
export function useNeighbours(ids: readonly string[]): ReadonlyMap<string, IntelObjectSummary> {
  const key = ids.join(',');
  const { load } = useLoad(async (signal) => {
    const found = new Map<string, IntelObjectSummary>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const page = await getIntelSummaries(ids.slice(i, i + BATCH), signal);
      for (const item of page.items) found.set(item.id, item);
    }
    return found;
  }, [key]);
  // One empty map while loading, so the graph is not redrawn on every render.
  return load.data ?? NONE;
}
