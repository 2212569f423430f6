// Properties: generated valid playbooks stay valid for us and the schemas; any mutation of a valid
// playbook yields problems with JSON Pointers that resolve into the document, and never a throw.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readExample } from './broken-corpus.case.js';
import { loadPlaybookOracle, type PlaybookOracle } from './schema-oracle.case.js';
import { syntheticPlaybook } from './synthetic.js';
import { validatePlaybook } from './validate.js';

let oracle: PlaybookOracle;
beforeAll(() => {
  oracle = loadPlaybookOracle();
});

type Node = Record<string, unknown> | unknown[];

/** Every path (as segments) to a value inside the document. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function decode(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The deepest existing ancestor of a pointer is an object or the pointer itself exists. */
function resolvesToParent(doc: unknown, pointer: string): boolean {
  const segments = decode(pointer);
  let node: unknown = doc;
  for (const [i, s] of segments.entries()) {
    if (typeof node !== 'object' || node === null) return false;
    if (!(s in (node as object))) return i === segments.length - 1; // a missing property is named under its parent
    node = (node as Record<string, unknown>)[s];
  }
  return true;
}

const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant('action--not-a-uuid'), fc.constant('__undeclared__'));

describe('generated playbooks', () => {
  it('stay valid for us and for the schemas at any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 80 }), fc.integer({ min: 0, max: 1000 }), (size, seed) => {
        const p = syntheticPlaybook(size, seed);
        expect(Object.keys(p.workflow as object).length).toBeGreaterThanOrEqual(size);
        expect(validatePlaybook(p).issues).toEqual([]);
        expect(oracle(p).errors).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('mutations', () => {
  const base = readExample('every-step.json');
  const all = paths(base).filter((p) => p.length > 0);

  it('replacing or deleting any value never throws and every problem has a path into the document', () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), junk, fc.boolean(), (path, replacement, remove) => {
        const doc = structuredClone(base) as Record<string, unknown>;
        const parent = path.slice(0, -1).reduce<Node>((n, k) => (n as Record<string, Node>)[k] as Node, doc);
        const key = path[path.length - 1] as string;
        if (remove && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key];
        else (parent as Record<string, unknown>)[key] = replacement;
        const result = validatePlaybook(doc);
        for (const issue of result.issues) {
          expect(issue.path === '' || issue.path.startsWith('/')).toBe(true);
          expect(resolvesToParent(doc, issue.path), issue.path).toBe(true);
          expect(issue.message.length).toBeGreaterThan(0);
        }
        // validatePlaybook turns an internal exception into an issue: none may have happened.
        expect(result.issues.filter((i) => i.message.startsWith('the validator failed'))).toEqual([]);
        // When the schemas reject the mutation, so do we (our rules are a superset, bar the documented agent-type case).
        if (!oracle(doc).accepted) expect(result.success).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('arbitrary JSON never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validatePlaybook(value);
        expect(result.success).toBe(false);
        expect(result.issues.filter((i) => i.message.startsWith('the validator failed'))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
