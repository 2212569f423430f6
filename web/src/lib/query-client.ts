import { QueryClient } from '@tanstack/react-query';

/**
 * One cache for the console's server state. Answers stay fresh for half a minute, so going back to a
 * page shows it at once and two components asking for the same thing share one request. No retries:
 * a refused request (4xx) will be refused again, and the page says so at once instead of after a wait.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
