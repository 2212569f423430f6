// validatePlaybook: every problem of a CACAO 2.0 playbook with its JSON Pointer, never a throw.
// Our own code (the OASIS schemas are the tests' oracle only), plus the rules schemas cannot express.
import { Checker, optional } from './checks.js';
import { agentTargets, authenticationInfos, dataMarkings, definedKeys, extensionDefinitions, extensions, externalReferences, variables } from './definitions.js';
import { graphRules } from './graph.js';
import { pointer, type CacaoValidation } from './issues.js';
import { signatures } from './signature-shape.js';
import { workflowSteps } from './steps.js';
import type { Playbook } from './types.js';
import { industrySectorOv, playbookActivityTypeOv, playbookTypeOv, processingSummaryFlags } from './vocabularies.js';

export interface CacaoValidationOptions {
  /**
   * Whether a playbook-action's target is known (in the store, as the caller may read it). Without
   * it the reference is only checked for its form.
   */
  readonly knownPlaybook?: ((id: string, version: string | undefined) => boolean) | undefined;
}

const topLevel = new Set([
  'type', 'spec_version', 'id', 'name', 'description', 'playbook_types', 'playbook_activities', 'playbook_processing_summary', 'created_by', 'created',
  'modified', 'revoked', 'valid_from', 'valid_until', 'derived_from', 'related_to', 'priority', 'severity', 'impact', 'industry_sectors', 'labels',
  'external_references', 'markings', 'playbook_variables', 'workflow_start', 'workflow_exception', 'workflow', 'playbook_extensions',
  'authentication_info_definitions', 'agent_definitions', 'target_definitions', 'extension_definitions', 'data_marking_definitions', 'signatures',
]);

