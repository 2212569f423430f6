// Checks of workflow steps and their commands: properties per step type and per command type.
// References between steps are collected here and resolved by the graph rules (graph.ts).
import { type Checker, identifierType, optional, VARIABLE_NAME, type Json } from './checks.js';
import { extensions, externalReferences, variables } from './definitions.js';
import { pointer } from './issues.js';
import { workflowStepTypes } from './types.js';
import { commandTypeOv, playbookActivityTypeOv } from './vocabularies.js';

/** One reference from a step to another step, with where it is written. */
export interface StepEdge {
  readonly from: string;
  readonly to: string;
  readonly path: string;
  readonly kind: 'on_completion' | 'on_success' | 'on_failure' | 'on_true' | 'on_false' | 'next_steps' | 'cases';
}

/** Places where a step uses variables: command text, conditions, arguments. */
export interface VariableUse {
  readonly step: string;
  readonly path: string;
  readonly text: string;
}

export interface StepFacts {
  readonly edges: StepEdge[];
  readonly uses: VariableUse[];
  /** Step variables declared per step id. */
  readonly declared: Map<string, readonly string[]>;
  /** agent / targets references with their paths, resolved against the definitions. */
  readonly agents: { readonly id: string; readonly path: string }[];
  readonly targets: { readonly id: string; readonly path: string }[];
  readonly playbookActions: { readonly id: string; readonly version: string | undefined; readonly path: string }[];
}

const common = ['type', 'name', 'description', 'external_references', 'delay', 'timeout', 'step_variables', 'owner', 'on_completion', 'on_success', 'on_failure', 'step_extensions'];
const perType: Readonly<Record<string, readonly string[]>> = {
  start: [],
  end: [],
  action: ['commands', 'agent', 'targets', 'in_args', 'out_args'],
  'playbook-action': ['playbook_id', 'playbook_version', 'in_args', 'out_args'],
  parallel: ['next_steps'],
  'if-condition': ['condition', 'on_true', 'on_false'],
  'while-condition': ['condition', 'on_true'],
  'switch-condition': ['switch', 'cases'],
};
const requiredPerType: Readonly<Record<string, readonly string[]>> = {
  action: ['commands', 'agent'],
  'playbook-action': ['playbook_id'],
  parallel: ['next_steps'],
  'if-condition': ['condition', 'on_true'],
  'while-condition': ['condition', 'on_true'],
  'switch-condition': ['switch', 'cases'],
};

export function workflowSteps(c: Checker, value: unknown, path: string, definedExtensions: ReadonlySet<string>): StepFacts {
  const facts: StepFacts = { edges: [], uses: [], declared: new Map(), agents: [], targets: [], playbookActions: [] };
  if (!c.dictionary(value, path, 1)) return facts;
  for (const [id, step] of Object.entries(value)) {
    const at = pointer(path, id);
    const keyType = c.identifier(id, at, workflowStepTypes) ? identifierType(id) : undefined;
    if (!c.object(step, at)) continue;
    c.required(step, at, ['type']);
    const type = step.type !== undefined && c.enumeration(step.type, pointer(at, 'type'), workflowStepTypes) ? step.type : undefined;
    if (type === undefined) continue;
    if (keyType !== undefined && keyType !== type) c.report(at, 'id-mismatch', `the key names a ${keyType} step but the step is a ${type}`);
    c.required(step, at, requiredPerType[type] ?? []);
    c.known(step, at, new Set([...common, ...(perType[type] ?? [])]), `a ${type} step`);
    stepCommon(c, step, at, id, type, facts, definedExtensions);
    stepSpecific(c, step, at, id, type, facts);
  }
  return facts;
}

function edge(c: Checker, facts: StepFacts, from: string, value: unknown, path: string, kind: StepEdge['kind']): void {
  if (c.identifier(value, path, workflowStepTypes)) facts.edges.push({ from, to: value, path, kind });
}

