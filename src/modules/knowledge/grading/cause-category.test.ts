import { describe, expect, it } from 'vitest';
import {
  causeCategoryIds,
  causeFromCnvdType,
  causeFromCwe,
  causeLabel,
  causeOfRecord,
  causeTree,
  childrenOf,
  normalizeCauseType,
  parseCweId,
  topLevelCauses,
} from './cause-category.js';
import { cweCauseTable } from './cwe-cause-table.js';
import { cweIds } from './shared-data.case.js';

describe('the cause tree', () => {
  it('has the four GB/T top-level causes with Chinese names', () => {
    expect(topLevelCauses.map((t) => causeTree[t].zh)).toEqual(['代码问题', '配置错误', '环境问题', '其他']);
    expect(topLevelCauses.every((t) => causeTree[t].parent === undefined)).toBe(true);
  });

  it('hangs every other category under a top-level cause', () => {
    for (const id of causeCategoryIds) {
      const parent = causeTree[id].parent;
      if (parent !== undefined) expect(topLevelCauses).toContain(parent);
      expect(causeTree[id].id).toBe(id);
      expect(causeTree[id].en.length * causeTree[id].zh.length).toBeGreaterThan(0);
    }
    expect(childrenOf('environment').map((c) => c.zh)).toEqual(['信息泄露', '故障注入']);
    expect(childrenOf('code').map((c) => c.id)).toContain('resource-management');
    expect(childrenOf('configuration')).toEqual([]);
  });

  it('lists each CWE in one category only', () => {
    const all = Object.values(cweCauseTable).flat();
    const twice = all.filter((id, i) => all.indexOf(id) !== i);
    expect(twice).toEqual([]);
  });
});

describe('causeFromCwe', () => {
  it.each([
    ['CWE-787', 'resource-management', 'code'],
    ['CWE-79', 'input-validation', 'code'],
    ['cwe-190', 'numeric', 'code'],
    ['CWE 362', 'race-condition', 'code'],
    ['798', 'trust-management', 'code'],
    ['CWE-287', 'authorization', 'code'],
    ['CWE-862', 'access-control', 'code'],
    ['CWE-327', 'cryptography', 'code'],
    ['CWE-912', 'undeclared-function', 'code'],
    ['CWE-1188', 'configuration', 'configuration'],
    ['CWE-200', 'information-disclosure', 'environment'],
    ['CWE-1247', 'fault-injection', 'environment'],
    ['NVD-CWE-noinfo', 'insufficient-information', 'other'],
    ['NVD-CWE-Other', 'other', 'other'],
  ])('maps %s to %s', (cwe, category, top) => {
    expect(causeFromCwe(cwe)).toMatchObject({ category, topLevel: top, mapped: true });
  });

  it('maps the CWE-1000 pillars', () => {
    const pillars: [number, string][] = [
      [284, 'access-control'], [435, 'processing-logic'], [664, 'resource-management'], [682, 'numeric'], [691, 'processing-logic'],
      [693, 'access-control'], [697, 'processing-logic'], [703, 'processing-logic'], [707, 'input-validation'], [710, 'code'],
    ];
    for (const [id, category] of pillars) expect(causeFromCwe(`CWE-${id}`).category, `CWE-${id}`).toBe(category);
  });

  it('falls back to the nearest mapped ancestor the caller names', () => {
    expect(causeFromCwe('CWE-99999', ['CWE-99998', 'CWE-664'])).toEqual({ category: 'resource-management', topLevel: 'code', mapped: true, via: 'CWE-664' });
  });

  it('returns the unmapped fallback for unknown and malformed ids', () => {
    for (const bad of ['CWE-99999', 'CWE-', 'remote code execution', '', 'n/a']) {
      expect(causeFromCwe(bad), bad).toEqual({ category: 'other', topLevel: 'other', mapped: false, via: undefined });
    }
    expect(causeFromCwe(undefined as unknown as string).mapped).toBe(false);
  });

  it('parses CWE ids leniently', () => {
    expect(['CWE-79', ' cwe_79 ', '79', 'CWE79'].map(parseCweId)).toEqual([79, 79, 79, 79]);
    expect(['NVD-CWE-noinfo', 'CWE-7a', ''].map(parseCweId)).toEqual([undefined, undefined, undefined]);
  });
});

describe('causeFromCnvdType', () => {
  it.each([
    ['输入验证错误', 'input-validation'],
    ['缓冲区错误', 'resource-management'],
    ['缓冲区溢出漏洞', 'resource-management'],
    ['访问控制错误', 'access-control'],
    ['配置错误', 'configuration'],
    ['设计错误', 'processing-logic'],
    ['其他', 'other'],
    ['ＳＱＬ注入', 'input-validation'],
    ['Input Validation Error', 'input-validation'],
    ['Buffer Errors', 'resource-management'],
    ['Permissions, Privileges, and Access Controls', 'access-control'],
    ['Configuration Error', 'configuration'],
    ['Design Error', 'processing-logic'],
    ['  Other  ', 'other'],
    ['信息泄露', 'information-disclosure'],
    ['资料不足', 'insufficient-information'],
    ['环境问题', 'environment'],
  ])('maps %s to %s', (text, category) => {
    expect(causeFromCnvdType(text)).toMatchObject({ category, mapped: true });
  });

  it('returns the unmapped fallback for unknown text', () => {
    for (const bad of ['', '未知类型', 'weird stuff']) expect(causeFromCnvdType(bad)).toMatchObject({ category: 'other', mapped: false });
    expect(causeFromCnvdType(42 as unknown as string).mapped).toBe(false);
  });

  it('normalizes the spelling', () => {
    expect(normalizeCauseType(' Buffer  Errors Vulnerability ')).toBe('buffer error');
    expect(normalizeCauseType('“缓冲区错误”漏洞')).toBe('缓冲区错误');
  });
});

describe('causeOfRecord and causeLabel', () => {
  it("prefers the source's own cause type, then the first mappable CWE", () => {
    expect(causeOfRecord(['CWE-79'], '配置错误').category).toBe('configuration');
    expect(causeOfRecord(['CWE-99999', 'CWE-121'], 'nonsense').category).toBe('resource-management');
    expect(causeOfRecord([]).mapped).toBe(false);
    expect(causeOfRecord(undefined as never).mapped).toBe(false);
    expect(causeFromCwe('CWE-79', null as never).category).toBe('input-validation');
  });
  it('labels categories', () => {
    expect(causeLabel('access-control')).toEqual({ en: 'Permission and access control issue', zh: '权限许可和访问控制问题' });
  });
});

describe('CWE coverage on the shared data', () => {
  it('maps every CWE that CSAF, NVD, CVE 5 and KEV name', () => {
    const ids = cweIds();
    expect(ids.length).toBeGreaterThan(290);
    const unmappedIds = ids.filter((id) => !causeFromCwe(id).mapped);
    expect(unmappedIds).toEqual([]);
    const byTop: Record<string, number> = {};
    for (const id of ids) byTop[causeFromCwe(id).topLevel] = (byTop[causeFromCwe(id).topLevel] ?? 0) + 1;
    expect(byTop).toEqual({ code: 270, configuration: 7, environment: 23, other: 1 });
  });
});
