import type { Core } from 'cytoscape';

/** Labels stay readable: at least this many screen pixels at the zoom the layout fits the picture to. */
export const MIN_LABEL_PX = 11;

/**
 * After the layout has fitted the picture: fonts grow so that labels are drawn at least MIN_LABEL_PX
 * on screen (a fitted large graph is zoomed out), and a picture that fits is not blown up.
 */
export function readableLabels(cy: Core, maxFitZoom: number): void {
  if (cy.zoom() > maxFitZoom) {
    cy.zoom(maxFitZoom);
    cy.center();
  }
  const zoom = cy.zoom();
  cy.batch(() => {
    for (const element of cy.elements()) {
      const size = Number.parseFloat(String(element.style('font-size')));
      if (Number.isFinite(size) && size * zoom < MIN_LABEL_PX) element.style('font-size', MIN_LABEL_PX / zoom);
    }
  });
}

