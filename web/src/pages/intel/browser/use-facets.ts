import { isAbort } from '../../../api/client';
import { getIntelFacets } from '../../../api/intel';
import type { IntelFacets, IntelQuery } from '../../../api/intel-types';
import { useLoad } from '../../../lib/use-load';

/**
 * Facet counts for the current filters. The server counts each dimension without its own filter:
 * with "Indicator" chosen, the type list still shows how many malware there are.
 */
export function useFacets(query: IntelQuery): IntelFacets | null {
  const { load } = useLoad(async (signal) => {
    try {
      return await getIntelFacets(query, signal);
    } catch (error) {
      if (isAbort(error)) throw error;
      // Facets are a help, not a need: without them the type filter offers the common types.
      return null;
    }
  }, [JSON.stringify(query)]);
  return load.data ?? null;
}
