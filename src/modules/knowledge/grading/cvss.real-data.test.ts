// Computed scores against the scores the sources printed, over every vector in ../shared/data.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreCvss } from './cvss.js';
import { csafCvss4Vectors, printedCvss, sharedDataDir } from './shared-data.case.js';

describe('CVSS scores on the shared data', () => {
  const samples = printedCvss();
  const scored = samples.map((s) => ({ ...s, result: scoreCvss(s.claim) }));

  it('finds the data directory and its vectors', () => {
    expect(sharedDataDir.replace(/\/$/, '').endsWith('/shared/data')).toBe(true);
    expect(existsSync(sharedDataDir)).toBe(true);
    expect(samples.length).toBeGreaterThan(2900);
    expect(new Set(samples.map((s) => s.claim.version))).toEqual(new Set(['2.0', '3.0', '3.1']));
  });

  it('parses every printed vector', () => {
    const failures = scored.filter((s) => !s.result.success).map((s) => `${s.source} ${s.claim.vector}`);
    expect(failures).toEqual([]);
  });

  it('agrees with every printed base score, except three CNA records that print the temporal score', () => {
    const disagreements = scored
      .filter((s) => s.result.success && s.result.value.baseScore !== s.claim.baseScore)
      .map((s) => ({ source: s.source, vector: s.claim.vector, printed: s.claim.baseScore, result: s.result.success ? s.result.value : null }));
    // Fortinet (CVE-2022-41328, CVE-2023-27997, CVE-2024-21762) put the temporal score in cvssV3_1.baseScore.
    expect(disagreements.map((d) => [d.source, d.vector, d.printed, d.result?.baseScore])).toEqual([
      ['cve5', 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H/E:F/RL:X/RC:C', 6.5, 6.7],
      ['cve5', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:X/RC:R', 9.2, 9.8],
      ['cve5', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:H/RL:W/RC:C', 9.6, 9.8],
    ]);
    for (const d of disagreements) expect(d.result?.overallScore).toBe(d.printed);
    expect([scored.length - disagreements.length, scored.length]).toEqual([2988, 2991]);
  });

  it('agrees with every printed severity of the base score', () => {
    const mismatches = scored
      .filter((s) => s.result.success && s.claim.severity !== undefined && s.result.value.baseScore === s.claim.baseScore)
      .filter((s) => s.result.success && s.result.value.severity !== s.claim.severity?.toLowerCase());
    expect(mismatches.map((s) => `${s.source} ${s.claim.vector} ${s.claim.severity}`)).toEqual([]);
  });

  it('parses and scores every CVSS 4.0 vector CISA links from its CSAF advisories', () => {
    const vectors = csafCvss4Vectors();
    expect(vectors.length).toBeGreaterThan(100);
    const failures = vectors.map((vector) => ({ vector, r: scoreCvss({ version: '4.0', vector }) })).filter((x) => !x.r.success);
    expect(failures).toEqual([]);
  });
});
