import type { Job } from '@maskfill/server/contract';
import { useCallback } from 'react';
import { useEditor } from '../../canvas/EditorContext.tsx';
import { resetResultView, resultLabel, resultUrl, useResultStore, type ResultView } from './resultStore.ts';

/** Shows a result on the canvas (in place of the source, same zoom) in a view, or hides it. */
export function useResultSelection() {
  const editor = useEditor();
  const show = useCallback(
    (job: Job, index: number, view: ResultView = useResultStore.getState().view) => {
      const out = job.outputs[index];
      if (!out) return;
      const image = editor.state.image;
      // Drawn over the source's area, so a result of another size lines up with it.
      const sameAspect = image && Math.abs(image.width / image.height - out.width / out.height) < 0.01;
      editor.setPreview({
        url: resultUrl(out, view),
        width: sameAspect ? image.width : out.width,
        height: sameAspect ? image.height : out.height,
        label: resultLabel(index, out),
      });
      useResultStore.setState({ selected: { job, index }, view });
    },
    [editor],
  );
  const hide = useCallback(() => {
    editor.setPreview(null);
    resetResultView();
  }, [editor]);
  return { show, hide };
}
