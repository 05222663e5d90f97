import { useMutation } from '@tanstack/react-query';
import { useEditor } from '../../canvas/EditorContext.tsx';
import { ApiError } from '../../lib/api/ApiError.ts';
import { api } from '../../lib/api/client.ts';
import { usePromptStore } from '../prompt/PromptContext.tsx';
import { maskFromRgba, type Sample } from './samples.ts';

async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new ApiError(res.status, 'sample_missing', `The sample file ${url} is missing.`);
  return res.blob();
}

async function decodeMask(blob: Blob, width: number, height: number): Promise<Uint8Array<ArrayBuffer>> {
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return maskFromRgba(ctx.getImageData(0, 0, width, height).data, width, height);
}

/** Opens a sample: uploads the photo, loads its mask as one undoable step, sets the prompt and the local engine. */
export function useLoadSample() {
  const editor = useEditor();
  const prompt = usePromptStore();
  return useMutation({
    mutationFn: async (sample: Sample) => {
      const [photo, mask] = await Promise.all([fetchBlob(sample.photo), fetchBlob(sample.mask)]);
      const info = await api.uploadImage(photo);
      const data = await decodeMask(mask, info.width, info.height);
      return { sample, info, data };
    },
    onSuccess: ({ sample, info, data }) => {
      editor.loadImage({ id: info.id, width: info.width, height: info.height, url: info.url }, [
        { type: 'bitmap', width: info.width, height: info.height, data },
      ]);
      prompt.setState({ prompt: sample.prompt, provider: 'local' });
    },
  });
}
