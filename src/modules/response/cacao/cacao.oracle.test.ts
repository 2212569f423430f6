// Our validator against the OASIS CACAO 2.0 schemas (2019-09 semantics): what both must accept,
// and one broken playbook per rule, with the problem and path we report and the schemas' verdict.
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenCorpus, readExample, stepIds } from './broken-corpus.case.js';
import { loadPlaybookOracle, type PlaybookOracle } from './schema-oracle.case.js';
import { validatePlaybook } from './validate.js';

let oracle: PlaybookOracle;
beforeAll(() => {
  oracle = loadPlaybookOracle();
});

describe('valid examples', () => {
  it.each(['minimal.json', 'every-step.json'])('%s is valid for us and for the schemas', (name) => {
    const playbook = readExample(name);
    expect(oracle(playbook).errors).toEqual([]);
    expect(validatePlaybook(playbook).issues).toEqual([]);
  });

  it('an agent type outside the vocabulary: the specification allows it, the schemas\' key patterns do not', () => {
    const p = readExample('minimal.json');
    const [key] = Object.keys(p.agent_definitions) as [string];
    const custom = key.replace(/^individual/, 'plc-engineering-station');
    p.agent_definitions = { [custom]: { type: 'plc-engineering-station', name: 'EWS-1' } };
    for (const s of Object.values(p.workflow) as { agent?: string }[]) if (s.agent !== undefined) s.agent = custom;
    expect(oracle(p).accepted).toBe(false);
    const ours = validatePlaybook(p);
    expect(ours.success).toBe(true);
    expect(ours.issues).toEqual([expect.objectContaining({ code: 'vocabulary', severity: 'warning', path: `/agent_definitions/${custom}/type` })]);
  });
});

describe('broken corpus', () => {
  it('covers the schema rules and the graph rules', () => {
    expect(brokenCorpus.length).toBeGreaterThanOrEqual(70);
    expect(brokenCorpus.filter((c) => c.schema === 'accepts').length).toBeGreaterThanOrEqual(25);
  });

  it.each(brokenCorpus.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const original = readExample('every-step.json');
    const ids = stepIds(original);
    const broken = c.mutate(structuredClone(original), ids);
    const ours = validatePlaybook(broken, c.resolver === true ? { knownPlaybook: () => false } : {});
    expect(ours.success).toBe(false);
    expect(ours.issues).toContainEqual(expect.objectContaining({ code: c.expect.code, path: c.expect.path(broken, ids), severity: 'error' }));
    expect(oracle(broken).accepted ? 'accepts' : 'rejects').toBe(c.schema);
  });
});
