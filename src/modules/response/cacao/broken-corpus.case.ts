// Test support: one broken playbook per validation rule, each a small change to a valid example,
// with the problem and path we must report and what the OASIS schemas say about it. Rules the
// schemas cannot express are the ones where they "accept".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacaoIssueCode } from './issues.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test mutations reach into arbitrary JSON
type Doc = any;

export const exampleDir = join(import.meta.dirname, 'examples');
export const readExample = (name: string): Doc => JSON.parse(readFileSync(join(exampleDir, name), 'utf8'));

export interface BrokenCase {
  readonly name: string;
  /** Mutates a fresh copy of every-step.json and returns it (or a replacement). */
  readonly mutate: (p: Doc, ids: StepIds) => Doc;
  readonly expect: { readonly code: CacaoIssueCode; readonly path: (p: Doc, ids: StepIds) => string };
  readonly schema: 'accepts' | 'rejects';
  /** Validate with a resolver that knows no playbook. */
  readonly resolver?: true;
}

export interface StepIds {
  readonly byName: (name: string) => string;
  readonly ofType: (type: string) => string[];
  readonly def: (section: string, type: string) => string;
}

export function stepIds(p: Doc): StepIds {
  const entries = Object.entries(p.workflow as Record<string, { type: string; name?: string }>);
  return {
    byName: (name) => {
      const hit = entries.find(([, s]) => s.name === name);
      if (hit === undefined) throw new Error(`no step named ${name}`);
      return hit[0];
    },
    ofType: (type) => entries.filter(([, s]) => s.type === type).map(([id]) => id),
    def: (section, type) => {
      const hit = Object.keys(p[section] as object).find((k) => k.startsWith(`${type}--`));
      if (hit === undefined) throw new Error(`no ${type} in ${section}`);
      return hit;
    },
  };
}

const U = '0c6b4b1e-6f2e-4d7a-9a43-6b1f0e3c2d11';
const at = (...segments: string[]) => () => `/${segments.join('/')}`;
const step = (name: string, ...rest: string[]) => (_p: Doc, ids: StepIds) => ['', 'workflow', ids.byName(name), ...rest].join('/');

