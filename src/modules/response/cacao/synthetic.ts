// Synthetic valid playbooks of a given size (benchmarks and property tests): a chain of segments
// that use every step type, with variables declared and used, deterministic for a given seed.

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);

/** A deterministic RFC 4122 version 4 UUID from a counter and seed. */
function uuid(seed: number, n: number): string {
  const a = (Math.imul(seed + 1, 2654435761) ^ n) >>> 0;
  return `${hex(a, 8)}-${hex(n, 4)}-4${hex(seed, 3)}-8${hex(n >>> 16, 3)}-${hex(n, 6)}${hex(a, 6)}`;
}

export function syntheticPlaybook(minSteps: number, seed = 1): Record<string, unknown> {
  let counter = 0;
  const id = (type: string) => `${type}--${uuid(seed, ++counter)}`;
  const agent = id('individual');
  const target = id('net-address');
  const workflow: Record<string, Record<string, unknown>> = {};
  const start = id('start');
  const end = id('end');
  const action = (name: string, next: string, extra: Record<string, unknown> = {}) => {
    const key = id('action');
    workflow[key] = { type: 'action', name, commands: [{ type: 'manual', command: `Check __target__ (${name})` }], agent, targets: [target], on_completion: next, ...extra };
    return key;
  };
  // Segments are built back to front: each returns its entry step and leads to `next`.
  const segments = [
    (next: string) => action('plain', next),
    (next: string) => {
      const key = id('parallel');
      workflow[key] = { type: 'parallel', next_steps: [action('branch a', next), action('branch b', next)] };
      return key;
    },
    (next: string) => {
      const key = id('if-condition');
      workflow[key] = { type: 'if-condition', condition: '__count__:value > 1', on_true: action('then', next), on_false: next };
      return key;
    },
    (next: string) => {
      const loop = id('while-condition');
      workflow[loop] = { type: 'while-condition', condition: '__count__:value < 3', on_true: action('loop body', loop), on_completion: next };
      return loop;
    },
    (next: string) => {
      const key = id('switch-condition');
      workflow[key] = { type: 'switch-condition', switch: '__mode__', cases: { run: action('case run', next), stop: action('case stop', next), default: next } };
      return key;
    },
    (next: string) => action('with step variable', next, { step_variables: { __local__: { type: 'string', value: 'x' } }, out_args: ['__local__'] }),
  ];
  let next = end;
  workflow[end] = { type: 'end' };
  for (let i = 0; Object.keys(workflow).length + 1 < minSteps; i++) next = (segments[(i + seed) % segments.length] as (n: string) => string)(next);
  workflow[start] = { type: 'start', on_completion: next };
  return {
    type: 'playbook', spec_version: 'cacao-2.0', id: id('playbook'), name: `synthetic ${minSteps}`, created_by: id('identity'),
    created: '2026-12-01T00:00:00.000Z', modified: '2026-12-01T00:00:00.000Z',
    playbook_variables: { __target__: { type: 'ipv4-addr', value: '10.1.1.1' }, __count__: { type: 'integer', value: '0' }, __mode__: { type: 'string', value: 'run' } },
    workflow_start: start, workflow,
    agent_definitions: { [agent]: { type: 'individual', name: 'operator' } },
    target_definitions: { [target]: { type: 'net-address', name: 'cell', address: { ipv4: ['10.1.1.1'] } } },
  };
}
