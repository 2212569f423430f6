import type { ReactNode, Ref } from 'react';

interface GraphFrameProps {
  /** Where the graph is drawn. */
  readonly canvasRef: Ref<HTMLDivElement>;
  readonly height: number;
  readonly testId: string;
  /** Says what the picture shows, for those who cannot see it. */
  readonly label: string;
  /** The line under the graph: what the pointer is on, or how to use the graph. */
  readonly children: ReactNode;
}

export function GraphFrame({ canvasRef, height, testId, label, children }: GraphFrameProps) {
  return (
    <div className="graph-frame">
      <div ref={canvasRef} className="graph-canvas" style={{ height }} data-testid={testId} role="img" aria-label={label} />
      <div className="graph-hover" aria-live="polite">
        {children}
      </div>
    </div>
  );
}
