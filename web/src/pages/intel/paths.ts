/** Where the parts of the intelligence module live in the console. */
export const intelPaths = {
  browser: (query: Readonly<Record<string, string>> = {}) => {
    const search = new URLSearchParams(query).toString();
    return `/intel${search === '' ? '' : `?${search}`}`;
  },
  object: (id: string) => `/intel/objects/${encodeURIComponent(id)}`,
  import: '/intel/import',
  extract: '/intel/extract',
  pattern: '/intel/pattern',
  collections: '/intel/taxii',
  feeds: '/intel/feeds',
};

/** STIX identifiers are `<type>--<uuid>`; links are only made for ids of that shape. */
export function isStixId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9][a-z0-9-]*--[0-9a-fA-F-]{8,}$/.test(value);
}

export function stixTypeOf(id: string): string {
  return id.slice(0, Math.max(0, id.indexOf('--')));
}
