// The GB/T 30279-2020 cause tree (网络安全漏洞分类): four top-level causes (sections 5.2–5.5) and
// the second-level categories under them. Sources and open questions: docs/adr/004-vulnerability-grading.md.

export const topLevelCauses = ['code', 'configuration', 'environment', 'other'] as const;
export type TopLevelCause = (typeof topLevelCauses)[number];

export const causeCategoryIds = [
  'code',
  'resource-management',
  'input-validation',
  'numeric',
  'race-condition',
  'processing-logic',
  'cryptography',
  'authorization',
  'trust-management',
  'access-control',
  'undeclared-function',
  'configuration',
  'environment',
  'information-disclosure',
  'fault-injection',
  'other',
  'insufficient-information',
] as const;
export type CauseCategoryId = (typeof causeCategoryIds)[number];

export interface CauseCategory {
  readonly id: CauseCategoryId;
  /** Undefined for the four top-level causes. */
  readonly parent: TopLevelCause | undefined;
  readonly en: string;
  readonly zh: string;
}

const node = (id: CauseCategoryId, parent: TopLevelCause | undefined, en: string, zh: string): CauseCategory => ({ id, parent, en, zh });

export const causeTree: Readonly<Record<CauseCategoryId, CauseCategory>> = {
  code: node('code', undefined, 'Code problem', '代码问题'),
  'resource-management': node('resource-management', 'code', 'Resource management error', '资源管理错误'),
  'input-validation': node('input-validation', 'code', 'Input validation error', '输入验证错误'),
  numeric: node('numeric', 'code', 'Numeric error', '数字错误'),
  'race-condition': node('race-condition', 'code', 'Race condition', '竞争条件'),
  'processing-logic': node('processing-logic', 'code', 'Processing logic error', '处理逻辑错误'),
  cryptography: node('cryptography', 'code', 'Cryptographic issue', '加密问题'),
  authorization: node('authorization', 'code', 'Authorization issue', '授权问题'),
  'trust-management': node('trust-management', 'code', 'Trust management issue', '信任管理问题'),
  'access-control': node('access-control', 'code', 'Permission and access control issue', '权限许可和访问控制问题'),
  'undeclared-function': node('undeclared-function', 'code', 'Undeclared functionality', '未声明功能'),
  configuration: node('configuration', undefined, 'Configuration error', '配置错误'),
  environment: node('environment', undefined, 'Environment problem', '环境问题'),
  'information-disclosure': node('information-disclosure', 'environment', 'Information disclosure', '信息泄露'),
  'fault-injection': node('fault-injection', 'environment', 'Fault injection', '故障注入'),
  other: node('other', undefined, 'Other', '其他'),
  'insufficient-information': node('insufficient-information', 'other', 'Insufficient information', '资料不足'),
};

/** The top-level cause a category belongs to (itself for a top-level one). */
export function topLevelOf(id: CauseCategoryId): TopLevelCause {
  return causeTree[id].parent ?? (id as TopLevelCause);
}

/** Children of a top-level cause, in tree order. */
export function childrenOf(parent: TopLevelCause): readonly CauseCategory[] {
  return causeCategoryIds.map((id) => causeTree[id]).filter((c) => c.parent === parent);
}
