import type Konva from 'konva';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type DragEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
// Konva core plus the three shapes used (not all of Konva): about 20 kB gzip less on first load.
import 'konva/lib/shapes/Circle';
import 'konva/lib/shapes/Image';
import 'konva/lib/shapes/Line';
import 'konva/lib/shapes/Rect';
import { Circle, Group, Image as KonvaImage, Layer, Line, Rect, Stage } from 'react-konva/lib/ReactKonvaCore';
import { pinchStep, type Point } from '../editor/pinch.ts';
import type { ToolPointer } from '../editor/tools/Tool.ts';
import { screenToImage } from '../editor/viewport.ts';
import { useEditor, useEditorState } from './EditorContext.tsx';
import { useCanvasKeys } from './useCanvasKeys.ts';
import { useHtmlImage } from './useHtmlImage.ts';
import { useMaskCanvas } from './useMaskCanvas.ts';
import { wheelZoomFactor } from './wheelZoom.ts';

/**
 * The stage: source image, mask overlay and brush cursor. Pointer input goes straight to the editor in
 * image coordinates; the view transform and cursor are applied to Konva nodes imperatively.
 */
export function EditorCanvas({
  onFiles,
  children,
}: {
  onFiles: (files: File[]) => void;
  children?: React.ReactNode;
}) {
  const editor = useEditor();
  const image = useEditorState((s) => s.image);
  const preview = useEditorState((s) => s.preview);
  const viewSize = useEditorState((s) => s.viewSize);
  const cursorMode = useEditorState((s) =>
    s.preview || s.spacePan || s.tool === 'pan'
      ? 'pan'
      : s.tool === 'brush' || s.tool === 'eraser'
        ? 'paint'
        : 'shape',
  );
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const groupRef = useRef<Konva.Group>(null);
  const maskGroupRef = useRef<Konva.Group>(null);
  const maskLayerRef = useRef<Konva.Layer>(null);
  const imageLayerRef = useRef<Konva.Layer>(null);
  const cursorRef = useRef<Konva.Group>(null);
  const shapeRef = useRef<Konva.Group>(null);
  const maskImageRef = useRef<Konva.Image>(null);
  /** Active touch points by pointer id; two or more make a pinch instead of a stroke. */
  const touches = useRef(new Map<number, Point>());
  const pinching = useRef(false);
  const rectRef = useRef<DOMRect | null>(null);
  const [dragging, setDragging] = useState(false);
  const [panning, setPanning] = useState(false);

  const source = useHtmlImage(image?.url);
  const result = useHtmlImage(preview?.url);
  // Painting redraws only the mask layer; the (possibly huge) source image layer stays as drawn.
  const redraw = useCallback(() => maskLayerRef.current?.batchDraw(), []);
  const maskCanvas = useMaskCanvas(editor, image, redraw);
  useCanvasKeys(editor);

  // Track the container size.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry)
        editor.setViewSize(Math.round(entry.contentRect.width), Math.round(entry.contentRect.height));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [editor]);

  // Fit when a new image arrives (or the view first gets a size).
  const hasView = viewSize.width > 0;
  /** The viewport of the last automatic fit: while it is untouched, a resized view fits again. */
  const fitted = useRef<unknown>(null);
  useEffect(() => {
    if (!image || !hasView) return;
    const restore = editor.state.pendingView;
    if (restore) {
      // A tab switch or restored draft brings back its own zoom and pan.
      editor.store.setState({ viewport: restore, pendingView: null });
      fitted.current = null;
      return;
    }
    editor.fit();
    fitted.current = editor.state.viewport;
  }, [editor, image, hasView]);
  useEffect(() => {
    if (!image || fitted.current !== editor.state.viewport) return;
    editor.fit(viewSize.width, viewSize.height);
    fitted.current = editor.state.viewport;
  }, [editor, image, viewSize]);

  // Apply the viewport and brush footprint to Konva without React renders.
  useEffect(() => {
    const apply = () => {
      const { viewport, brushSize, tool } = editor.state;
      const t = { x: viewport.x, y: viewport.y, scaleX: viewport.scale, scaleY: viewport.scale };
      groupRef.current?.setAttrs(t);
      // Zoomed in, show real pixels (as image editors do) so the mask can be placed exactly.
      imageLayerRef.current?.imageSmoothingEnabled(viewport.scale < 2);
      maskGroupRef.current?.setAttrs(t);
      shapeRef.current?.setAttrs(t);
      const r = Math.max(1, (brushSize / 2) * viewport.scale);
      // The eraser's footprint is dashed so the two tools are told apart at a glance.
      (cursorRef.current?.getChildren()[1] as Konva.Circle | undefined)?.dash(
        tool === 'eraser' ? [4, 3] : [],
      );
      cursorRef.current
        ?.getChildren()
        .forEach((c, i) => (c as Konva.Circle).radius(r + (i === 0 ? 0.75 : 0)));
      stageRef.current?.batchDraw();
    };
    const applyMaskView = () => {
      const { overlayColor, maskVisible } = editor.state;
      maskImageRef.current?.opacity(overlayColor.a).visible(maskVisible);
      maskLayerRef.current?.batchDraw();
    };
    const applyShape = () => {
      const shape = editor.state.shape;
      const g = shapeRef.current;
      if (!g) return;
      g.visible(shape !== null);
      for (const line of g.getChildren() as Konva.Line[]) {
        line.points(shape?.points ?? []);
        line.closed(shape?.closed ?? false);
      }
      (g.getChildren()[1] as Konva.Line | undefined)?.stroke(
        shape?.mode === 'erase' ? 'rgba(120,200,255,1)' : 'rgba(255,255,255,1)',
      );
      g.getLayer()?.batchDraw();
    };
    apply();
    applyMaskView();
    applyShape();
    return editor.store.subscribe((s, prev) => {
      if (s.viewport !== prev.viewport || s.brushSize !== prev.brushSize || s.tool !== prev.tool) apply();
      if (s.overlayColor !== prev.overlayColor || s.maskVisible !== prev.maskVisible) applyMaskView();
      if (s.shape !== prev.shape) applyShape();
    });
  }, [editor, maskCanvas, source.image]);

  const toPointer = (e: {
    clientX: number;
    clientY: number;
    altKey?: boolean;
    pointerType?: string;
    pressure?: number;
  }): ToolPointer => {
    const rect = rectRef.current ?? containerRef.current!.getBoundingClientRect();
    const sx = e.clientX - rect.left;
    const sy = e.clientY - rect.top;
    const p = screenToImage(editor.state.viewport, sx, sy);
    const out: ToolPointer = { x: p.x, y: p.y, sx, sy, alt: e.altKey === true };
    // Only pens report a meaningful pressure (mice report 0.5 while pressed, most touch screens 0 or 1).
    if (e.pointerType === 'pen' && e.pressure !== undefined) out.pressure = e.pressure;
    return out;
  };

  /** Touch: one finger paints; a second finger turns the gesture into pinch-zoom and two-finger pan. */
  const onTouch = (e: ReactPointerEvent<HTMLDivElement>, phase: 'down' | 'move' | 'up'): boolean => {
    if (e.pointerType !== 'touch') return false;
    const map = touches.current;
    const rect = containerRef.current!.getBoundingClientRect();
    const pt = { x: e.clientX - rect.left, y: e.clientY - rect.top };
    const before = [...map.values()];
    if (phase === 'up') map.delete(e.pointerId);
    else if (phase === 'down' || map.has(e.pointerId)) map.set(e.pointerId, pt);
    if (phase === 'down' && map.size === 2) {
      // The first finger's stroke was the start of a pinch, not a stroke.
      editor.cancel();
      pinching.current = true;
    }
    if (!pinching.current) return false;
    const after = [...map.values()];
    if (phase === 'move' && before.length >= 2 && after.length >= 2) {
      const s = pinchStep([before[0]!, before[1]!], [after[0]!, after[1]!]);
      editor.panBy(s.dx, s.dy);
      editor.zoomAt(s.factor, s.cx, s.cy);
    }
    if (map.size === 0) pinching.current = false;
    return true;
  };

  const moveCursor = (p: ToolPointer | null) => {
    const c = cursorRef.current;
    if (!c) return;
    c.visible(p !== null && cursorMode === 'paint' && !pinching.current);
    if (p) c.position({ x: p.sx, y: p.sy });
    c.getLayer()?.batchDraw();
  };

  // Space or a tool change can turn the brush into the hand while the pointer rests on the canvas.
  useEffect(() => {
    if (cursorMode === 'pan') {
      cursorRef.current?.visible(false);
      cursorRef.current?.getLayer()?.batchDraw();
    }
  }, [cursorMode]);

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!image || (e.button !== 0 && e.button !== 1)) return;
    e.preventDefault();
    containerRef.current?.focus({ preventScroll: true });
    e.currentTarget.setPointerCapture(e.pointerId);
    if (onTouch(e, 'down')) return;
    rectRef.current = e.currentTarget.getBoundingClientRect();
    editor.pointerDown(toPointer(e), { middle: e.button === 1 });
    if (editor.activeTool.id === 'pan') setPanning(true);
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (onTouch(e, 'move')) return;
    const p = toPointer(e);
    moveCursor(e.pointerType === 'touch' ? null : p);
    if (!editor.gestureActive) return;
    // Coalesced events keep fast strokes smooth when the browser batches moves per frame.
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    if (events.length > 1) for (const ce of events) editor.pointerMove(toPointer(ce));
    else editor.pointerMove(p);
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (onTouch(e, 'up')) return;
    editor.pointerUp(toPointer(e));
    rectRef.current = null;
    setPanning(false);
  };

  // Wheel zoom needs a non-passive listener to stop the page from scrolling.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!editor.state.image) return;
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      editor.zoomAt(wheelZoomFactor(e), e.clientX - rect.left, e.clientY - rect.top);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [editor]);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files].filter((f) => f.type.startsWith('image/') || f.type === '');
    if (files.length) onFiles(files);
  };

  const shown = preview && result.image ? { el: result.image, w: preview.width, h: preview.height } : null;
  const cursorCss = !image
    ? 'default'
    : cursorMode === 'pan'
      ? panning
        ? 'grabbing'
        : 'grab'
      : cursorMode === 'shape'
        ? 'crosshair'
        : 'none';

  return (
    <div
      ref={containerRef}
      data-testid="editor-canvas"
      tabIndex={-1}
      className="relative h-full w-full touch-none overflow-hidden outline-none select-none"
      style={{ cursor: cursorCss }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={(e) => {
        touches.current.delete(e.pointerId);
        if (touches.current.size === 0) pinching.current = false;
        editor.cancel();
      }}
      onPointerLeave={() => moveCursor(null)}
      onContextMenu={(e) => e.preventDefault()}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {viewSize.width > 0 ? (
        <Stage ref={stageRef} width={viewSize.width} height={viewSize.height} listening={false}>
          <Layer ref={imageLayerRef} listening={false}>
            <Group ref={groupRef}>
              {image ? (
                <Rect
                  width={shown?.w ?? image.width}
                  height={shown?.h ?? image.height}
                  fill="#0a0a0a"
                  shadowColor="black"
                  shadowBlur={24}
                  shadowOpacity={0.6}
                />
              ) : null}
              {shown ? (
                <KonvaImage image={shown.el} width={shown.w} height={shown.h} />
              ) : source.image && image ? (
                <KonvaImage image={source.image} width={image.width} height={image.height} />
              ) : null}
            </Group>
          </Layer>
          <Layer ref={maskLayerRef} listening={false} imageSmoothingEnabled={false}>
            <Group ref={maskGroupRef}>
              {maskCanvas && image && !shown ? (
                <KonvaImage ref={maskImageRef} image={maskCanvas} width={image.width} height={image.height} />
              ) : null}
            </Group>
          </Layer>
          <Layer listening={false}>
            {/* The shape outline in progress: a dark line under a dashed light one, readable on any image. */}
            <Group ref={shapeRef} visible={false}>
              <Line stroke="rgba(0,0,0,0.8)" strokeWidth={1} strokeScaleEnabled={false} />
              <Line stroke="white" strokeWidth={1} dash={[5, 4]} strokeScaleEnabled={false} />
            </Group>
          </Layer>
          <Layer listening={false}>
            <Group ref={cursorRef} visible={false}>
              <Circle stroke="rgba(0,0,0,0.7)" strokeWidth={1} radius={1} />
              <Circle stroke="rgba(255,255,255,0.95)" strokeWidth={1} radius={1} />
            </Group>
          </Layer>
        </Stage>
      ) : null}
      {image && source.failed && !shown ? (
        <p className="absolute inset-x-0 top-6 text-center text-sm text-red-300">
          The image could not be loaded.
        </p>
      ) : null}
      {dragging ? (
        <div className="pointer-events-none absolute inset-3 rounded-xl border-2 border-dashed border-pink-400/80 bg-pink-500/10" />
      ) : null}
      {children}
    </div>
  );
}
