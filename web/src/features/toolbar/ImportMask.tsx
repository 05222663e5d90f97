import { useRef, useState } from 'react';
import { useEditor } from '../../canvas/EditorContext.tsx';
import { decodeMaskFile } from './decodeMask.ts';

/** "Import mask": any PNG/JPEG/WebP, either polarity (with "Invert on import"), scaled to the image. */
export function ImportMask() {
  const editor = useEditor();
  const input = useRef<HTMLInputElement>(null);
  const [invert, setInvert] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    const img = editor.state.image;
    if (!file || !img) return;
    try {
      const { data, warning } = await decodeMaskFile(file, img.width, img.height, invert);
      editor.importMask(data);
      setMessage(warning);
    } catch {
      setMessage(`${file.name} could not be read as an image.`);
    }
  };

  return (
    <div className="relative flex items-center gap-2">
      <button
        type="button"
        onClick={() => input.current?.click()}
        title="Replace the mask with an image (white or opaque = fill); scaled to the image"
        className="rounded-md border border-neutral-700 px-2 py-1 text-neutral-300 transition hover:border-neutral-500 hover:text-neutral-100"
      >
        Import mask
      </button>
      <label className="flex items-center gap-1" title="Black = fill instead of white">
        <input
          type="checkbox"
          checked={invert}
          onChange={(e) => setInvert(e.target.checked)}
          className="accent-pink-500"
        />
        Invert on import
      </label>
      <input
        ref={input}
        type="file"
        aria-label="Mask file"
        accept="image/png,image/jpeg,image/webp"
        className="hidden"
        onChange={(e) => {
          void onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      {message ? (
        <p
          role="status"
          className="absolute top-9 right-0 z-20 w-72 rounded-md border border-amber-700/60 bg-neutral-900 px-3 py-2 text-amber-200 shadow-lg"
        >
          {message}{' '}
          <button type="button" className="underline" onClick={() => setMessage(null)}>
            OK
          </button>
        </p>
      ) : null}
    </div>
  );
}
