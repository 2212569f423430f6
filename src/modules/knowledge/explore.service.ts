import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../storage/index.js';
import { upwardReaderRoles, type Actor } from '../../platform/access.js';
import { NotFoundError } from '../../platform/errors.js';
import { productVisibleTo, vulnVisibleTo } from './vulnerability.store.js';

// Browsing the library: vendors, products, ATT&CK for ICS, and the knowledge graph.

/** Device types (catalog) as ATT&CK for ICS assets, so products join the technique graph. */
export const deviceTypeToAttackAsset: Readonly<Record<string, string>> = {
  plc: 'A0003',
  rtu: 'A0004',
  hmi: 'A0002',
  engineering_workstation: 'A0001',
  historian: 'A0006',
  dcs_controller: 'A0017',
  ied: 'A0005',
  safety_controller: 'A0010',
  gateway: 'A0009',
  switch: 'A0015',
  firewall: 'A0016',
};

export const nodeKinds = ['vulnerability', 'product', 'vendor', 'weakness', 'advisory', 'attack', 'asset'] as const;
export type NodeKind = (typeof nodeKinds)[number];

export interface GraphNode {
  readonly id: string; // "<kind>:<key>"
  readonly kind: NodeKind;
  readonly label: string;
  readonly detail?: string | undefined;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly type: string;
}

export interface Graph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly truncated: boolean;
}

const FANOUT = 40;
const MAX_NODES = 400;

