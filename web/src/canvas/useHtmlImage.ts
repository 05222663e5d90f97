import { useEffect, useState } from 'react';

/** Recently decoded images by url, so going back to one (a workspace tab) shows it at once. */
const recent = new Map<string, HTMLImageElement>();
const KEEP_RECENT = 4;

function remember(url: string, img: HTMLImageElement): void {
  recent.delete(url);
  recent.set(url, img);
  for (const old of recent.keys()) {
    if (recent.size <= KEEP_RECENT) break;
    recent.delete(old);
  }
}

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
    const known = recent.get(url);
    if (known) {
      remember(url, known);
      setState({ url, image: known, failed: false });
      return;
    }
    let alive = true;
    const img = new Image();
    img.decoding = 'async';
    img.onload = () => {
      remember(url, img);
      if (alive) setState({ url, image: img, failed: false });
    };
    img.onerror = () => alive && setState({ url, image: null, failed: true });
    img.src = url;
    return () => {
      alive = false;
    };
  }, [url]);
  if (state && state.url === url) return state;
  const known = url ? recent.get(url) : undefined;
  return { image: known ?? null, failed: false };
}
