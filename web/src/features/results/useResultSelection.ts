import type { Job } from '@maskfill/server/contract';
import { useCallback } from 'react';
import { useEditor } from '../../canvas/EditorContext.tsx';
import type { Editor } from '../../editor/Editor.ts';
import { openJobSource } from './openJobSource.ts';
import { resetResultView, resultLabel, resultUrl, useResultStore, type ResultView } from './resultStore.ts';

/** Draws a result over the open image (same zoom) in a view, and marks it selected. */
function showOver(editor: Editor, job: Job, index: number, view: ResultView): void {
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
}

/** Shows a result on the canvas (in place of the source, same zoom) in a view, or hides it. */
export function useResultSelection() {
  const editor = useEditor();
  const show = useCallback(
    (job: Job, index: number, view: ResultView = useResultStore.getState().view) => {
      if (!job.outputs[index]) return;
      if (editor.state.image) return showOver(editor, job, index, view);
      // Nothing open (a fresh session, every tab closed): open the job's source, then show the result.
      useResultStore.setState({ selected: { job, index }, view });
      void openJobSource(editor, job).then(() => {
        const still = useResultStore.getState().selected;
        if (still?.job.id === job.id && still.index === index) showOver(editor, job, index, view);
      });
    },
    [editor],
  );
  const hide = useCallback(() => {
    editor.setPreview(null);
    resetResultView();
  }, [editor]);
  return { show, hide };
}
