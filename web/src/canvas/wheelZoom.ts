/** Zoom per screen pixel of wheel travel (exponential, so equal turns give equal ratios). */
const ZOOM_SPEED = 0.0015;
/** Chrome reports a trackpad pinch as a wheel with Ctrl held; its deltas are small, so it zooms faster. */
const PINCH_BOOST = 4;
/** Line-mode wheels (Firefox with a mouse) report lines, not pixels. */
const LINE_PX = 16;

/** The zoom factor for one wheel event: the canvas and the minimap step alike. */
export function wheelZoomFactor(e: Pick<WheelEvent, 'deltaY' | 'deltaMode' | 'ctrlKey'>): number {
  const delta = e.deltaMode === 1 ? e.deltaY * LINE_PX : e.deltaY;
  return Math.exp(-delta * ZOOM_SPEED * (e.ctrlKey ? PINCH_BOOST : 1));
}
