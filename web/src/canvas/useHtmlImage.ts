import { useEffect, useState } from 'react';

/** Loads an image element for Konva; null until it has decoded (or when the url is null). */
export function useHtmlImage(url: string | null | undefined): {
  image: HTMLImageElement | null;
  failed: boolean;
} {
  const [state, setState] = useState<{ url: string; image: HTMLImageElement | null; failed: boolean } | null>(
    null,
  );
  useEffect(() => {
    if (!url) return;
    let alive = true;
    const img = new Image();
    img.decoding = 'async';
    img.onload = () => alive && setState({ url, image: img, failed: false });
    img.onerror = () => alive && setState({ url, image: null, failed: true });
    img.src = url;
    return () => {
      alive = false;
    };
  }, [url]);
  return state && state.url === url ? state : { image: null, failed: false };
}
