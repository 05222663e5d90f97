import type { ProviderInfo, Size } from '@maskfill/server/contract';
import { useMemo } from 'react';
import { useEditor, useEditorState } from '../../canvas/EditorContext.tsx';
import { maskStats } from './maskStats.ts';
import { preflight, type Preflight } from './preflight.ts';

/**
 * The preflight of the current image, mask and choice of provider and output size (null until there
 * is an image and a provider). The mask is counted once per committed change, not per pointer move:
 * the editor's raster is already in step with `ops` when the store tells React.
 */
export function usePreflight(provider: ProviderInfo | undefined, output: Size | null): Preflight | null {
  const editor = useEditor();
  const image = useEditorState((s) => s.image);
  const ops = useEditorState((s) => s.ops);
  const stats = useMemo(() => {
    void ops; // recount when the committed mask changes
    const mask = image ? editor.mask : null;
    return mask ? maskStats(mask) : null;
  }, [editor, image, ops]);
  return useMemo(
    () =>
      provider && image && stats
        ? preflight({ provider, image: { width: image.width, height: image.height }, output, mask: stats })
        : null,
    [provider, image, output, stats],
  );
}
