import type { ProviderInfo } from '@maskfill/server/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEditor } from '../../canvas/EditorContext.tsx';
import { ApiError } from '../../lib/api/ApiError.ts';
import { api } from '../../lib/api/client.ts';
import { addJob } from '../queries.ts';
import { buildFillRequest } from './buildFillRequest.ts';
import { usePromptStore } from './PromptContext.tsx';

/**
 * Generate: export the mask PNG exactly as drawn, upload it, then submit the fill.
 * Nothing in the editor or the draft changes on failure, so the user can fix and retry.
 */
export function useGenerate() {
  const editor = useEditor();
  const prompt = usePromptStore();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (provider: ProviderInfo) => {
      const image = editor.state.image;
      const mask = await editor.exportMaskPng();
      if (!image || !mask) throw new ApiError(0, 'no_image', 'Upload an image first.');
      const maskInfo = await api.uploadImage(mask);
      const req = buildFillRequest(
        prompt.getState(),
        provider,
        { imageId: image.id, maskId: maskInfo.id },
        image,
      );
      return api.createFill(req);
    },
    onSuccess: (job) => addJob(qc, job),
  });
}
