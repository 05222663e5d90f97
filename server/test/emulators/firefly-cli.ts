// Runs the Firefly emulator on its own (e2e, manual QA): `tsx server/test/emulators/firefly-cli.ts`.
// Env: FIREFLY_EMULATOR_PORT (0 = any), FIREFLY_SERVICES_CLIENT_ID / _SECRET (the credentials it accepts).
// Prints one JSON line {apiBaseUrl, imsUrl}; faults are injected over HTTP at /__emulator/*.
import { startFireflyEmulator } from './firefly.ts';

const running = await startFireflyEmulator(
  {
    clientId: process.env.FIREFLY_SERVICES_CLIENT_ID || 'emulator-client-id',
    clientSecret: process.env.FIREFLY_SERVICES_CLIENT_SECRET || 'emulator-client-secret',
  },
  Number(process.env.FIREFLY_EMULATOR_PORT ?? 0),
);
console.log(JSON.stringify({ apiBaseUrl: running.apiBaseUrl, imsUrl: running.imsUrl }));
const stop = () => void running.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
