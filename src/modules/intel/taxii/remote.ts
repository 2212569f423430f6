// A TAXII 2.1 client for remote servers: discovery, collections, a page of objects, add-objects.
// Every answer is checked for the shape this code relies on; a server speaking something else is
// an InputError naming the URL, never a crash deeper down.
import { z } from 'zod';
import { InputError } from '../../../platform/errors.js';
import { TAXII_MEDIA_TYPE } from './media.js';

export interface RemoteAuth {
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly token?: string | undefined;
}

export class RemoteTaxiiError extends InputError {
  constructor(
    readonly url: string,
    readonly status: number,
    message: string,
  ) {
    super(`${url} answered ${status === 0 ? 'nothing' : status}: ${message}`, [{ path: 'url', message }]);
  }
}

const discoverySchema = z.object({ api_roots: z.array(z.string()).optional(), default: z.string().optional(), title: z.string().optional() });
const collectionSchema = z.object({ id: z.string(), title: z.string(), description: z.string().optional(), can_read: z.boolean(), can_write: z.boolean() });
const collectionsSchema = z.object({ collections: z.array(collectionSchema).optional() });
const envelopeSchema = z.object({ more: z.boolean().optional(), next: z.string().optional(), objects: z.array(z.unknown()).optional() });
const statusSchema = z.object({
  id: z.string(),
  status: z.string(),
  total_count: z.number(),
  success_count: z.number(),
  failure_count: z.number(),
  failures: z.array(z.object({ id: z.string(), version: z.string().optional(), message: z.string().optional() })).optional(),
  pending_count: z.number().optional(),
});

export type RemoteCollection = z.infer<typeof collectionSchema> & { readonly url: string };
export type RemoteStatus = z.infer<typeof statusSchema>;

export interface RemotePage {
  readonly objects: readonly unknown[];
  readonly more: boolean;
  readonly next: string | undefined;
  /** X-TAXII-Date-Added-First / -Last of the page, when the server sent them. */
  readonly first: string | undefined;
  readonly last: string | undefined;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function createRemoteTaxii(fetchImpl: typeof fetch = fetch) {
  function headers(auth: RemoteAuth, extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { accept: TAXII_MEDIA_TYPE, ...extra };
    if (auth.token !== undefined) h['authorization'] = `Bearer ${auth.token}`;
    else if (auth.username !== undefined) h['authorization'] = `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ''}`).toString('base64')}`;
    return h;
  }

  async function call<T>(url: string, auth: RemoteAuth, schema: z.ZodType<T>, init: { method?: string; body?: string } = {}): Promise<{ body: T; response: Response }> {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: init.method ?? 'GET',
        headers: headers(auth, init.body === undefined ? {} : { 'content-type': TAXII_MEDIA_TYPE }),
        ...(init.body === undefined ? {} : { body: init.body }),
      });
    } catch (error) {
      throw new RemoteTaxiiError(url, 0, error instanceof Error ? error.message : String(error));
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 300);
      try {
        const e = JSON.parse(text) as { title?: string; description?: string };
        detail = [e.title, e.description].filter(Boolean).join(': ') || detail;
      } catch {
        // not a TAXII error body; the text says what it can
      }
      throw new RemoteTaxiiError(url, response.status, detail);
    }
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new RemoteTaxiiError(url, response.status, 'the answer is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new RemoteTaxiiError(url, response.status, `unexpected answer: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return { body: parsed.data, response };
  }

  return {
    /** The API roots a server lists at its discovery URL. */
    async discover(serverUrl: string, auth: RemoteAuth): Promise<string[]> {
      const { body } = await call(withSlash(serverUrl), auth, discoverySchema);
      return (body.api_roots ?? []).map((r) => withSlash(new URL(r, serverUrl).toString()));
    },

    async collections(apiRootUrl: string, auth: RemoteAuth): Promise<RemoteCollection[]> {
      const root = withSlash(apiRootUrl);
      const { body } = await call(`${root}collections/`, auth, collectionsSchema);
      return (body.collections ?? []).map((c) => ({ ...c, url: `${root}collections/${c.id}/` }));
    },

    async objects(collectionUrl: string, auth: RemoteAuth, query: { addedAfter?: string | undefined; next?: string | undefined; limit: number }): Promise<RemotePage> {
      const params = new URLSearchParams({ limit: String(query.limit) });
      if (query.addedAfter !== undefined) params.set('added_after', query.addedAfter);
      if (query.next !== undefined) params.set('next', query.next);
      const { body, response } = await call(`${withSlash(collectionUrl)}objects/?${params.toString()}`, auth, envelopeSchema);
      return {
        objects: body.objects ?? [],
        more: body.more ?? false,
        next: body.next,
        first: response.headers.get('x-taxii-date-added-first') ?? undefined,
        last: response.headers.get('x-taxii-date-added-last') ?? undefined,
      };
    },

    async add(collectionUrl: string, auth: RemoteAuth, objects: readonly unknown[]): Promise<RemoteStatus> {
      const { body } = await call(`${withSlash(collectionUrl)}objects/`, auth, statusSchema, { method: 'POST', body: JSON.stringify({ objects }) });
      return body;
    },
  };
}

export type RemoteTaxii = ReturnType<typeof createRemoteTaxii>;
