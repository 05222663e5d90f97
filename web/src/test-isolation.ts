import { vi } from 'vitest';

// The web project shares one jsdom per worker instead of building one per file (isolate: false in
// vite.config.ts: jsdom set-up was most of the project's time). Each file still starts from fresh
// modules (so `vi.mock` applies and no store leaks between files) and from empty storage and DOM.
vi.resetModules();
localStorage.clear();
sessionStorage.clear();
document.head.replaceChildren();
document.body.replaceChildren();