export const brokenCorpus: readonly BrokenCase[] = [
  // Playbook metadata
  { name: 'type missing', mutate: (p) => (delete p.type, p), expect: { code: 'missing-property', path: at('type') }, schema: 'rejects' },
  { name: 'spec_version wrong', mutate: (p) => ((p.spec_version = 'cacao-1.0'), p), expect: { code: 'enumeration', path: at('spec_version') }, schema: 'rejects' },
  { name: 'id malformed', mutate: (p) => ((p.id = 'playbook-1'), p), expect: { code: 'identifier', path: at('id') }, schema: 'rejects' },
  { name: 'id names another object type', mutate: (p) => ((p.id = `action--${U}`), p), expect: { code: 'identifier', path: at('id') }, schema: 'accepts' },
  { name: 'name missing', mutate: (p) => (delete p.name, p), expect: { code: 'missing-property', path: at('name') }, schema: 'rejects' },
  { name: 'created not a timestamp', mutate: (p) => ((p.created = '1 Dec 2026'), p), expect: { code: 'timestamp', path: at('created') }, schema: 'rejects' },
  { name: 'created is an impossible date', mutate: (p) => ((p.created = '2026-02-30T08:00:00.000Z'), p), expect: { code: 'timestamp', path: at('created') }, schema: 'accepts' },
  { name: 'modified not to the millisecond', mutate: (p) => ((p.modified = '2026-12-01T08:00:00Z'), p), expect: { code: 'timestamp-precision', path: at('modified') }, schema: 'accepts' },
  { name: 'modified before created', mutate: (p) => ((p.modified = '2026-11-01T08:00:00.000Z'), p), expect: { code: 'timestamp-order', path: at('modified') }, schema: 'accepts' },
  { name: 'valid_until before valid_from', mutate: (p) => ((p.valid_from = '2026-12-02T00:00:00Z'), (p.valid_until = '2026-12-01T00:00:00Z'), p), expect: { code: 'timestamp-order', path: at('valid_until') }, schema: 'accepts' },
  { name: 'priority above 100', mutate: (p) => ((p.priority = 101), p), expect: { code: 'range', path: at('priority') }, schema: 'rejects' },
  { name: 'severity not an integer', mutate: (p) => ((p.severity = 7.5), p), expect: { code: 'type', path: at('severity') }, schema: 'rejects' },
  { name: 'playbook_types not a list', mutate: (p) => ((p.playbook_types = 'investigation'), p), expect: { code: 'type', path: at('playbook_types') }, schema: 'rejects' },
  { name: 'types from the vocabulary without activities', mutate: (p) => (delete p.playbook_activities, p), expect: { code: 'dependency', path: at('playbook_activities') }, schema: 'accepts' },
  { name: 'labels empty', mutate: (p) => ((p.labels = []), p), expect: { code: 'empty', path: at('labels') }, schema: 'rejects' },
  { name: 'processing summary flag not boolean', mutate: (p) => ((p.playbook_processing_summary.if_logic = 'yes'), p), expect: { code: 'type', path: at('playbook_processing_summary', 'if_logic') }, schema: 'rejects' },
  { name: 'unknown top-level property', mutate: (p) => ((p.x_custom = 1), p), expect: { code: 'unknown-property', path: at('x_custom') }, schema: 'rejects' },
  { name: 'external reference without name', mutate: (p) => (delete p.external_references[0].name, p), expect: { code: 'missing-property', path: at('external_references', '0', 'name') }, schema: 'rejects' },
  { name: 'derived_from names a non-playbook', mutate: (p) => ((p.derived_from = [`identity--${U}`]), p), expect: { code: 'identifier', path: at('derived_from', '0') }, schema: 'accepts' },
  // Workflow steps
  { name: 'workflow empty', mutate: (p) => ((p.workflow = {}), p), expect: { code: 'empty', path: at('workflow') }, schema: 'accepts' },
  { name: 'step type unknown', mutate: (p, ids) => ((p.workflow[ids.byName('Query the SIEM')].type = 'task'), p), expect: { code: 'enumeration', path: step('Query the SIEM', 'type') }, schema: 'rejects' },
  { name: 'step key prefix differs from its type', mutate: (p, ids) => ((p.workflow[ids.byName('Approve closing')].type = 'end'), delete p.workflow[ids.byName('Approve closing')].commands, delete p.workflow[ids.byName('Approve closing')].agent, delete p.workflow[ids.byName('Approve closing')].step_extensions, delete p.workflow[ids.byName('Approve closing')].on_completion, p), expect: { code: 'id-mismatch', path: step('Approve closing') }, schema: 'rejects' },
  { name: 'step key not an identifier', mutate: (p, ids) => ((p.workflow['step-1'] = p.workflow[ids.byName('End')]), p), expect: { code: 'identifier', path: at('workflow', 'step-1') }, schema: 'rejects' },
  { name: 'unknown step property', mutate: (p, ids) => ((p.workflow[ids.byName('Malicious?')].on_maybe = ids.byName('End')), p), expect: { code: 'unknown-property', path: step('Malicious?', 'on_maybe') }, schema: 'rejects' },
  { name: 'end with on_completion', mutate: (p, ids) => ((p.workflow[ids.byName('End')].on_completion = ids.byName('Start')), p), expect: { code: 'conflict', path: step('End', 'on_completion') }, schema: 'rejects' },
  { name: 'start with on_success', mutate: (p, ids) => ((p.workflow[ids.byName('Start')].on_success = ids.byName('End')), p), expect: { code: 'conflict', path: step('Start', 'on_success') }, schema: 'rejects' },
  { name: 'on_completion with on_success', mutate: (p, ids) => ((p.workflow[ids.byName('Query the SIEM')].on_completion = ids.byName('End')), p), expect: { code: 'conflict', path: step('Query the SIEM', 'on_completion') }, schema: 'accepts' },
  { name: 'delay negative', mutate: (p, ids) => ((p.workflow[ids.byName('Query the SIEM')].delay = -5), p), expect: { code: 'range', path: step('Query the SIEM', 'delay') }, schema: 'rejects' },
  { name: 'timeout not an integer', mutate: (p, ids) => ((p.workflow[ids.byName('Query the SIEM')].timeout = '30s'), p), expect: { code: 'type', path: step('Query the SIEM', 'timeout') }, schema: 'rejects' },
  { name: 'action without commands', mutate: (p, ids) => (delete p.workflow[ids.byName('Ask the shift engineer')].commands, p), expect: { code: 'missing-property', path: step('Ask the shift engineer', 'commands') }, schema: 'rejects' },
  { name: 'action with empty commands', mutate: (p, ids) => ((p.workflow[ids.byName('Ask the shift engineer')].commands = []), p), expect: { code: 'empty', path: step('Ask the shift engineer', 'commands') }, schema: 'rejects' },
  { name: 'action without agent', mutate: (p, ids) => (delete p.workflow[ids.byName('Ask the shift engineer')].agent, p), expect: { code: 'missing-property', path: step('Ask the shift engineer', 'agent') }, schema: 'rejects' },
  { name: 'playbook-action without playbook_id', mutate: (p, ids) => (delete p.workflow[ids.byName('Run the sub-playbook')].playbook_id, p), expect: { code: 'missing-property', path: step('Run the sub-playbook', 'playbook_id') }, schema: 'rejects' },
  { name: 'playbook-action names a non-playbook', mutate: (p, ids) => ((p.workflow[ids.byName('Run the sub-playbook')].playbook_id = `identity--${U}`), p), expect: { code: 'identifier', path: step('Run the sub-playbook', 'playbook_id') }, schema: 'accepts' },
  { name: 'parallel with one branch', mutate: (p, ids) => ((p.workflow[ids.byName('Collect in parallel')].next_steps = [ids.byName('Ask the shift engineer')]), p), expect: { code: 'empty', path: step('Collect in parallel', 'next_steps') }, schema: 'rejects' },
  { name: 'if-condition without condition', mutate: (p, ids) => (delete p.workflow[ids.byName('Malicious?')].condition, p), expect: { code: 'missing-property', path: step('Malicious?', 'condition') }, schema: 'rejects' },
  { name: 'while-condition without on_true', mutate: (p, ids) => (delete p.workflow[ids.byName('Retry the block')].on_true, p), expect: { code: 'missing-property', path: step('Retry the block', 'on_true') }, schema: 'rejects' },
  { name: 'switch-condition without cases', mutate: (p, ids) => (delete p.workflow[ids.byName('By verdict')].cases, p), expect: { code: 'missing-property', path: step('By verdict', 'cases') }, schema: 'rejects' },
  { name: 'switch-condition without switch', mutate: (p, ids) => (delete p.workflow[ids.byName('By verdict')].switch, p), expect: { code: 'missing-property', path: step('By verdict', 'switch') }, schema: 'rejects' },
  // Commands
  { name: 'command without type', mutate: (p, ids) => (delete p.workflow[ids.byName('Ask the shift engineer')].commands[0].type, p), expect: { code: 'missing-property', path: step('Ask the shift engineer', 'commands', '0', 'type') }, schema: 'rejects' },
  { name: 'http-api command without command', mutate: (p, ids) => (delete p.workflow[ids.byName('Query the SIEM')].commands[0].command, p), expect: { code: 'missing-property', path: step('Query the SIEM', 'commands', '0', 'command') }, schema: 'rejects' },
  { name: 'openc2-http command without content_b64', mutate: (p, ids) => ((p.workflow[ids.byName('Query the SIEM')].commands[0] = { type: 'openc2-http', command: 'POST /openc2 HTTP/1.1' }), p), expect: { code: 'missing-property', path: step('Query the SIEM', 'commands', '0', 'content_b64') }, schema: 'rejects' },
  { name: 'manual command without any text', mutate: (p, ids) => (delete p.workflow[ids.byName('Ask the shift engineer')].commands[0].command, p), expect: { code: 'missing-property', path: step('Ask the shift engineer', 'commands', '0') }, schema: 'accepts' },
  { name: 'command_b64 not base64', mutate: (p, ids) => ((p.workflow[ids.byName('Ask the shift engineer')].commands[0] = { type: 'bash', command_b64: 'not base64!' }), p), expect: { code: 'format', path: step('Ask the shift engineer', 'commands', '0', 'command_b64') }, schema: 'accepts' },
  { name: 'manual command with a property it does not have', mutate: (p, ids) => ((p.workflow[ids.byName('Ask the shift engineer')].commands[0].headers = {}), p), expect: { code: 'unknown-property', path: step('Ask the shift engineer', 'commands', '0', 'headers') }, schema: 'rejects' },
  // Variables
  { name: 'playbook variable name without __name__ syntax', mutate: (p) => ((p.playbook_variables.host = { type: 'string' }), p), expect: { code: 'variable-name', path: at('playbook_variables', 'host') }, schema: 'rejects' },
  { name: 'step variable name with a space', mutate: (p, ids) => ((p.workflow[ids.byName('Request a block')].step_variables['__my note__'] = { type: 'string' }), p), expect: { code: 'variable-name', path: step('Request a block', 'step_variables', '__my note__') }, schema: 'rejects' },
  { name: 'variable without type', mutate: (p) => (delete p.playbook_variables.__verdict__.type, p), expect: { code: 'missing-property', path: at('playbook_variables', '__verdict__', 'type') }, schema: 'rejects' },
  { name: 'variable constant not boolean', mutate: (p) => ((p.playbook_variables.__verdict__.constant = 'yes'), p), expect: { code: 'type', path: at('playbook_variables', '__verdict__', 'constant') }, schema: 'rejects' },
  { name: 'variable external not boolean', mutate: (p) => ((p.playbook_variables.__host__.external = 1), p), expect: { code: 'type', path: at('playbook_variables', '__host__', 'external') }, schema: 'rejects' },
  { name: 'variable value that does not fit its type', mutate: (p) => ((p.playbook_variables.__host__.value = 'plc-7'), p), expect: { code: 'variable-value', path: at('playbook_variables', '__host__', 'value') }, schema: 'accepts' },
  { name: 'in_args name without __name__ syntax', mutate: (p, ids) => ((p.workflow[ids.byName('Run the sub-playbook')].in_args = ['host']), p), expect: { code: 'variable-name', path: step('Run the sub-playbook', 'in_args', '0') }, schema: 'accepts' },
  { name: 'command uses an undeclared variable', mutate: (p, ids) => ((p.workflow[ids.byName('Ask the shift engineer')].commands[0].command = 'Check __plc__'), p), expect: { code: 'undeclared-variable', path: step('Ask the shift engineer', 'commands', '0', 'command') }, schema: 'accepts' },
  { name: 'condition uses an undeclared variable', mutate: (p, ids) => ((p.workflow[ids.byName('Retry the block')].condition = '__tries__:value < 3'), p), expect: { code: 'undeclared-variable', path: step('Retry the block', 'condition') }, schema: 'accepts' },
  { name: 'out_args names an undeclared variable', mutate: (p, ids) => ((p.workflow[ids.byName('Query the SIEM')].out_args = ['__score__']), p), expect: { code: 'undeclared-variable', path: step('Query the SIEM', 'out_args', '0') }, schema: 'accepts' },
  { name: 'variable used before the step that declares it', mutate: (p, ids) => ((p.workflow[ids.byName('Ask the shift engineer')].commands[0].command = 'Read __note__'), p), expect: { code: 'undeclared-variable', path: step('Ask the shift engineer', 'commands', '0', 'command') }, schema: 'accepts' },
  // Agents, targets, authentication, extensions, markings
  { name: 'agent reference unresolved', mutate: (p, ids) => ((p.workflow[ids.byName('Ask the shift engineer')].agent = `individual--${U}`), p), expect: { code: 'unresolved-reference', path: step('Ask the shift engineer', 'agent') }, schema: 'accepts' },
  { name: 'target reference unresolved', mutate: (p, ids) => ((p.workflow[ids.byName('Query the SIEM')].targets = [`net-address--${U}`]), p), expect: { code: 'unresolved-reference', path: step('Query the SIEM', 'targets', '0') }, schema: 'accepts' },
  { name: 'agent key differs from its type', mutate: (p, ids) => ((p.agent_definitions[ids.def('agent_definitions', 'individual')].type = 'group'), p), expect: { code: 'id-mismatch', path: (_p, ids) => `/agent_definitions/${ids.def('agent_definitions', 'individual')}` }, schema: 'rejects' },
  { name: 'agent without name', mutate: (p, ids) => (delete p.agent_definitions[ids.def('agent_definitions', 'individual')].name, p), expect: { code: 'missing-property', path: (_p, ids) => `/agent_definitions/${ids.def('agent_definitions', 'individual')}/name` }, schema: 'rejects' },
  { name: 'net-address target without address', mutate: (p, ids) => (delete p.target_definitions[ids.def('target_definitions', 'net-address')].address, p), expect: { code: 'missing-property', path: (_p, ids) => `/target_definitions/${ids.def('target_definitions', 'net-address')}/address` }, schema: 'rejects' },
  { name: 'target address kind unknown', mutate: (p, ids) => ((p.target_definitions[ids.def('target_definitions', 'net-address')].address = { modbus: ['1'] }), p), expect: { code: 'unknown-property', path: (_p, ids) => `/target_definitions/${ids.def('target_definitions', 'net-address')}/address/modbus` }, schema: 'rejects' },
  { name: 'authentication_info reference unresolved', mutate: (p, ids) => ((p.agent_definitions[ids.def('agent_definitions', 'http-api')].authentication_info = `oauth2--${U}`), p), expect: { code: 'unresolved-reference', path: (_p, ids) => `/agent_definitions/${ids.def('agent_definitions', 'http-api')}/authentication_info` }, schema: 'accepts' },
  { name: 'oauth2 without token', mutate: (p) => ((p.authentication_info_definitions = { [`oauth2--${U}`]: { type: 'oauth2', oauth_header: 'Bearer' } }), delete p.agent_definitions[Object.keys(p.agent_definitions).find((k: string) => k.startsWith('http-api--')) as string].authentication_info, p), expect: { code: 'missing-property', path: at('authentication_info_definitions', `oauth2--${U}`, 'token') }, schema: 'rejects' },
  { name: 'extension definition without schema', mutate: (p, ids) => (delete p.extension_definitions[ids.def('extension_definitions', 'extension-definition')].schema, p), expect: { code: 'missing-property', path: (_p, ids) => `/extension_definitions/${ids.def('extension_definitions', 'extension-definition')}/schema` }, schema: 'rejects' },
  { name: 'step extension without definition', mutate: (p, ids) => ((p.workflow[ids.byName('Approve closing')].step_extensions = { [`extension-definition--${U}`]: {} }), p), expect: { code: 'unresolved-reference', path: (_p, ids) => `/workflow/${ids.byName('Approve closing')}/step_extensions/extension-definition--${U}` }, schema: 'accepts' },
  { name: 'markings reference unresolved', mutate: (p) => ((p.markings = [`marking-tlp--${U}`]), p), expect: { code: 'unresolved-reference', path: at('markings', '0') }, schema: 'accepts' },
  { name: 'TLP level unknown', mutate: (p, ids) => ((p.data_marking_definitions[ids.def('data_marking_definitions', 'marking-tlp')].tlpv2_level = 'TLP:WHITE'), p), expect: { code: 'enumeration', path: (_p, ids) => `/data_marking_definitions/${ids.def('data_marking_definitions', 'marking-tlp')}/tlpv2_level` }, schema: 'rejects' },
  { name: 'statement marking without statement', mutate: (p, ids) => (delete p.data_marking_definitions[ids.def('data_marking_definitions', 'marking-statement')].statement, p), expect: { code: 'missing-property', path: (_p, ids) => `/data_marking_definitions/${ids.def('data_marking_definitions', 'marking-statement')}/statement` }, schema: 'rejects' },
  { name: 'IEP marking without attribution', mutate: (p, ids) => (delete p.data_marking_definitions[ids.def('data_marking_definitions', 'marking-iep')].attribution, p), expect: { code: 'missing-property', path: (_p, ids) => `/data_marking_definitions/${ids.def('data_marking_definitions', 'marking-iep')}/attribution` }, schema: 'rejects' },
  { name: 'marking id differs from its key', mutate: (p, ids) => ((p.data_marking_definitions[ids.def('data_marking_definitions', 'marking-tlp')].id = `marking-tlp--${U}`), p), expect: { code: 'id-mismatch', path: (_p, ids) => `/data_marking_definitions/${ids.def('data_marking_definitions', 'marking-tlp')}/id` }, schema: 'accepts' },
  // Signatures (structure; verification is jss.test.ts)
  { name: 'signature without value', mutate: (p) => ((p.signatures = [signature(p, { value: undefined })]), p), expect: { code: 'missing-property', path: at('signatures', '0', 'value') }, schema: 'rejects' },
  { name: 'signature with two key carriers', mutate: (p) => ((p.signatures = [signature(p, { thumbprint: 'ab' })]), p), expect: { code: 'conflict', path: at('signatures', '0') }, schema: 'rejects' },
  { name: 'signature type not jss', mutate: (p) => ((p.signatures = [signature(p, { type: 'jws' })]), p), expect: { code: 'enumeration', path: at('signatures', '0', 'type') }, schema: 'rejects' },
  { name: 'signature for another playbook', mutate: (p) => ((p.signatures = [signature(p, { related_to: `playbook--${U}` })]), p), expect: { code: 'signature', path: at('signatures', '0', 'related_to') }, schema: 'accepts' },
  { name: 'signature for another version', mutate: (p) => ((p.signatures = [signature(p, { related_version: '2020-01-01T00:00:00.000Z' })]), p), expect: { code: 'signature', path: at('signatures', '0', 'related_version') }, schema: 'accepts' },
  // Graph rules the schemas cannot express
  { name: 'on_completion unresolved', mutate: (p, ids) => ((p.workflow[ids.byName('Ask the shift engineer')].on_completion = `action--${U}`), p), expect: { code: 'unresolved-reference', path: step('Ask the shift engineer', 'on_completion') }, schema: 'accepts' },
  { name: 'on_failure unresolved', mutate: (p, ids) => ((p.workflow[ids.byName('Query the SIEM')].on_failure = `action--${U}`), p), expect: { code: 'unresolved-reference', path: step('Query the SIEM', 'on_failure') }, schema: 'accepts' },
  { name: 'on_false unresolved', mutate: (p, ids) => ((p.workflow[ids.byName('Malicious?')].on_false = `end--${U}`), p), expect: { code: 'unresolved-reference', path: step('Malicious?', 'on_false') }, schema: 'accepts' },
  { name: 'next_steps entry unresolved', mutate: (p, ids) => (p.workflow[ids.byName('Collect in parallel')].next_steps.push(`action--${U}`), p), expect: { code: 'unresolved-reference', path: step('Collect in parallel', 'next_steps', '2') }, schema: 'accepts' },
  { name: 'switch case unresolved', mutate: (p, ids) => ((p.workflow[ids.byName('By verdict')].cases.escalate = `action--${U}`), p), expect: { code: 'unresolved-reference', path: step('By verdict', 'cases', 'escalate') }, schema: 'accepts' },
  { name: 'on_true names a non-step', mutate: (p, ids) => ((p.workflow[ids.byName('Malicious?')].on_true = `identity--${U}`), p), expect: { code: 'identifier', path: step('Malicious?', 'on_true') }, schema: 'accepts' },
  { name: 'workflow_start unresolved', mutate: (p) => ((p.workflow_start = `start--${U}`), p), expect: { code: 'unresolved-reference', path: at('workflow_start') }, schema: 'accepts' },
  { name: 'workflow_exception unresolved', mutate: (p) => ((p.workflow_exception = `action--${U}`), p), expect: { code: 'unresolved-reference', path: at('workflow_exception') }, schema: 'accepts' },
  { name: 'no start step', mutate: (p, ids) => { const s = ids.byName('Start'); p.workflow[`action--${U}`] = { type: 'action', commands: [{ type: 'manual', command: 'go' }], agent: ids.def('agent_definitions', 'individual'), on_completion: p.workflow[s].on_completion }; delete p.workflow[s]; p.workflow_start = `start--${U}`; return p; }, expect: { code: 'start', path: at('workflow') }, schema: 'accepts' },
  { name: 'two start steps', mutate: (p, ids) => ((p.workflow[`start--${U}`] = { type: 'start', on_completion: ids.byName('End') }), p), expect: { code: 'start', path: at('workflow', `start--${U}`) }, schema: 'accepts' },
  { name: 'no end reachable', mutate: (p, ids) => { for (const e of ids.ofType('end')) delete p.workflow[e]; p.workflow[`end--${U}`] = { type: 'end' }; const w = p.workflow; w[ids.byName('Malicious?')].on_false = ids.byName('Retry the block'); w[ids.byName('Retry the block')].on_completion = ids.byName('Malicious?'); delete w[ids.byName('Retry the block')].on_completion; w[ids.byName('Approve closing')].on_completion = ids.byName('Retry the block'); w[ids.byName('Run the sub-playbook')].on_completion = ids.byName('Retry the block'); w[ids.byName('Tell the incident lead')].on_completion = ids.byName('Retry the block'); return p; }, expect: { code: 'no-end', path: at('workflow_start') }, schema: 'accepts' },
  { name: 'step that leads nowhere', mutate: (p, ids) => (delete p.workflow[ids.byName('Ask the shift engineer')].on_completion, p), expect: { code: 'dead-end', path: step('Ask the shift engineer') }, schema: 'accepts' },
  { name: 'orphan step', mutate: (p, ids) => ((p.workflow[`action--${U}`] = { type: 'action', commands: [{ type: 'manual', command: 'never asked' }], agent: ids.def('agent_definitions', 'individual'), on_completion: ids.byName('End') }), p), expect: { code: 'orphan-step', path: at('workflow', `action--${U}`) }, schema: 'accepts' },
  { name: 'loop without a while-condition', mutate: (p, ids) => ((p.workflow[ids.byName('Ask the shift engineer')].on_completion = ids.byName('Collect in parallel')), p), expect: { code: 'cycle', path: step('Ask the shift engineer', 'on_completion') }, schema: 'accepts' },
  { name: 'playbook-action target unknown to the store', resolver: true, mutate: (p) => p, expect: { code: 'unknown-playbook', path: step('Run the sub-playbook', 'playbook_id') }, schema: 'accepts' },
];

function signature(p: Doc, overrides: Record<string, unknown>): Doc {
  const base: Record<string, unknown> = {
    type: 'jss', id: `signature--${U}`, created: p.modified, modified: p.modified, signee: 'Example signer', related_to: p.id, related_version: p.modified,
    hash_algorithm: 'sha256', algorithm: 'Ed25519', public_key: 'MCowBQYDK2VwAyEA', value: 'c2lnbmF0dXJl',
  };
  for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete base[k]; else base[k] = v;
  return base;
}
