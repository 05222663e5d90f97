import { Editor } from './Editor.ts';
import { countFilled } from './exportMask.ts';
import type { EditorState } from './store.ts';

/**
 * A headless editor for tests: drives pointer gestures in image coordinates at viewport scale 1,
 * so screen and image coordinates coincide.
 */
export class TestEditor extends Editor {
  constructor(width = 10, height = 10, init?: Partial<EditorState>) {
    super({ image: { id: 'a'.repeat(64), width, height, url: '/api/images/test' }, ...init });
  }

  down(x: number, y: number, opts?: { middle?: boolean }): this {
    this.pointerDown({ x, y, sx: x, sy: y }, opts);
    return this;
  }

  move(x: number, y: number): this {
    this.pointerMove({ x, y, sx: x, sy: y });
    return this;
  }

  up(x: number, y: number): this {
    this.pointerUp({ x, y, sx: x, sy: y });
    return this;
  }

  /** A whole stroke through the given points. */
  drag(...points: [number, number][]): this {
    const [first, ...rest] = points;
    if (!first) return this;
    this.down(...first);
    for (const p of rest.slice(0, -1)) this.move(...p);
    const last = rest.at(-1) ?? first;
    return this.up(...last);
  }

  brush(size: number, hardness = 1): this {
    this.store.setState({ brushSize: size, hardness });
    return this;
  }

  /** Pixels at or above half coverage. */
  get filled(): number {
    return this.mask ? countFilled(this.mask) : 0;
  }
}
