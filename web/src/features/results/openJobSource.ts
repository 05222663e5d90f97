import type { Job } from '@maskfill/server/contract';
import type { Editor } from '../../editor/Editor.ts';

/** Decodes an image to learn its size (the server stores none beside the bytes). */
export function imageSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => reject(new Error('The job’s source image could not be loaded.'));
    img.src = url;
  });
}

/**
 * With no image open a result has nothing to line up with (no fit, no before/after): opens its job's
 * source first, as a new tab. False when the source is gone; true also when something else opened first.
 */
export async function openJobSource(
  editor: Editor,
  job: Job,
  size: (url: string) => Promise<{ width: number; height: number }> = imageSize,
): Promise<boolean> {
  const id = job.request.imageId;
  const url = `/api/images/${encodeURIComponent(id)}`;
  const dims = await size(url).catch(() => null);
  if (!dims) return false;
  if (!editor.state.image) editor.loadImage({ id, url, ...dims });
  return true;
}
