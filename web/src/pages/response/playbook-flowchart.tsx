import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import { useState } from 'react';
import type { Playbook } from '../../api/playbooks';
import { GraphFrame } from '../../components/graph-frame';
import { edgeLabelStyle, kindNodeStyle, useCytoscape } from '../../lib/use-cytoscape';
import { flowOf, isManual, stepColours } from './playbook-graph';

const style: StylesheetJson = [
  { selector: 'node', style: { ...kindNodeStyle, shape: 'round-rectangle', width: 18, height: 18, 'font-size': 11, 'text-max-width': '180px' } },
  { selector: 'node.manual', style: { 'border-color': '#b91c1c', 'border-width': 3 } },
  { selector: 'node.start, node.end', style: { shape: 'ellipse' } },
  { selector: 'node.condition', style: { shape: 'diamond', width: 22, height: 22 } },
  { selector: 'edge', style: { ...edgeLabelStyle, width: 1.3, 'line-color': '#94a3b8', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#94a3b8', color: '#334155' } },
  { selector: 'edge.failure', style: { 'line-color': '#dc2626', 'target-arrow-color': '#dc2626', 'line-style': 'dashed' } },
];

function elementsOf(playbook: Playbook): ElementDefinition[] {
  const { nodes, edges } = flowOf(playbook);
  return [
    ...nodes.map((n) => {
      const step = playbook.workflow[n.id];
      const classes = [n.type === 'start' || n.type === 'end' ? n.type : '', n.type.endsWith('-condition') ? 'condition' : '', step !== undefined && isManual(step) ? 'manual' : ''].join(' ').trim();
      return { data: { id: n.id, label: n.label, colour: stepColours[n.type] }, classes };
    }),
    ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, label: e.label }, classes: e.label })),
  ];
}

/** The workflow read-only, top to bottom from the start; manual (approval) steps are ringed in red. */
export function PlaybookFlowchart({ playbook, onSelect }: { readonly playbook: Playbook; readonly onSelect: (stepId: string) => void }) {
  const [hovered, setHovered] = useState<string | null>(null);
  const container = useCytoscape(
    () => ({
      elements: elementsOf(playbook),
      style,
      layout: { name: 'breadthfirst', directed: true, roots: [playbook.workflow_start], spacingFactor: 1.1, padding: 20, animate: false, nodeDimensionsIncludeLabels: true },
      maxFitZoom: 1.4,
    }),
    [playbook],
    { onTapNode: onSelect, onHover: (t) => setHovered(t?.kind === 'node' ? t.id : null) },
  );
  const step = hovered === null ? undefined : playbook.workflow[hovered];
  return (
    <GraphFrame canvasRef={container} height={520} testId="playbook-flowchart" label={`Flowchart of ${playbook.name}: ${Object.keys(playbook.workflow).length} steps`}>
      {step === undefined ? null : <span>{step.name ?? step.type} ({step.type})</span>}
    </GraphFrame>
  );
}
