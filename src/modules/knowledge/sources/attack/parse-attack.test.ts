import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runImporterConformance } from '../conformance.case.js';
import type { ThreatRecord, ThreatRelationRecord } from '../types.js';
import { parseAttack } from './parse-attack.js';

const bundleFile = fileURLToPath(new URL('../../../../../../shared/data/attack/ics-attack.json', import.meta.url));
const text = readFileSync(bundleFile, 'utf8');

runImporterConformance({
  name: 'ATT&CK for ICS (STIX 2.1)',
  parse: parseAttack,
  validFiles: [bundleFile],
  corruptOneRecord: (input) => {
    const bundle = JSON.parse(input) as { objects: Record<string, unknown>[] };
    const technique = bundle.objects.find((o) => o.type === 'attack-pattern');
    if (technique) technique.name = 42;
    return JSON.stringify(bundle);
  },
});

describe('parseAttack on ATT&CK for ICS', () => {
  const result = parseAttack(text, 'ics-attack.json');
  const threats = result.records.filter((r): r is ThreatRecord => r.kind === 'threat');
  const relations = result.records.filter((r): r is ThreatRelationRecord => r.kind === 'threat-relation');
  const current = (type: string) => threats.filter((t) => t.stixType === type && !t.deprecated);
  const byExternalId = (id: string) => threats.find((t) => t.externalId === id);

  it('reads every object of the bundle without issues', () => {
    expect(existsSync(bundleFile)).toBe(true);
    expect(result.issues).toEqual([]);
    // 1,826 objects less the bundle bookkeeping (identity, marking-definition, matrix, collection)
    expect(result.records).toHaveLength(1822);
    expect(relations).toHaveLength(1373);
  });

  it('has the counts DOMAIN-NOTES gives: 83 current techniques T0800–T0895, 12 tactics, 52 mitigations, 18 assets', () => {
    const techniques = current('attack-pattern');
    expect(techniques).toHaveLength(83);
    const numbers = techniques.map((t) => Number(t.externalId?.slice(1)));
    expect(Math.min(...numbers)).toBe(800);
    expect(Math.max(...numbers)).toBe(895);
    expect(current('x-mitre-tactic')).toHaveLength(12);
    expect(current('course-of-action')).toHaveLength(52);
    expect(current('x-mitre-asset')).toHaveLength(18);
    expect(threats.filter((t) => t.stixType === 'attack-pattern' && t.deprecated)).toHaveLength(12);
  });

  it('reads T0843 Program Download with its tactic', () => {
    expect(byExternalId('T0843')).toMatchObject({
      sourceRecordId: 'attack-pattern--be69c571-d746-4b1f-bdd0-c0c9817e9068',
      stixType: 'attack-pattern',
      name: 'Program Download',
      url: 'https://attack.mitre.org/techniques/T0843',
      deprecated: false,
      tactics: ['lateral-movement'],
      platforms: ['None'],
      modified: '2025-04-16T21:26:18.212Z',
    });
    const lateral = threats.find((t) => t.stixType === 'x-mitre-tactic' && t.shortName === 'lateral-movement');
    expect(lateral).toMatchObject({ externalId: 'TA0109', name: 'Lateral Movement' });
  });

  it('reads mitigation M0801 and the "mitigates" relationships to Program Download', () => {
    expect(byExternalId('M0801')).toMatchObject({ stixType: 'course-of-action', name: 'Access Management', deprecated: false });
    const t0843 = byExternalId('T0843')?.sourceRecordId;
    const mitigations = relations.filter((r) => r.relationshipType === 'mitigates' && r.targetRef === t0843);
    expect(mitigations.length).toBeGreaterThan(0);
    expect(mitigations).toContainEqual(
      expect.objectContaining({
        sourceRecordId: 'relationship--1c3d966a-5995-48ed-919d-25b972010fe9',
        sourceRef: 'course-of-action--bcf91ebc-f316-4e19-b2f6-444e9940c697',
        description: expect.stringContaining('verify the integrity of programs downloaded'),
      }),
    );
    expect(byExternalId('M0947')?.name).toBe('Audit');
  });

  it('marks deprecated objects that still carry the old "mitre-ics-attack" references', () => {
    expect(byExternalId('T0850')).toMatchObject({ deprecated: true, url: 'https://attack.mitre.org/techniques/T0850' });
  });
});

describe('parseAttack on damaged or unusual input', () => {
  const bundle = (objects: unknown[]) => JSON.stringify({ type: 'bundle', id: 'bundle--e4f0febd-b8cf-4272-b892-71049d272c40', objects });
  const technique = {
    type: 'attack-pattern',
    id: 'attack-pattern--be69c571-d746-4b1f-bdd0-c0c9817e9068',
    name: 'Program Download',
    kill_chain_phases: [
      { kill_chain_name: 'mitre-ics-attack', phase_name: 'lateral-movement' },
      { kill_chain_name: 'mitre-attack', phase_name: 'execution' },
    ],
  };

  it('warns about unknown STIX types, and reports an object without an id at /objects/<i>', () => {
    const result = parseAttack(bundle([technique, { type: 'x-custom-thing', id: 'x-custom-thing--be69c571-d746-4b1f-bdd0-c0c9817e9068' }, { type: 'malware' }]), 'b.json');
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ tactics: ['lateral-movement'], deprecated: false });
    expect(result.issues).toEqual([
      expect.objectContaining({ pointer: '/objects/1', severity: 'warning' }),
      expect.objectContaining({ pointer: '/objects/2/id', severity: 'error' }),
    ]);
  });

  it('skips revoked relationships and reports a relationship without target_ref', () => {
    const rel = { type: 'relationship', id: 'relationship--1c3d966a-5995-48ed-919d-25b972010fe9', relationship_type: 'mitigates', source_ref: 'a', target_ref: 'b' };
    const result = parseAttack(bundle([{ ...rel, revoked: true }, { ...rel, target_ref: undefined }]), 'b.json');
    expect(result.records).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ pointer: '/objects/1/target_ref', severity: 'error' })]);
  });

  it('refuses a document that is not a bundle', () => {
    expect(parseAttack('{"type": "attack-pattern"}', 'x').issues[0]).toMatchObject({ pointer: '/type', severity: 'error' });
  });
});