export function validatePlaybook(value: unknown, options: CacaoValidationOptions = {}): CacaoValidation<Playbook> {
  const c = new Checker();
  try {
    check(c, value, options);
  } catch (error) {
    // A bug of ours must not surface as a crash at the import boundary; it is reported like a problem.
    c.report('', 'type', `the validator failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const issues = c.issues;
  return issues.some((i) => i.severity === 'error') ? { success: false, issues } : { success: true, data: value as Playbook, issues };
}

function check(c: Checker, value: unknown, options: CacaoValidationOptions): void {
  if (!c.object(value, '')) return;
  const p = value;
  c.required(p, '', ['type', 'spec_version', 'id', 'name', 'created_by', 'created', 'modified', 'workflow_start', 'workflow']);
  c.known(p, '', topLevel, 'a playbook');
  const definedExtensions = definedKeys(p.extension_definitions);
  const ctx = { extensions: definedExtensions, authentication: definedKeys(p.authentication_info_definitions) };
  const activityVocabulary = (v: unknown, path: string) => {
    if (c.array(v, path)) v.forEach((item, i) => c.openVocabulary(item, pointer(path, i), playbookActivityTypeOv, 'playbook-activity-type-ov'));
  };
  let playbookVariables: readonly string[] = [];
  optional(p, '', {
    type: (v, path) => c.enumeration(v, path, ['playbook']),
    spec_version: (v, path) => c.enumeration(v, path, ['cacao-2.0']),
    id: (v, path) => c.identifier(v, path, ['playbook']),
    name: (v, path) => c.string(v, path),
    description: (v, path) => c.string(v, path),
    playbook_types: (v, path) => {
      if (c.array(v, path, 0)) v.forEach((item, i) => c.openVocabulary(item, pointer(path, i), playbookTypeOv, 'playbook-type-ov'));
    },
    playbook_activities: activityVocabulary,
    playbook_processing_summary: (v, path) => {
      if (!c.object(v, path)) return;
      c.known(v, path, new Set(processingSummaryFlags), 'a processing summary');
      for (const [k, flag] of Object.entries(v)) c.boolean(flag, pointer(path, k));
    },
    created_by: (v, path) => c.identifier(v, path),
    created: (v, path) => c.timestamp(v, path, true),
    modified: (v, path) => c.timestamp(v, path, true),
    revoked: (v, path) => c.boolean(v, path),
    valid_from: (v, path) => c.timestamp(v, path),
    valid_until: (v, path) => c.timestamp(v, path),
    derived_from: (v, path) => {
      if (c.array(v, path)) v.forEach((id, i) => c.identifier(id, pointer(path, i), ['playbook']));
    },
    related_to: (v, path) => {
      if (c.array(v, path)) v.forEach((id, i) => c.identifier(id, pointer(path, i)));
    },
    priority: (v, path) => c.integer(v, path, 0, 100),
    severity: (v, path) => c.integer(v, path, 0, 100),
    impact: (v, path) => c.integer(v, path, 0, 100),
    industry_sectors: (v, path) => {
      if (c.array(v, path)) v.forEach((item, i) => c.openVocabulary(item, pointer(path, i), industrySectorOv, 'industry-sector-ov'));
    },
    labels: (v, path) => c.strings(v, path),
    external_references: (v, path) => externalReferences(c, v, path),
    markings: (v, path) => {
      if (!c.array(v, path)) return;
      const defined = definedKeys(p.data_marking_definitions);
      v.forEach((id, i) => {
        if (c.identifier(id, pointer(path, i), ['marking-statement', 'marking-tlp', 'marking-iep']) && !defined.has(id)) c.report(pointer(path, i), 'unresolved-reference', `${id} is not in data_marking_definitions`);
      });
    },
    playbook_variables: (v, path) => (playbookVariables = variables(c, v, path)),
    workflow_start: (v, path) => c.identifier(v, path, ['start']),
    workflow_exception: (v, path) => c.identifier(v, path),
    playbook_extensions: (v, path) => extensions(c, v, path, definedExtensions),
    authentication_info_definitions: (v, path) => authenticationInfos(c, v, path, ctx),
    agent_definitions: (v, path) => agentTargets(c, v, path, ctx),
    target_definitions: (v, path) => agentTargets(c, v, path, ctx),
    extension_definitions: (v, path) => extensionDefinitions(c, v, path),
    data_marking_definitions: (v, path) => dataMarkings(c, v, path, ctx),
    signatures: (v, path) => signatures(c, v, path, p),
  });
  c.order(p.created, p.modified, '/modified', 'modified must not be before created', false);
  c.order(p.valid_from, p.valid_until, '/valid_until', 'valid_until must be later than valid_from', true);
  // The specification: playbook types from the vocabulary need at least one activity.
  if (Array.isArray(p.playbook_types) && p.playbook_types.some((t) => (playbookTypeOv as readonly unknown[]).includes(t)) && p.playbook_activities === undefined) {
    c.report('/playbook_activities', 'dependency', 'playbook_types from playbook-type-ov need at least one playbook activity');
  }

  if (p.workflow === undefined) return;
  const facts = workflowSteps(c, p.workflow, '/workflow', definedExtensions);
  const agents = definedKeys(p.agent_definitions);
  const targets = definedKeys(p.target_definitions);
  for (const ref of facts.agents) if (!agents.has(ref.id)) c.report(ref.path, 'unresolved-reference', `${ref.id} is not in agent_definitions`);
  for (const ref of facts.targets) if (!targets.has(ref.id)) c.report(ref.path, 'unresolved-reference', `${ref.id} is not in target_definitions`);
  if (options.knownPlaybook !== undefined) {
    for (const ref of facts.playbookActions) {
      if (ref.id === p.id) continue; // a playbook may call itself
      if (!options.knownPlaybook(ref.id, ref.version)) c.report(ref.path, 'unknown-playbook', `${ref.id}${ref.version === undefined ? '' : ` version ${ref.version}`} is not a playbook this store holds for you`);
    }
  }
  if (c.issues.some((i) => i.path === '/workflow' && i.code === 'not-object')) return;
  graphRules(c, { workflow: p.workflow as Record<string, unknown>, start: p.workflow_start, exception: p.workflow_exception, facts, playbookVariables });
}
