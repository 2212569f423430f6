/** The asset page: every "Open asset" in the console goes here. */
export function assetPagePath(id: string): string {
  return `/assets/${encodeURIComponent(id)}`;
}
