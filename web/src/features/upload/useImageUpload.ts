import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useEditor } from '../../canvas/EditorContext.tsx';
import { ApiError } from '../../lib/api/ApiError.ts';
import { api } from '../../lib/api/client.ts';

const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp'];
export const ACCEPT_ATTR = ACCEPTED.join(',');

/** Uploads a picked, dropped or pasted image and opens it in the editor (a new tab, a fresh mask). */
export function useImageUpload() {
  const editor = useEditor();
  const mutation = useMutation({
    mutationFn: async (file: Blob) => {
      if (file.type && !ACCEPTED.includes(file.type)) {
        throw new ApiError(
          415,
          'unsupported_media_type',
          `${file.type} is not supported: use a PNG, JPEG or WebP image.`,
        );
      }
      return api.uploadImage(file);
    },
    // The workspace opens it in a new tab, named after the file.
    onSuccess: (info, file) =>
      editor.loadImage({
        id: info.id,
        width: info.width,
        height: info.height,
        url: info.url,
        ...(file instanceof File && file.name ? { name: file.name } : {}),
      }),
  });
  const upload = mutation.mutate;

  // Paste an image from the clipboard anywhere except into a text field.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const t = e.target;
      if (t instanceof HTMLElement && /^(INPUT|TEXTAREA)$/.test(t.tagName)) return;
      const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
      if (!file) return;
      e.preventDefault();
      upload(file);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [upload]);

  return mutation;
}
