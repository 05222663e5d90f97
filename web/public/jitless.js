// The page runs under a CSP without 'unsafe-eval' (server/src/security/headers.ts): zod must neither probe
// for nor use `new Function` (a caught probe is still reported as a violation). zod reads its settings from
// this global when its module first runs. A static file of its own (not bundled) and a module script
// before the app's: bundled, it would run after the chunks the entry imports statically, and those
// (zod's, and shared ones that build or parse schemas at load) are what must see it.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
