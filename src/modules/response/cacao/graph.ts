// Rules the JSON schemas cannot express: references resolve, exactly one start, an end is
// reachable, every step is reachable, loops only through while-conditions, variables are declared
// before they are used, and playbook-actions name playbooks the caller's store knows.
import type { Checker, Json } from './checks.js';
import { pointer } from './issues.js';
import type { StepEdge, StepFacts } from './steps.js';

export interface GraphInput {
  readonly workflow: Json;
  readonly start: unknown;
  readonly exception: unknown;
  readonly facts: StepFacts;
  readonly playbookVariables: readonly string[];
}

const typeOf = (workflow: Json, id: string): unknown => (workflow[id] as { type?: unknown } | undefined)?.type;

export function graphRules(c: Checker, input: GraphInput): void {
  const { workflow, facts } = input;
  const ids = Object.keys(workflow);
  const outgoing = new Map<string, StepEdge[]>(ids.map((id) => [id, []]));
  for (const e of facts.edges) {
    if (workflow[e.to] === undefined) c.report(e.path, 'unresolved-reference', `${e.to} is not a step of this workflow`);
    else outgoing.get(e.from)?.push(e);
  }

  const starts = ids.filter((id) => typeOf(workflow, id) === 'start');
  if (starts.length === 0) c.report('/workflow', 'start', 'the workflow has no start step');
  for (const extra of starts.slice(1)) c.report(pointer('/workflow', extra), 'start', 'a workflow has exactly one start step');
  const start = typeof input.start === 'string' ? input.start : undefined;
  if (start !== undefined) {
    if (workflow[start] === undefined) c.report('/workflow_start', 'unresolved-reference', `${start} is not a step of this workflow`);
    else if (typeOf(workflow, start) !== 'start') c.report('/workflow_start', 'start', `${start} is not a start step`);
  }
  const exception = typeof input.exception === 'string' ? input.exception : undefined;
  if (exception !== undefined && workflow[exception] === undefined) c.report('/workflow_exception', 'unresolved-reference', `${exception} is not a step of this workflow`);

  // Steps that lead nowhere: every step but an end continues somewhere.
  const leaving = new Set(facts.edges.map((e) => e.from));
  for (const id of ids) {
    const type = typeOf(workflow, id);
    if (typeof type !== 'string' || type === 'end') continue;
    if (!leaving.has(id)) c.report(pointer('/workflow', id), 'dead-end', `a ${type} step needs a next step (on_completion, on_success, on_true, next_steps or cases)`);
  }

  const roots = [start, exception].filter((id): id is string => id !== undefined && workflow[id] !== undefined);
  const reached = reach(roots, outgoing);
  if (start !== undefined && workflow[start] !== undefined && ![...reach([start], outgoing)].some((id) => typeOf(workflow, id) === 'end')) {
    c.report('/workflow_start', 'no-end', 'no end step can be reached from the start');
  }
  if (roots.length > 0) for (const id of ids) if (!reached.has(id)) c.report(pointer('/workflow', id), 'orphan-step', 'no path from workflow_start or workflow_exception leads to this step');

  loops(c, workflow, ids, outgoing);
  variablesBeforeUse(c, input, outgoing, reached);
}

function reach(roots: readonly string[], outgoing: ReadonlyMap<string, readonly StepEdge[]>): Set<string> {
  const seen = new Set<string>(roots);
  const stack = [...roots];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const e of outgoing.get(id) ?? []) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      stack.push(e.to);
    }
  }
  return seen;
}

// A loop is legal only through a while-condition: with while-conditions taken out the graph has
// no cycle. Each edge that closes a cycle is reported where it is written.
function loops(c: Checker, workflow: Json, ids: readonly string[], outgoing: ReadonlyMap<string, readonly StepEdge[]>): void {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (root: string): void => {
    // Iterative depth-first search: deep workflows must not exhaust the stack.
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; next: number };
      const edges = outgoing.get(frame.id) ?? [];
      if (frame.next >= edges.length) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      const e = edges[frame.next++] as StepEdge;
      if (typeOf(workflow, e.to) === 'while-condition') continue;
      const s = state.get(e.to);
      if (s === 'open') c.report(e.path, 'cycle', `this reference closes a loop that does not pass through a while-condition`);
      else if (s === undefined) {
        state.set(e.to, 'open');
        stack.push({ id: e.to, next: 0 });
      }
    }
  };
  for (const id of ids) if (typeOf(workflow, id) !== 'while-condition' && !state.has(id)) visit(id);
}

const VARIABLE_USE = /__[a-zA-Z_][a-zA-Z0-9_-]{0,199}__/g;

// A variable is known to a step when the playbook declares it, the step itself does, or a step
// that runs before it (one that can reach it) does.
function variablesBeforeUse(c: Checker, input: GraphInput, outgoing: ReadonlyMap<string, readonly StepEdge[]>, reached: ReadonlySet<string>): void {
  if (input.facts.uses.length === 0) return;
  const incoming = new Map<string, string[]>();
  for (const [from, edges] of outgoing) for (const e of edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), from]);
  const known = new Map<string, Set<string>>();
  const knownTo = (step: string): Set<string> => {
    const cached = known.get(step);
    if (cached !== undefined) return cached;
    const names = new Set(input.playbookVariables);
    const before = new Set<string>([step]);
    const stack = [step];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      for (const name of input.facts.declared.get(id) ?? []) names.add(name);
      for (const from of incoming.get(id) ?? []) {
        if (before.has(from)) continue;
        before.add(from);
        stack.push(from);
      }
    }
    known.set(step, names);
    return names;
  };
  for (const use of input.facts.uses) {
    if (!reached.has(use.step) && reached.size > 0) continue; // orphans are reported already
    const names = knownTo(use.step);
    for (const match of use.text.matchAll(VARIABLE_USE)) {
      if (!names.has(match[0])) c.report(use.path, 'undeclared-variable', `${match[0]} is not declared in playbook_variables or by this step or one before it`);
    }
  }
}