function stepCommon(c: Checker, step: Json, at: string, id: string, type: string, facts: StepFacts, definedExtensions: ReadonlySet<string>): void {
  optional(step, at, {
    name: (v, p) => c.string(v, p),
    description: (v, p) => c.string(v, p),
    external_references: (v, p) => externalReferences(c, v, p),
    delay: (v, p) => c.integer(v, p, 0),
    timeout: (v, p) => c.integer(v, p, 0),
    step_variables: (v, p) => facts.declared.set(id, variables(c, v, p)),
    owner: (v, p) => c.identifier(v, p),
    step_extensions: (v, p) => extensions(c, v, p, definedExtensions),
  });
  for (const kind of ['on_completion', 'on_success', 'on_failure'] as const) {
    if (step[kind] === undefined) continue;
    if (type === 'end' || (type === 'start' && kind !== 'on_completion')) c.report(pointer(at, kind), 'conflict', `a ${type} step has no ${kind}`);
    else edge(c, facts, id, step[kind], pointer(at, kind), kind);
  }
  // The specification: on_completion MUST NOT be used together with on_success or on_failure.
  if (step.on_completion !== undefined && (step.on_success !== undefined || step.on_failure !== undefined)) {
    c.report(pointer(at, 'on_completion'), 'conflict', 'on_completion may not appear with on_success or on_failure');
  }
}

function args(c: Checker, step: Json, at: string, id: string, facts: StepFacts): void {
  for (const key of ['in_args', 'out_args'] as const) {
    if (step[key] === undefined) continue;
    c.strings(step[key], pointer(at, key)).forEach((name, i) => {
      if (VARIABLE_NAME.test(name)) facts.uses.push({ step: id, path: pointer(at, key, i), text: name });
      else c.report(pointer(at, key, i), 'variable-name', `${JSON.stringify(name)} is not a variable name (__name__)`);
    });
  }
}

function stepSpecific(c: Checker, step: Json, at: string, id: string, type: string, facts: StepFacts): void {
  switch (type) {
    case 'action': {
      if (step.commands !== undefined && c.array(step.commands, pointer(at, 'commands'))) {
        step.commands.forEach((command, i) => commandData(c, command, pointer(at, 'commands', i), id, facts));
      }
      if (step.agent !== undefined && c.identifier(step.agent, pointer(at, 'agent'))) facts.agents.push({ id: step.agent, path: pointer(at, 'agent') });
      if (step.targets !== undefined && c.array(step.targets, pointer(at, 'targets'))) {
        step.targets.forEach((t, i) => {
          if (c.identifier(t, pointer(at, 'targets', i))) facts.targets.push({ id: t, path: pointer(at, 'targets', i) });
        });
      }
      args(c, step, at, id, facts);
      return;
    }
    case 'playbook-action': {
      const version = step.playbook_version !== undefined && c.timestamp(step.playbook_version, pointer(at, 'playbook_version')) ? step.playbook_version : undefined;
      if (step.playbook_id !== undefined && c.identifier(step.playbook_id, pointer(at, 'playbook_id'), ['playbook'])) {
        facts.playbookActions.push({ id: step.playbook_id, version, path: pointer(at, 'playbook_id') });
      }
      args(c, step, at, id, facts);
      return;
    }
    case 'parallel':
      if (step.next_steps !== undefined && c.array(step.next_steps, pointer(at, 'next_steps'), 2)) {
        step.next_steps.forEach((next, i) => edge(c, facts, id, next, pointer(at, 'next_steps', i), 'next_steps'));
      }
      return;
    case 'if-condition':
    case 'while-condition':
      if (step.condition !== undefined && c.string(step.condition, pointer(at, 'condition'))) facts.uses.push({ step: id, path: pointer(at, 'condition'), text: step.condition });
      if (step.on_true !== undefined) edge(c, facts, id, step.on_true, pointer(at, 'on_true'), 'on_true');
      if (step.on_false !== undefined) edge(c, facts, id, step.on_false, pointer(at, 'on_false'), 'on_false');
      return;
    case 'switch-condition':
      if (step.switch !== undefined && c.string(step.switch, pointer(at, 'switch'))) facts.uses.push({ step: id, path: pointer(at, 'switch'), text: step.switch });
      if (step.cases !== undefined && c.dictionary(step.cases, pointer(at, 'cases'), 1)) {
        for (const [label, next] of Object.entries(step.cases)) {
          if (!/^[a-zA-Z0-9_-]{0,250}$/.test(label)) c.report(pointer(at, 'cases', label), 'format', 'case labels are letters, digits, _ and -');
          edge(c, facts, id, next, pointer(at, 'cases', label), 'cases');
        }
      }
      return;
  }
}

