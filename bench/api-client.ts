import { z } from 'zod';
import { ADMIN_PASSWORD } from './server-process.js';

// Only the fields the benchmarks rely on; parsing them makes a changed API fail here, not in the figures.
const tokenResponse = z.object({ token: z.string().min(1) });
const importReport = z.object({ rows: z.number(), created: z.number(), updated: z.number() });
const assetPage = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), orgId: z.string() })),
  nextCursor: z.string().nullable(),
});

export type AssetPage = z.infer<typeof assetPage>;
export type ImportReport = z.infer<typeof importReport>;

async function call(method: string, url: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(url, { method, ...init });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 2000)}`);
  }
  return { response, json: text === '' ? null : (JSON.parse(text) as unknown) };
}

/** Logs in as the bootstrap admin and returns the session cookie to send back. */
export async function loginAdmin(baseUrl: string): Promise<string> {
  const { response } = await call('POST', `${baseUrl}/api/v1/auth/login`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('bulwark_session='));
  if (cookie === undefined) throw new Error('login answered without a bulwark_session cookie');
  return cookie;
}

/** Issues an API token for the logged-in user; the benchmarks then authenticate as API clients do. */
export async function createToken(baseUrl: string, cookie: string): Promise<string> {
  const { json } = await call('POST', `${baseUrl}/api/v1/tokens`, {
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  });
  return tokenResponse.parse(json).token;
}

export async function importAssetsCsv(baseUrl: string, token: string, csv: string): Promise<ImportReport> {
  const { json } = await call('POST', `${baseUrl}/api/v1/assets/import`, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  return importReport.parse(json);
}

export async function listAssets(baseUrl: string, token: string, query: Readonly<Record<string, string>>): Promise<AssetPage> {
  const { json } = await call('GET', `${baseUrl}/api/v1/assets?${new URLSearchParams(query).toString()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return assetPage.parse(json);
}
