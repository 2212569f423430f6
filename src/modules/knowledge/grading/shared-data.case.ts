// Test-only readers of the public data in ../shared/data (CSAF, NVD 2.0, CVE 5, KEV):
// the real-data tests of grading/ and catalog/ measure themselves against it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CvssClaim } from '../sources/types.js';

export const sharedDataDir = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

function jsonFiles(sub: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
    );
  return walk(join(sharedDataDir, sub)).sort();
}

interface CsafBranch {
  readonly category?: string;
  readonly name?: string;
  readonly branches?: readonly CsafBranch[];
}
interface CsafDoc {
  readonly product_tree?: { readonly branches?: readonly CsafBranch[] };
  readonly vulnerabilities?: readonly {
    readonly cwe?: { readonly id: string };
    readonly scores?: readonly { readonly cvss_v3?: { version: string; vectorString: string; baseScore: number; baseSeverity?: string } }[];
  }[];
}
interface CvssData {
  readonly version: string;
  readonly vectorString: string;
  readonly baseScore: number;
  readonly baseSeverity?: string;
}
interface NvdDoc {
  readonly metrics?: Record<string, readonly { readonly cvssData: CvssData; readonly baseSeverity?: string }[]>;
  readonly weaknesses?: readonly { readonly description: readonly { readonly value: string }[] }[];
  readonly configurations?: readonly { readonly nodes: readonly { readonly cpeMatch: readonly { readonly criteria: string }[] }[] }[];
}
interface Cve5Container {
  readonly metrics?: readonly Record<string, unknown>[];
  readonly problemTypes?: readonly { readonly descriptions: readonly { readonly cweId?: string }[] }[];
  readonly affected?: readonly { readonly vendor?: string; readonly product?: string }[];
}
interface Cve5Doc {
  readonly containers: { readonly cna: Cve5Container; readonly adp?: readonly Cve5Container[] };
}
interface KevDoc {
  readonly vulnerabilities: readonly { readonly vendorProject: string; readonly product: string; readonly cwes?: readonly string[] }[];
}

const cache = new Map<string, unknown[]>();
function docs<T>(sub: string, skip = /feed/): T[] {
  const hit = cache.get(sub);
  if (hit !== undefined) return hit as T[];
  const parsed = jsonFiles(sub)
    .filter((f) => !skip.test(f))
    .map((f) => JSON.parse(readFileSync(f, 'utf8')) as T);
  cache.set(sub, parsed);
  return parsed;
}
const cve5Containers = (): Cve5Container[] => docs<Cve5Doc>('cve5').flatMap((d) => [d.containers.cna, ...(d.containers.adp ?? [])]);
const kev = (): KevDoc => docs<KevDoc>('kev', /schema/)[0] ?? { vulnerabilities: [] };

/** A CVSS vector with the score and severity its source printed. */
export interface PrintedCvss {
  readonly source: 'csaf' | 'nvd2' | 'cve5';
  readonly claim: CvssClaim & { readonly baseScore: number };
}

export function printedCvss(): PrintedCvss[] {
  const claim = (d: CvssData, severity?: string) =>
    ({ version: d.version as CvssClaim['version'], vector: d.vectorString, baseScore: d.baseScore, severity }) as const;
  const out: PrintedCvss[] = [];
  for (const d of docs<CsafDoc>('csaf')) {
    for (const v of d.vulnerabilities ?? []) {
      for (const s of v.scores ?? []) if (s.cvss_v3 !== undefined) out.push({ source: 'csaf', claim: claim(s.cvss_v3, s.cvss_v3.baseSeverity) });
    }
  }
  for (const d of docs<NvdDoc>('nvd2')) {
    for (const list of Object.values(d.metrics ?? {})) for (const m of list) out.push({ source: 'nvd2', claim: claim(m.cvssData, m.cvssData.baseSeverity ?? m.baseSeverity) });
  }
  for (const c of cve5Containers()) {
    for (const m of c.metrics ?? []) {
      for (const [k, v] of Object.entries(m)) if (k.startsWith('cvssV')) out.push({ source: 'cve5', claim: claim(v as CvssData, (v as CvssData).baseSeverity) });
    }
  }
  return out;
}

/** CVSS 4.0 vectors CISA links to FIRST's calculator from CSAF references (no score is printed). */
export function csafCvss4Vectors(): string[] {
  const found = new Set<string>();
  for (const file of jsonFiles('csaf')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/calculator\/4\.0#(CVSS:4\.0\/[A-Za-z:/]+)/g)) if (m[1] !== undefined) found.add(m[1]);
  }
  return [...found].sort();
}

/** Every CWE id (and NVD's "NVD-CWE-*" placeholders) the data names. */
export function cweIds(): string[] {
  const ids = new Set<string>();
  for (const d of docs<CsafDoc>('csaf')) for (const v of d.vulnerabilities ?? []) if (v.cwe !== undefined) ids.add(v.cwe.id);
  for (const d of docs<NvdDoc>('nvd2')) for (const w of d.weaknesses ?? []) for (const x of w.description) ids.add(x.value);
  for (const c of cve5Containers()) for (const p of c.problemTypes ?? []) for (const x of p.descriptions) if (x.cweId !== undefined) ids.add(x.cweId);
  for (const v of kev().vulnerabilities) for (const c of v.cwes ?? []) ids.add(c);
  return [...ids].sort();
}

export interface NamedProduct {
  readonly source: 'csaf' | 'kev' | 'cve5' | 'nvd2';
  readonly vendor: string;
  readonly product: string;
  /** NVD only: the CPE 2.3 name the vendor and product tokens come from. */
  readonly cpe?: string;
}

/** Vendor/product pairs as each source writes them (NVD: CPE 2.3 vendor and product tokens). */
export function namedProducts(): NamedProduct[] {
  const out: NamedProduct[] = [];
  const walk = (branches: readonly CsafBranch[], vendor: string) => {
    for (const b of branches) {
      const v = b.category === 'vendor' ? (b.name ?? '') : vendor;
      if (b.category === 'product_name' && b.name !== undefined) out.push({ source: 'csaf', vendor: v, product: b.name });
      if (b.category === 'vendor' && (b.branches ?? []).length === 0) out.push({ source: 'csaf', vendor: v, product: '' });
      walk(b.branches ?? [], v);
    }
  };
  for (const d of docs<CsafDoc>('csaf')) walk(d.product_tree?.branches ?? [], '');
  for (const v of kev().vulnerabilities) out.push({ source: 'kev', vendor: v.vendorProject, product: v.product });
  for (const c of cve5Containers()) for (const a of c.affected ?? []) if (a.vendor !== undefined) out.push({ source: 'cve5', vendor: a.vendor, product: a.product ?? '' });
  for (const d of docs<NvdDoc>('nvd2')) {
    for (const conf of d.configurations ?? []) {
      for (const n of conf.nodes) {
        for (const m of n.cpeMatch) {
          const [, , , vendor = '', product = ''] = m.criteria.split(':');
          out.push({ source: 'nvd2', vendor, product, cpe: m.criteria });
        }
      }
    }
  }
  return out;
}