export function createExploreService(database: Database) {
  const { db } = database;

  async function label(node: string): Promise<GraphNode> {
    const [kind, ...rest] = node.split(':');
    const key = rest.join(':');
    switch (kind as NodeKind) {
      case 'vulnerability': {
        const v = await db.selectFrom('kb_vulnerabilities').select(['id', 'title', 'grade']).where('id', '=', key).executeTakeFirst();
        return { id: node, kind: 'vulnerability', label: v?.id ?? key, detail: v?.title ?? undefined };
      }
      case 'product': {
        const p = await db.selectFrom('kb_products').select(['name', 'device_type']).where('id', '=', key).executeTakeFirst();
        return { id: node, kind: 'product', label: p?.name ?? key, detail: p?.device_type };
      }
      case 'vendor': {
        const v = await db.selectFrom('kb_vendors').select('name').where('id', '=', key).executeTakeFirst();
        return { id: node, kind: 'vendor', label: v?.name ?? key };
      }
      case 'attack': {
        const t = await db.selectFrom('kb_threats').select(['name', 'external_id', 'stix_type']).where('id', '=', key).executeTakeFirst();
        return { id: node, kind: 'attack', label: t === undefined ? key : `${t.external_id ?? ''} ${t.name}`.trim(), detail: t?.stix_type };
      }
      case 'weakness': {
        const w = await db.selectFrom('kb_weaknesses').select('name').where('id', '=', key).executeTakeFirst();
        return { id: node, kind: 'weakness', label: key, detail: w?.name ?? undefined };
      }
      case 'asset': {
        const a = await db.selectFrom('assets').select('name').where('id', '=', key).executeTakeFirst();
        return { id: node, kind: 'asset', label: a?.name ?? key };
      }
      default:
        return { id: node, kind: 'advisory', label: key };
    }
  }

  /** Whether the actor may see a node at all: the record visibility rule, carried to what derives from records. */
  async function visible(actor: Actor, node: string): Promise<boolean> {
    const [kind, ...rest] = node.split(':');
    const key = rest.join(':');
    switch (kind as NodeKind) {
      case 'vulnerability':
        return (await db.selectFrom('kb_vulnerabilities as v').select('v.id').where('v.id', '=', key).where(vulnVisibleTo(actor)).executeTakeFirst()) !== undefined;
      case 'product':
        return (await db.selectFrom('kb_products as p').select('p.id').where('p.id', '=', key).where(productVisibleTo(actor)).executeTakeFirst()) !== undefined;
      case 'vendor':
        return (await db.selectFrom('kb_products as p').select('p.id').where('p.vendor_id', '=', key).where(productVisibleTo(actor)).limit(1).executeTakeFirst()) !== undefined;
      case 'asset':
        return (await db.selectFrom('assets as a').select('a.id').where('a.id', '=', key).where(assetVisible(actor)).executeTakeFirst()) !== undefined;
      case 'advisory':
        return (await db.selectFrom('kb_advisories').select('id').where('id', '=', key).executeTakeFirst()) !== undefined;
      case 'weakness':
      case 'attack':
        // Public taxonomies (CWE, ATT&CK for ICS), imported by the operator.
        return true;
      default:
        return false;
    }
  }

  /** The edges of one node, within what the actor may see. */
  async function edgesOf(actor: Actor, node: string): Promise<GraphEdge[]> {
    const [kind, ...rest] = node.split(':');
    const key = rest.join(':');
    const out: GraphEdge[] = [];
    const add = (from: string, to: string, type: string) => out.push({ from, to, type });
    switch (kind as NodeKind) {
      case 'vulnerability': {
        const v = await db.selectFrom('kb_vulnerabilities as v').select(['v.id', 'v.cwes']).where('v.id', '=', key).where(vulnVisibleTo(actor)).executeTakeFirst();
        if (v === undefined) return [];
        for (const p of await db.selectFrom('kb_affected').select('product_id').distinct().where('vuln_id', '=', key).where('status', '<>', 'not_affected').limit(FANOUT).execute()) add(node, `product:${p.product_id}`, 'affects');
        for (const c of v.cwes) add(node, `weakness:${c}`, 'has weakness');
        for (const a of await db.selectFrom('kb_advisories').select('id').where(sql<boolean>`${key} = any(vuln_ids)`).execute()) add(`advisory:${a.id}`, node, 'describes');
        for (const e of await db.selectFrom('kb_exposures as e').innerJoin('assets as a', 'a.id', 'e.asset_id').select('e.asset_id').where('e.vuln_id', '=', key).where(assetVisible(actor)).limit(FANOUT).execute()) add(`asset:${e.asset_id}`, node, 'exposed to');
        break;
      }
      case 'product': {
        const p = await db.selectFrom('kb_products as p').select(['p.vendor_id', 'p.device_type']).where('p.id', '=', key).where(productVisibleTo(actor)).executeTakeFirst();
        if (p === undefined) return [];
        add(node, `vendor:${p.vendor_id}`, 'made by');
        const assetId = deviceTypeToAttackAsset[p.device_type];
        if (assetId !== undefined) {
          const t = await db.selectFrom('kb_threats').select('id').where('external_id', '=', assetId).executeTakeFirst();
          if (t !== undefined) add(node, `attack:${t.id}`, 'is a');
        }
        const vulns = await db.selectFrom('kb_affected as a').innerJoin('kb_vulnerabilities as v', 'v.id', 'a.vuln_id').select('a.vuln_id').distinct().where('a.product_id', '=', key).where(vulnVisibleTo(actor)).limit(FANOUT).execute();
        for (const v of vulns) add(`vulnerability:${v.vuln_id}`, node, 'affects');
        break;
      }
      case 'vendor': {
        for (const p of await db.selectFrom('kb_products as p').select('p.id').where('p.vendor_id', '=', key).where(productVisibleTo(actor)).orderBy('p.name').limit(FANOUT).execute()) add(`product:${p.id}`, node, 'made by');
        break;
      }
      case 'weakness': {
        const vulns = await db.selectFrom('kb_vulnerabilities as v').select('v.id').where(sql<boolean>`${key} = any(v.cwes)`).where(vulnVisibleTo(actor)).limit(FANOUT).execute();
        for (const v of vulns) add(`vulnerability:${v.id}`, node, 'has weakness');
        break;
      }
      case 'advisory': {
        const vulns = await db
          .selectFrom('kb_vulnerabilities as v')
          .select('v.id')
          .where(sql<SqlBool>`v.id = any(select unnest(vuln_ids) from kb_advisories where id = ${key})`)
          .where(vulnVisibleTo(actor))
          .orderBy('v.id')
          .limit(FANOUT)
          .execute();
        for (const v of vulns) add(node, `vulnerability:${v.id}`, 'describes');
        break;
      }
      case 'attack': {
        const rels = await db.selectFrom('kb_threat_relations').selectAll().where((eb) => eb.or([eb('source_ref', '=', key), eb('target_ref', '=', key)])).where('type', 'in', ['uses', 'mitigates', 'targets', 'subtechnique-of']).limit(FANOUT * 2).execute();
        for (const r of rels) add(`attack:${r.source_ref}`, `attack:${r.target_ref}`, r.type);
        const t = await db.selectFrom('kb_threats').select(['stix_type', 'external_id']).where('id', '=', key).executeTakeFirst();
        const deviceType = Object.entries(deviceTypeToAttackAsset).find(([, a]) => a === t?.external_id)?.[0];
        if (t?.stix_type === 'x-mitre-asset' && deviceType !== undefined) {
          for (const p of await db.selectFrom('kb_products as p').select('p.id').where('p.device_type', '=', deviceType).where(productVisibleTo(actor)).limit(FANOUT).execute()) add(`product:${p.id}`, node, 'is a');
        }
        break;
      }
      case 'asset': {
        const exposures = await db
          .selectFrom('kb_exposures as e')
          .innerJoin('assets as a', 'a.id', 'e.asset_id')
          .innerJoin('kb_vulnerabilities as v', 'v.id', 'e.vuln_id')
          .select('e.vuln_id')
          .where('e.asset_id', '=', key)
          .where(assetVisible(actor))
          .where(vulnVisibleTo(actor))
          .limit(FANOUT)
          .execute();
        for (const e of exposures) add(node, `vulnerability:${e.vuln_id}`, 'exposed to');
        break;
      }
    }
    return out;
  }

  // Inventory in the graph follows the asset read rule: one's own, plus what children share upward.
  const assetVisible = (actor: Actor) => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    if (!upwardReaderRoles.includes(actor.role)) return sql<boolean>`a.org_id = ${actor.orgId}`;
    return sql<boolean>`(a.org_id = ${actor.orgId} or (a.shared_upward and a.tlp in ('clear', 'green', 'amber')
      and exists (select 1 from organisations o where o.id = a.org_id and o.path like ${`${actor.orgPath}_%`})))`;
  };

  async function neighbourhood(actor: Actor, start: string, depth: number): Promise<Graph> {
    const seen = new Set<string>([start]);
    const edges = new Map<string, GraphEdge>();
    let frontier = [start];
    let truncated = false;
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const node of frontier) {
        for (const e of await edgesOf(actor, node)) {
          edges.set(`${e.from}|${e.type}|${e.to}`, e);
          for (const n of [e.from, e.to]) {
            if (seen.has(n)) continue;
            if (seen.size >= MAX_NODES) {
              truncated = true;
              continue;
            }
            seen.add(n);
            next.push(n);
          }
        }
      }
      frontier = next;
    }
    const nodes = await Promise.all([...seen].map(label));
    return { nodes, edges: [...edges.values()].filter((e) => seen.has(e.from) && seen.has(e.to)), truncated };
  }

  return {
    /** The building blocks of walks over the graph (the bounded neighbourhood the API serves). */
    edgesOf,
    label,
    visible,

    async neighbourhood(actor: Actor, start: string, depth: number): Promise<Graph> {
      if (!(await visible(actor, start))) throw new NotFoundError(`${start} not found`);
      return neighbourhood(actor, start, depth);
    },

    /** Shortest path between two entities (breadth-first, at most `maxDepth` hops). */
    async path(actor: Actor, from: string, to: string, maxDepth = 6): Promise<Graph> {
      for (const end of [from, to]) if (!(await visible(actor, end))) throw new NotFoundError(`${end} not found`);
      const parent = new Map<string, GraphEdge | null>([[from, null]]);
      let frontier = [from];
      for (let d = 0; d < maxDepth && frontier.length > 0 && !parent.has(to); d++) {
        const next: string[] = [];
        for (const node of frontier) {
          for (const e of await edgesOf(actor, node)) {
            const other = e.from === node ? e.to : e.from;
            if (parent.has(other)) continue;
            parent.set(other, e);
            next.push(other);
            if (parent.size > 20_000) break;
          }
          if (parent.has(to)) break;
        }
        frontier = next;
      }
      if (!parent.has(to)) return { nodes: [], edges: [], truncated: false };
      const edges: GraphEdge[] = [];
      const ids = [to];
      for (let at = to; at !== from; ) {
        const e = parent.get(at);
        if (e === undefined || e === null) break;
        edges.unshift(e);
        at = e.from === at ? e.to : e.from;
        ids.unshift(at);
      }
      return { nodes: await Promise.all(ids.map(label)), edges, truncated: false };
    },

    /**
     * Names report extraction looks for: every vendor name and alias, and the product names specific
     * enough to mean the product (a digit or two words, five characters or more: "PowerLogic ION8650",
     * not "Controller").
     */
    async contextNames(): Promise<{ vendors: string[]; products: string[] }> {
      // Extraction serves every reader from one cache: only published knowledge may name things.
      const vendors = await db
        .selectFrom('kb_vendors as ve')
        .select(['ve.name', 've.aliases'])
        .where((eb) => eb.exists(eb.selectFrom('kb_products as p').select('p.id').whereRef('p.vendor_id', '=', 've.id').where(productVisibleTo('public'))))
        .execute();
      const products = await db
        .selectFrom('kb_products as p')
        .select('p.name')
        .distinct()
        .where(sql<boolean>`length(p.name) >= 5 and (p.name ~ '[0-9]' or p.name ~ '\S\s+\S') and p.name ~ '[[:alpha:]]'`)
        .where(productVisibleTo('public'))
        .execute();
      const vendorNames = [...new Set(vendors.flatMap((v) => [v.name, ...v.aliases]))];
      const taken = new Set(vendorNames.map((n) => n.toLowerCase()));
      return { vendors: vendorNames, products: products.map((p) => p.name).filter((n) => !taken.has(n.toLowerCase())) };
    },

    /** Vendors with at least one product the actor may see, and the counts the actor may see. */
    async vendors(actor: Actor, q: string | undefined, limit = 100) {
      let query = db
        .selectFrom('kb_vendors as ve')
        .select((eb) => [
          've.id',
          've.name',
          eb.selectFrom('kb_products as p').select(sql<number>`count(*)::int`.as('n')).whereRef('p.vendor_id', '=', 've.id').where(productVisibleTo(actor)).as('products'),
          eb.selectFrom('kb_vulnerabilities as v').select(sql<number>`count(*)::int`.as('n')).where(sql<SqlBool>`ve.name = any(v.vendors)`).where(vulnVisibleTo(actor)).as('vulnerabilities'),
        ])
        .where((eb) => eb.exists(eb.selectFrom('kb_products as p').select('p.id').whereRef('p.vendor_id', '=', 've.id').where(productVisibleTo(actor))))
        .orderBy('ve.name')
        .limit(limit);
      if (q !== undefined && q !== '') query = query.where('ve.name', 'ilike', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const rows = await query.execute();
      return rows.map((r) => ({ id: r.id, name: r.name, products: Number(r.products ?? 0), vulnerabilities: Number(r.vulnerabilities ?? 0) }));
    },

    async vendor(actor: Actor, id: string) {
      const v = await db.selectFrom('kb_vendors').selectAll().where('id', '=', id).executeTakeFirst();
      const products = await db
        .selectFrom('kb_products as p')
        .select((eb) => [
          'p.id',
          'p.name',
          'p.device_type',
          'p.cpe',
          // Order numbers folded into the family (ADR 012).
          'p.variants',
          eb
            .selectFrom('kb_affected as a')
            .innerJoin('kb_vulnerabilities as v', 'v.id', 'a.vuln_id')
            .select(sql<number>`count(distinct a.vuln_id)::int`.as('n'))
            .whereRef('a.product_id', '=', 'p.id')
            .where('a.status', '<>', 'not_affected')
            .where(vulnVisibleTo(actor))
            .as('vulnerabilities'),
        ])
        .where('p.vendor_id', '=', id)
        .where(productVisibleTo(actor))
        .orderBy('p.name')
        .execute();
      // A vendor known only through records the actor may not see does not exist for the actor.
      if (v === undefined || products.length === 0) throw new NotFoundError(`vendor ${id} not found`);
      return { id: v.id, name: v.name, products: products.map((p) => ({ ...p, vulnerabilities: Number(p.vulnerabilities ?? 0) })) };
    },

    async product(actor: Actor, id: string) {
      const p = await db
        .selectFrom('kb_products as p')
        .innerJoin('kb_vendors as ve', 've.id', 'p.vendor_id')
        .select(['p.id', 'p.name', 'p.device_type', 'p.cpe', 'p.purl', 'p.vendor_id', 'p.variants', 've.name as vendor'])
        .where('p.id', '=', id)
        .where(productVisibleTo(actor))
        .executeTakeFirst();
      if (p === undefined) throw new NotFoundError(`product ${id} not found`);
      const vulns = await db
        .selectFrom('kb_affected as a')
        .innerJoin('kb_vulnerabilities as v', 'v.id', 'a.vuln_id')
        .select(['v.id', 'v.title', 'v.grade', 'v.cvss_score', 'v.kev', 'a.range_text', 'a.status', 'a.source_id', 'a.product_text'])
        .where('a.product_id', '=', id)
        .where(vulnVisibleTo(actor))
        .orderBy(sql`v.cvss_score desc nulls last`)
        .limit(500)
        .execute();
      return { ...p, vulnerabilities: vulns };
    },

    /** Tactics as columns, techniques under them, with how many mitigations and groups/software each has. */
    async attackMatrix(actor: Actor) {
      const tactics = await db.selectFrom('kb_threats').select(['id', 'external_id', 'name', 'short_name']).where('stix_type', '=', 'x-mitre-tactic').where('deprecated', '=', false).execute();
      const techniques = await db
        .selectFrom('kb_threats as t')
        .select(['t.id', 't.external_id', 't.name', 't.tactics',
          sql<number>`(select count(*) from kb_threat_relations r where r.target_ref = t.id and r.type = 'mitigates')::int`.as('mitigations'),
          sql<number>`(select count(*) from kb_threat_relations r where r.target_ref = t.id and r.type = 'uses')::int`.as('users'),
          sql<string[]>`(select coalesce(array_agg(distinct a.external_id), '{}') from kb_threat_relations r join kb_threats a on a.id = r.target_ref where r.source_ref = t.id and r.type = 'targets')`.as('targets')])
        .where('t.stix_type', '=', 'attack-pattern')
        .where('t.deprecated', '=', false)
        .orderBy('t.external_id')
        .execute();
      // "Relevant": the technique targets a kind of device the actor's organisation has in its inventory.
      const inventory = await db
        .selectFrom('assets as a')
        .innerJoin('kb_exposures as e', 'e.asset_id', 'a.id')
        .innerJoin('kb_vulnerabilities as v', 'v.id', 'e.vuln_id')
        .innerJoin('kb_affected as f', 'f.vuln_id', 'e.vuln_id')
        .innerJoin('kb_products as p', 'p.id', 'f.product_id')
        .select('p.device_type')
        .distinct()
        .where(assetVisible(actor))
        .where(vulnVisibleTo(actor))
        .execute();
      const present = new Set(inventory.map((r) => deviceTypeToAttackAsset[r.device_type]).filter((x): x is string => x !== undefined));
      const order = ['initial-access', 'execution', 'persistence', 'privilege-escalation', 'evasion', 'discovery', 'lateral-movement', 'collection', 'command-and-control', 'inhibit-response-function', 'impair-process-control', 'impact'];
      return {
        tactics: tactics
          .sort((a, b) => order.indexOf(a.short_name ?? '') - order.indexOf(b.short_name ?? ''))
          .map((t) => ({
            id: t.id,
            externalId: t.external_id,
            name: t.name,
            shortName: t.short_name,
            techniques: techniques
              .filter((x) => x.tactics.includes(t.short_name ?? ''))
              .map((x) => ({ id: x.id, externalId: x.external_id, name: x.name, mitigations: x.mitigations, usedBy: x.users, targets: x.targets, relevant: x.targets.some((a) => present.has(a)) })),
          })),
        coverage: {
          techniques: techniques.length,
          withMitigations: techniques.filter((t) => t.mitigations > 0).length,
          relevantToInventory: techniques.filter((t) => t.targets.some((a) => present.has(a))).length,
        },
      };
    },
  };
}

export type ExploreService = ReturnType<typeof createExploreService>;
