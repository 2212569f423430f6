// Fingerprint rules are data, not code: conditions on what a host serves and what its protocols
// revealed, mapped to vendor, model and device type with a confidence. Built-in rules ship with
// Bulwark; organisations add their own through the API.
import { z } from 'zod';
import { identityAttributes, protocolIds } from '../dissectors/types.js';
import { deviceRoles, type DeviceRole, type HostIdentity, type IdentityFact } from '../analysis/types.js';
import type { ProtocolId } from '../dissectors/types.js';

const attribute = z.enum([...identityAttributes, 'mac-vendor']);

export const fingerprintConditionSchema = z
  .strictObject({
    /** The host serves (answers) this protocol. */
    serves: z.enum(protocolIds).optional(),
    /** The host uses this protocol as a client. */
    uses: z.enum(protocolIds).optional(),
    /** The host serves this TCP/UDP port. */
    port: z.number().int().min(0).max(65535).optional(),
    attribute: attribute.optional(),
    equals: z.string().max(256).optional(),
    prefix: z.string().max(256).optional(),
    /** Case-insensitive regular expression over the attribute's value (values are cut at 256 characters). */
    pattern: z
      .string()
      .max(200)
      .refine((p) => {
        try {
          new RegExp(p, 'i');
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression')
      .optional(),
    role: z.enum(deviceRoles).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'a rule needs at least one condition')
  .refine((c) => (c.equals ?? c.prefix ?? c.pattern) === undefined || c.attribute !== undefined, {
    message: 'equals, prefix and pattern need an attribute',
  });

export const fingerprintRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,63}$/, 'lower-case letters, digits, dots and dashes'),
  name: z.string().min(1).max(200),
  when: fingerprintConditionSchema,
  then: z
    .strictObject({
      vendor: z.string().min(1).max(200).optional(),
      model: z.string().min(1).max(200).optional(),
      deviceType: z.enum(deviceRoles).optional(),
    })
    .refine((t) => Object.keys(t).length > 0, 'a rule must conclude something'),
  confidence: z.number().min(0).max(1),
});

export type FingerprintRule = z.infer<typeof fingerprintRuleSchema>;

/** What a rule sees of a host. */
export interface FingerprintSubject {
  readonly serves: ReadonlySet<ProtocolId>;
  readonly uses: ReadonlySet<ProtocolId>;
  readonly ports: ReadonlySet<number>;
  readonly roles: ReadonlySet<DeviceRole>;
  readonly facts: readonly IdentityFact[];
}

export interface CompiledRule {
  readonly rule: FingerprintRule;
  readonly pattern: RegExp | undefined;
}

export function compileRules(rules: readonly FingerprintRule[]): CompiledRule[] {
  return rules.map((rule) => ({ rule, pattern: rule.when.pattern ? new RegExp(rule.when.pattern, 'i') : undefined }));
}

export function ruleMatches({ rule, pattern }: CompiledRule, subject: FingerprintSubject): boolean {
  const when = rule.when;
  if (when.serves && !subject.serves.has(when.serves)) return false;
  if (when.uses && !subject.uses.has(when.uses)) return false;
  if (when.port !== undefined && !subject.ports.has(when.port)) return false;
  if (when.role && !subject.roles.has(when.role)) return false;
  if (when.attribute) {
    const values = subject.facts.filter((f) => f.attribute === when.attribute).map((f) => f.value.slice(0, 256));
    const ok = values.some(
      (v) =>
        (when.equals === undefined || v.toLowerCase() === when.equals.toLowerCase()) &&
        (when.prefix === undefined || v.toLowerCase().startsWith(when.prefix.toLowerCase())) &&
        (pattern === undefined || pattern.test(v)),
    );
    if (!ok) return false;
  }
  return true;
}

type Field = 'vendor' | 'model' | 'firmware' | 'serial' | 'name';
const factFields: ReadonlyArray<[Field, IdentityFact['attribute']]> = [
  ['vendor', 'vendor'],
  ['model', 'model'],
  ['model', 'product'],
  ['firmware', 'firmware'],
  ['serial', 'serial'],
  ['name', 'name'],
];

/**
 * The host's identity: each field takes the most confident claim among the protocol facts and the
 * matching rules. The MAC vendor alone never names the device vendor (a PC's network card says
 * nothing about the HMI software on it); rules turn industrial MAC vendors into vendor claims.
 */
export function identify(subject: FingerprintSubject, rules: readonly CompiledRule[], roleGuess?: { role: DeviceRole; confidence: number }): HostIdentity {
  const best = new Map<string, { value: string; confidence: number }>();
  const offer = (field: string, value: string | undefined, confidence: number) => {
    if (!value) return;
    const current = best.get(field);
    if (!current || confidence > current.confidence) best.set(field, { value, confidence });
  };
  for (const [field, attribute] of factFields) {
    for (const fact of subject.facts) if (fact.attribute === attribute) offer(field, fact.value, fact.confidence);
  }
  if (roleGuess) offer('deviceType', roleGuess.role, roleGuess.confidence);
  const matched: string[] = [];
  for (const compiled of rules) {
    if (!ruleMatches(compiled, subject)) continue;
    const { rule } = compiled;
    matched.push(rule.id);
    offer('vendor', rule.then.vendor, rule.confidence);
    offer('model', rule.then.model, rule.confidence);
    offer('deviceType', rule.then.deviceType, rule.confidence);
  }
  const pick = (field: string) => best.get(field)?.value;
  const confidences = [...best.values()].map((b) => b.confidence);
  const deviceType = pick('deviceType') as DeviceRole | undefined;
  return {
    ...optional('vendor', pick('vendor')),
    ...optional('model', pick('model')),
    ...optional('firmware', pick('firmware')),
    ...optional('serial', pick('serial')),
    ...optional('name', pick('name')),
    ...(deviceType ? { deviceType } : {}),
    confidence: confidences.length === 0 ? 0 : Math.max(...confidences),
    rules: matched,
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
