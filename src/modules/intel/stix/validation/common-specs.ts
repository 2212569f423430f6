// Sub-objects shared by many types and the common properties of every object family.
import { parseSelector, resolveSelector } from '../markings/granular-selectors.js';
import type { StixCategory } from '../model/index.js';
import {
  boolean, describeValue, hashes, integer, isRecord, languageTag, list, object, props, ref, refTypes, string,
  timestamp, type Check, type NestedSpec, type Rule,
} from './checks.js';
import { isCapecId, isCveId, isUri } from './formats.js';
import { ordered } from './rules.js';

const urlCheck: Check = (v, path, ctx) => {
  if (typeof v !== 'string') return ctx.error(path, 'type', `expected a URL string, found ${describeValue(v)}`);
  if (!isUri(v)) ctx.warn(path, 'format', `"${v}" is not an absolute URL (RFC 3986)`);
};

export const externalReference: NestedSpec = {
  name: 'an external reference',
  props: props({ source_name: string, description: string, url: urlCheck, hashes, external_id: string }),
  required: ['source_name'],
  rules: [
    (o, path, ctx) => {
      if (o.description === undefined && o.url === undefined && o.external_id === undefined) {
        ctx.error(path, 'at-least-one', 'an external reference needs a description, url or external_id besides source_name');
      }
      const id = o.external_id;
      if (typeof id !== 'string') return;
      if (o.source_name === 'cve' && !isCveId(id)) ctx.error(`${path}/external_id`, 'format', `"${id}" is not a CVE identifier (CVE-YYYY-NNNN)`);
      if (o.source_name === 'capec' && !isCapecId(id)) ctx.error(`${path}/external_id`, 'format', `"${id}" is not a CAPEC identifier (CAPEC-N)`);
    },
  ],
};

export const killChainPhase: NestedSpec = {
  name: 'a kill chain phase',
  props: props({ kill_chain_name: string, phase_name: string }),
  required: ['kill_chain_name', 'phase_name'],
};

const selectorCheck: Check = (v, path, ctx) => {
  if (typeof v !== 'string') return ctx.error(path, 'type', `expected a selector string, found ${describeValue(v)}`);
  if (parseSelector(v) === null) ctx.error(path, 'granular-marking', `"${v}" is not a valid selector (property.[index].key ...)`);
};

export const granularMarking: NestedSpec = {
  name: 'a granular marking',
  props: props({ selectors: list(selectorCheck), marking_ref: ref(refTypes('marking-definition')), lang: languageTag }),
  required: ['selectors'],
  rules: [
    (o, path, ctx) => {
      const both = o.marking_ref !== undefined && o.lang !== undefined;
      if (both || (o.marking_ref === undefined && o.lang === undefined)) {
        ctx.error(path, 'granular-marking', 'a granular marking has exactly one of marking_ref and lang');
      }
    },
  ],
};

/** Selectors must point at content present on the marked object. */
const selectorsResolve: Rule = (o, path, ctx) => {
  const markings = o.granular_markings;
  if (!Array.isArray(markings)) return;
  markings.forEach((m: unknown, i) => {
    if (!isRecord(m) || !Array.isArray(m.selectors)) return;
    m.selectors.forEach((s: unknown, j) => {
      if (typeof s !== 'string') return;
      const steps = parseSelector(s);
      if (steps !== null && resolveSelector(o, steps) === undefined) {
        ctx.error(`${path}/granular_markings/${i}/selectors/${j}`, 'granular-marking', `selector "${s}" does not select anything on this object`);
      }
    });
  });
};

const specVersion: Check = (v, path, ctx) => {
  if (v !== '2.1') ctx.error(path, 'spec-version', `spec_version must be "2.1", found ${typeof v === 'string' ? `"${v}"` : describeValue(v)}`);
};

/** Every common property with its check; which of them apply depends on the object family. */
export const commonChecks: ReadonlyMap<string, Check> = props({
  spec_version: specVersion,
  created_by_ref: ref(refTypes('identity')),
  created: timestamp('millis'),
  modified: timestamp('millis'),
  revoked: boolean,
  labels: list(string),
  confidence: integer(0, 100),
  lang: languageTag,
  external_references: list(object(externalReference)),
  object_marking_refs: list(ref(refTypes('marking-definition'))),
  granular_markings: list(object(granularMarking)),
  defanged: boolean,
});

const sdoCommon = ['spec_version', 'created_by_ref', 'created', 'modified', 'revoked', 'labels', 'confidence', 'lang', 'external_references', 'object_marking_refs', 'granular_markings'];

/** The common properties each family uses (section 3.2); `extensions` is added per type. */
export const applicableCommon: Readonly<Record<StixCategory | 'marking-definition' | 'extension-definition' | 'language-content', readonly string[]>> = {
  sdo: sdoCommon,
  sro: sdoCommon,
  sco: ['spec_version', 'object_marking_refs', 'granular_markings', 'defanged'],
  meta: sdoCommon,
  'marking-definition': ['spec_version', 'created_by_ref', 'created', 'external_references', 'object_marking_refs', 'granular_markings'],
  'extension-definition': ['spec_version', 'created_by_ref', 'created', 'modified', 'revoked', 'labels', 'external_references', 'object_marking_refs', 'granular_markings'],
  'language-content': ['spec_version', 'created_by_ref', 'created', 'modified', 'revoked', 'labels', 'confidence', 'external_references', 'object_marking_refs', 'granular_markings'],
};

/** Rules every object gets: versioning order and granular selectors that resolve. */
export const commonRules: readonly Rule[] = [ordered('created', 'modified'), selectorsResolve];
