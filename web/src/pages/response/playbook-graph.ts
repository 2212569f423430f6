// A playbook's workflow as nodes and labelled links for the flowchart (pure: tested without a browser).
import type { Playbook, WorkflowStep } from '../../api/playbooks';

export interface FlowNode {
  readonly id: string;
  readonly label: string;
  readonly type: WorkflowStep['type'];
}

export interface FlowEdge {
  readonly source: string;
  readonly target: string;
  readonly label: string;
}

export const stepColours: Readonly<Record<WorkflowStep['type'], string>> = {
  start: '#15803d',
  end: '#334155',
  action: '#2563eb',
  'playbook-action': '#7c3aed',
  parallel: '#0891b2',
  'if-condition': '#d97706',
  'while-condition': '#c2410c',
  'switch-condition': '#b45309',
};

/** Whether an action asks a person (a manual command): the steps a plant engineer looks for first. */
export const isManual = (step: WorkflowStep): boolean => step.type === 'action' && step.commands.some((c) => c.type === 'manual');

export function flowOf(playbook: Playbook): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const steps = Object.entries(playbook.workflow);
  const nodes = steps.map(([id, s]) => ({ id, type: s.type, label: s.name ?? s.type }));
  const edges: FlowEdge[] = [];
  const link = (source: string, target: string | undefined, label: string) => {
    if (target !== undefined && playbook.workflow[target] !== undefined) edges.push({ source, target, label });
  };
  for (const [id, s] of steps) {
    link(id, s.on_completion, '');
    link(id, s.on_success, 'success');
    link(id, s.on_failure, 'failure');
    if (s.type === 'if-condition') {
      link(id, s.on_true, 'true');
      link(id, s.on_false, 'false');
    }
    if (s.type === 'while-condition') link(id, s.on_true, 'loop');
    if (s.type === 'parallel') s.next_steps.forEach((n) => link(id, n, 'parallel'));
    if (s.type === 'switch-condition') for (const [label, n] of Object.entries(s.cases)) link(id, n, label);
  }
  return { nodes, edges };
}
