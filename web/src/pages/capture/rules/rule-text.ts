import type { FingerprintRule } from '../../../api/types';
import { protocolLabel, roleLabel } from '../capture-labels';

/** A rule's conditions in words: "serves S7comm · vendor-id equals 1". */
export function conditionText(when: FingerprintRule['when']): string {
  const parts: string[] = [];
  if (when.serves !== undefined) parts.push(`serves ${protocolLabel(when.serves)}`);
  if (when.uses !== undefined) parts.push(`uses ${protocolLabel(when.uses)}`);
  if (when.port !== undefined) parts.push(`serves port ${when.port}`);
  if (when.role !== undefined) parts.push(`acts as ${roleLabel(when.role)}`);
  if (when.attribute !== undefined) {
    const tests = [
      when.equals === undefined ? null : `equals “${when.equals}”`,
      when.prefix === undefined ? null : `starts with “${when.prefix}”`,
      when.pattern === undefined ? null : `matches /${when.pattern}/i`,
    ].filter((t): t is string => t !== null);
    parts.push(`${when.attribute} ${tests.length === 0 ? 'is known' : tests.join(' and ')}`);
  }
  return parts.join(' · ');
}

export function conclusionText(then: FingerprintRule['then']): string {
  return [then.vendor, then.model, then.deviceType === undefined ? undefined : roleLabel(then.deviceType)].filter((v): v is string => v !== undefined).join(' · ');
}

export const ruleTemplate = `{
  "id": "acme.rtu-500",
  "name": "ACME RTU-500 answers Modbus with its product name",
  "when": { "serves": "modbus", "attribute": "product", "prefix": "RTU-500" },
  "then": { "vendor": "ACME", "model": "RTU-500", "deviceType": "rtu" },
  "confidence": 0.8
}`;
