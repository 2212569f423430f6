// Cause category (GB/T 30279-2020 cause tree) of a vulnerability, from its CWE ids or from the
// cause type a CNVD/CNNVD record states. Unknown input lands in 'other' with mapped: false.
import { causeTree, topLevelOf } from './cause-tree.js';
import type { CauseCategoryId, TopLevelCause } from './cause-tree.js';
import { cweCauseTable, nvdCweTokens } from './cwe-cause-table.js';

export { causeCategoryIds, causeTree, childrenOf, topLevelCauses, topLevelOf } from './cause-tree.js';
export type { CauseCategory, CauseCategoryId, TopLevelCause } from './cause-tree.js';

export interface CauseMapping {
  readonly category: CauseCategoryId;
  readonly topLevel: TopLevelCause;
  /** False: nothing known matched, the category is the 'other' fallback. */
  readonly mapped: boolean;
  /** What matched: the CWE id (possibly an ancestor) or the normalized cause type. */
  readonly via: string | undefined;
}

const unmapped: CauseMapping = { category: 'other', topLevel: 'other', mapped: false, via: undefined };
const mappedTo = (category: CauseCategoryId, via: string): CauseMapping => ({ category, topLevel: topLevelOf(category), mapped: true, via });

const cweIndex: ReadonlyMap<number, CauseCategoryId> = new Map(
  Object.entries(cweCauseTable).flatMap(([category, ids]) => (ids ?? []).map((id) => [id, category as CauseCategoryId] as const)),
);

/** "CWE-79", "cwe-79", "CWE 79", "79" → 79; NVD placeholders and anything else → undefined. */
export function parseCweId(text: string): number | undefined {
  const m = /^\s*(?:CWE[-_ ]?)?(\d{1,5})\s*$/i.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/**
 * Category of a CWE. `ancestors` (nearest first), when the caller knows them from the CWE catalog,
 * are tried after the CWE itself: the CWE-1000 pillars at the top of every chain are all mapped.
 */
export function causeFromCwe(cweId: string, ancestors: readonly string[] = []): CauseMapping {
  for (const candidate of [cweId, ...(Array.isArray(ancestors) ? ancestors : [])]) {
    if (typeof candidate !== 'string') continue;
    const token = nvdCweTokens[candidate.trim()];
    if (token !== undefined) return mappedTo(token, candidate.trim());
    const id = parseCweId(candidate);
    const category = id === undefined ? undefined : cweIndex.get(id);
    if (id !== undefined && category !== undefined) return mappedTo(category, `CWE-${id}`);
  }
  return unmapped;
}

// CNNVD's 26 type names, the GB/T 30279 names, CNVD's cause types and their English forms.
const causeTypeAliases: Readonly<Partial<Record<CauseCategoryId, readonly string[]>>> = {
  code: ['代码问题', 'code problem', 'code', 'code issue'],
  'resource-management': [
    '资源管理错误', '缓冲区错误', '缓冲区溢出', '边界条件错误', '释放后使用', '双重释放', '内存破坏', '内存错误',
    'resource management error', 'buffer error', 'buffer overflow', 'boundary condition error', 'use after free', 'double free', 'memory corruption',
  ],
  'input-validation': [
    '输入验证', '输入验证错误', '格式化字符串', '格式化字符串错误', '跨站脚本', '路径遍历', '目录遍历', '后置链接', 'sql注入', '注入',
    '代码注入', '命令注入', '操作系统命令注入', '跨站请求伪造', 'xml外部实体注入',
    'input validation', 'input validation error', 'improper input validation', 'format string', 'format string error', 'cross-site scripting',
    'cross site scripting', 'xss', 'path traversal', 'directory traversal', 'link following', 'sql injection', 'injection', 'code injection',
    'command injection', 'os command injection', 'cross-site request forgery', 'csrf', 'xml external entity injection',
  ],
  numeric: ['数字错误', '数值错误', '整数溢出', 'numeric error', 'integer overflow'],
  'race-condition': ['竞争条件', '竞争条件错误', '条件竞争', 'race condition', 'race condition error'],
  'processing-logic': [
    '处理逻辑错误', '设计错误', '逻辑错误', '意外情况处理错误',
    'processing logic error', 'design error', 'logic error', 'business logic error', 'failure to handle exceptional conditions', 'exception handling error',
  ],
  cryptography: ['加密问题', 'cryptographic issue', 'crypto issue', 'encryption issue'],
  authorization: ['授权问题', '认证错误', '身份验证错误', 'authorization issue', 'authentication issue', 'authentication error'],
  'trust-management': ['信任管理', '信任管理问题', '未充分验证数据可靠性', 'trust management', 'trust management issue', 'credentials management'],
  'access-control': [
    '权限许可和访问控制', '权限许可和访问控制问题', '访问控制错误', '访问验证错误', '安全特征问题',
    'permissions, privileges, and access control', 'permissions, privileges and access control', 'access control error', 'access control',
    'access validation error', 'security feature', 'security features',
  ],
  'undeclared-function': ['未声明功能', '后门', 'undeclared function', 'undeclared functionality', 'backdoor', 'hidden functionality'],
  configuration: ['配置错误', 'configuration error', 'misconfiguration', 'configuration'],
  environment: ['环境问题', '环境错误', 'environment problem', 'environment error', 'environmental error'],
  'information-disclosure': [
    '信息泄露', '信息泄漏', '日志信息泄露', '调试信息泄露', '侧信道信息泄露',
    'information disclosure', 'information leak', 'information leakage', 'information exposure', 'side channel',
  ],
  'fault-injection': ['故障注入', 'fault injection'],
  other: ['其他', '其它', 'other', 'others'],
  'insufficient-information': ['资料不足', 'insufficient information', 'not enough information'],
};

/** Lower case, half-width, single spaces, singular "errors/issues", no trailing "漏洞"/"vulnerability". */
export function normalizeCauseType(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?:类)?漏洞$/, '')
    .replace(/ vulnerabilit(?:y|ies)$/, '')
    .replace(/^[\s"'“”‘’()[\]（）【】]+|[\s"'“”‘’()[\]（）【】.。]+$/g, '')
    .replace(/\b(error|issue|problem|control|feature)s\b/g, '$1')
    .trim();
}

const causeTypeIndex: ReadonlyMap<string, CauseCategoryId> = new Map(
  Object.entries(causeTypeAliases).flatMap(([category, names]) =>
    (names ?? []).map((name) => [normalizeCauseType(name), category as CauseCategoryId] as const),
  ),
);

/** Category of a CNVD/CNNVD cause type ("输入验证错误", "Buffer error", "缓冲区溢出漏洞", ...). */
export function causeFromCnvdType(text: string): CauseMapping {
  if (typeof text !== 'string') return unmapped;
  const key = normalizeCauseType(text);
  const category = causeTypeIndex.get(key);
  return category === undefined ? unmapped : mappedTo(category, key);
}

/**
 * One category for a record: the national source's own cause type when it is known, else the
 * first mappable CWE in the order given (callers put the most reliable source's CWEs first).
 */
export function causeOfRecord(cwes: readonly string[], causeType?: string): CauseMapping {
  if (causeType !== undefined) {
    const fromType = causeFromCnvdType(causeType);
    if (fromType.mapped) return fromType;
  }
  for (const cwe of Array.isArray(cwes) ? cwes : []) {
    const m = causeFromCwe(cwe);
    if (m.mapped) return m;
  }
  return unmapped;
}

/** English and Chinese name of a category, for display. */
export function causeLabel(id: CauseCategoryId): { readonly en: string; readonly zh: string } {
  const { en, zh } = causeTree[id];
  return { en, zh };
}
