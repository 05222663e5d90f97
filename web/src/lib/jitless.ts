import { z } from 'zod';

// The page runs under a CSP without 'unsafe-eval' (server/src/security/headers.ts): zod must neither probe
// for nor use `new Function`. Imported first by main.tsx, before any module builds or parses a schema.
z.config({ jitless: true });