// Command types of the specification with their properties; `oneOf` lists what must be present (one at least).
const commandRules: Readonly<Record<string, { readonly props: readonly string[]; readonly required?: readonly string[]; readonly oneOf?: readonly string[] }>> = {
  manual: { props: ['command', 'command_b64'], oneOf: ['command', 'command_b64'] },
  bash: { props: ['command', 'command_b64'], oneOf: ['command', 'command_b64'] },
  'caldera-cmd': { props: ['command', 'command_b64'], oneOf: ['command', 'command_b64'] },
  powershell: { props: ['command', 'command_b64'], oneOf: ['command', 'command_b64'] },
  ssh: { props: ['command', 'command_b64'], oneOf: ['command', 'command_b64'] },
  elastic: { props: ['command_b64'], required: ['command_b64'] },
  jupyter: { props: ['command_b64'], required: ['command_b64'] },
  kestrel: { props: ['command_b64'], required: ['command_b64'] },
  sigma: { props: ['command_b64'], required: ['command_b64'] },
  yara: { props: ['command_b64'], required: ['command_b64'] },
  'http-api': { props: ['command', 'headers', 'content', 'content_b64'], required: ['command'] },
  'openc2-http': { props: ['command', 'headers', 'content_b64'], required: ['command', 'content_b64'] },
};

function commandData(c: Checker, command: unknown, at: string, step: string, facts: StepFacts): void {
  if (!c.object(command, at)) return;
  c.required(command, at, ['type']);
  const type = command.type !== undefined && c.openVocabulary(command.type, pointer(at, 'type'), commandTypeOv, 'command-type-ov') ? command.type : undefined;
  const rule = type === undefined ? undefined : commandRules[type];
  if (rule !== undefined) {
    c.required(command, at, rule.required ?? []);
    c.known(command, at, new Set(['type', 'description', 'version', 'playbook_activity', 'external_references', ...rule.props]), `a ${String(type)} command`);
    if (rule.oneOf !== undefined && rule.oneOf.every((k) => command[k] === undefined)) c.report(at, 'missing-property', `a ${String(type)} command needs ${rule.oneOf.join(' or ')}`);
  }
  optional(command, at, {
    description: (v, p) => c.string(v, p),
    version: (v, p) => c.string(v, p),
    playbook_activity: (v, p) => c.openVocabulary(v, p, playbookActivityTypeOv, 'playbook-activity-type-ov'),
    external_references: (v, p) => externalReferences(c, v, p),
    command: (v, p) => {
      if (c.string(v, p)) facts.uses.push({ step, path: p, text: v });
    },
    content: (v, p) => {
      if (c.string(v, p)) facts.uses.push({ step, path: p, text: v });
    },
    command_b64: (v, p) => c.base64(v, p),
    content_b64: (v, p) => c.base64(v, p),
    headers: (v, p) => {
      if (!c.object(v, p)) return;
      for (const [name, values] of Object.entries(v)) c.strings(values, pointer(p, name), 0).forEach((text, i) => facts.uses.push({ step, path: pointer(p, name, i), text }));
    },
  });
}
