// Cross-module lookups: the top bar's search, and the asset page's summary. Each answer goes
// through the owning module's service, so every read rule applies as it does there.
import type { Database } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Asset, AssetService } from '../assets/index.js';
import { assetActivity, type CaptureService } from '../capture/index.js';
import type { IntelService } from '../intel/index.js';
import type { KnowledgeService } from '../knowledge/index.js';
import { recognise } from './recognise.js';
import type { AssetSighting, AssetContext, SearchAnswer, SearchHit } from './types.js';

export interface SearchDeps {
  readonly assets: AssetService;
  readonly knowledge: KnowledgeService;
  readonly intel: IntelService;
  readonly captures: CaptureService;
}

const perKind = 6;
const same = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

/** Undefined for what the reader may not see or what does not exist: the same to a search. */
async function found<T>(lookup: Promise<T>): Promise<T | undefined> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** A vulnerability goes by its CVE where it has one (the project's own ids mean nothing to readers). */
const labelOf = (id: string, aliases: readonly { scheme: string; value: string }[]) => aliases.find((a) => a.scheme === 'cve')?.value ?? id;

const assetLink = (id: string) => `/assets/${encodeURIComponent(id)}`;
const vulnLink = (id: string) => `/knowledge/vulnerabilities/${encodeURIComponent(id)}`;
const intelLink = (id: string) => `/intel/objects/${encodeURIComponent(id)}`;

function assetHit(a: Asset, value: string): SearchHit {
  const detail = [a.ip, a.vendor, a.model, a.orgName].filter((p) => p !== null && p !== '').join(' · ');
  return { kind: 'asset', id: a.id, label: a.name, detail: detail === '' ? null : detail, link: assetLink(a.id), exact: same(a.name, value) || same(a.ip, value) || same(a.mac, value) };
}

export function createSearchService(database: Database, deps: SearchDeps) {
  const { assets, knowledge, intel, captures } = deps;

  async function assetHits(actor: Actor, value: string): Promise<SearchHit[]> {
    return (await assets.list(actor, { q: value, limit: perKind })).items.map((a) => assetHit(a, value));
  }

  async function vulnerabilityHits(actor: Actor, value: string, exactId: boolean): Promise<SearchHit[]> {
    if (exactId) {
      const v = await found(knowledge.get(actor, value));
      if (v !== undefined) return [{ kind: 'vulnerability', id: v.id, label: labelOf(v.id, v.aliases), detail: v.title, link: vulnLink(v.id), exact: true }];
    }
    const result = await knowledge.search(actor, { q: value }, { limit: perKind });
    return result.items.map((v) => ({
      kind: 'vulnerability' as const,
      id: v.id,
      label: labelOf(v.id, v.aliases),
      detail: v.title,
      link: vulnLink(v.id),
      exact: v.id === value.toUpperCase() || v.aliases.some((a) => same(a.value, value)),
    }));
  }

  async function intelHits(actor: Actor, value: string, stixId: boolean): Promise<SearchHit[]> {
    if (stixId) {
      const o = (await intel.list(actor, { id: value, limit: 1 })).items[0];
      return o === undefined ? [] : [{ kind: 'intel', id: o.id, label: o.name ?? o.id, detail: o.type, link: intelLink(o.id), exact: true }];
    }
    const page = await intel.list(actor, { q: value, limit: perKind });
    return page.items.map((o) => ({ kind: 'intel' as const, id: o.id, label: o.name ?? o.id, detail: o.type, link: intelLink(o.id), exact: same(o.name, value) }));
  }

  /** Objects naming the value in a pattern ('…' quoted, as STIX writes it) or as their value. */
  async function sightingsOf(actor: Actor, matched: AssetSighting['matched'], value: string): Promise<AssetSighting[]> {
    const [patterns, named] = await Promise.all([intel.list(actor, { q: `'${value}'`, limit: 10 }), intel.list(actor, { q: value, limit: 10 })]);
    return [...patterns.items, ...named.items.filter((o) => same(o.name, value))].map((o) => ({ id: o.id, type: o.type, name: o.name, orgName: o.orgName, tlp: o.tlp, matched, value }));
  }

  return {
    async search(actor: Actor, query: string): Promise<SearchAnswer> {
      const shape = recognise(query);
      const v = shape.value;
      const lookups: Promise<SearchHit[]>[] = [];
      switch (shape.kind) {
        case 'stix':
          lookups.push(intelHits(actor, v, true));
          break;
        case 'cve':
        case 'advisory':
          lookups.push(vulnerabilityHits(actor, v, shape.kind === 'cve'), intelHits(actor, v, false));
          break;
        case 'ip':
        case 'mac':
          lookups.push(assetHits(actor, v), intelHits(actor, v, false));
          break;
        default:
          lookups.push(assetHits(actor, v), intelHits(actor, v, false));
          // Full-text search of the knowledge base is for words, not for one or two letters.
          if (v.length >= 3) lookups.push(vulnerabilityHits(actor, v, false));
      }
      const hits = (await Promise.all(lookups)).flat();
      // Exact hits first, each kind keeping its own order.
      return { query: v, recognised: shape.kind, hits: [...hits.filter((h) => h.exact), ...hits.filter((h) => !h.exact)] };
    },

    async assetContext(actor: Actor, id: string): Promise<AssetContext> {
      const asset = await assets.get(actor, id);
      const identifiers: [AssetSighting['matched'], string | null][] = [['ip', asset.ip], ['mac', asset.mac], ['name', asset.name]];
      const [sources, activity, conflicts, ...sightings] = await Promise.all([
        assets.sources(actor, id),
        assetActivity(database.db, actor, id),
        captures.conflicts(actor, id),
        ...identifiers.flatMap(([matched, value]) => (value === null ? [] : [sightingsOf(actor, matched, value)])),
      ]);
      const seen = new Set<string>();
      const unique = sightings.flat().filter((s) => !seen.has(s.id) && seen.add(s.id));
      return { asset, sources, ...activity, conflicts, sightings: unique };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
