// The Firefly and fal emulators in a process of their own, so a bench's RSS is the server's alone (the
// emulators keep every upload, result and request they saw: they grow by design).
// Prints one JSON line: {firefly: {apiBaseUrl, imsUrl, host}, fal: {url, key}}.
import { startFalEmulator } from '../../test/emulators/fal.ts';
import { startFireflyEmulator } from '../../test/emulators/firefly.ts';

const fal = await startFalEmulator();
fal.script({ queuePolls: 2, progressPolls: 2 });
const firefly = await startFireflyEmulator({
  clientId: 'bench',
  clientSecret: 'bench-secret',
  fillMethod: 'diffusion',
});
console.log(
  JSON.stringify({
    firefly: { apiBaseUrl: firefly.apiBaseUrl, imsUrl: firefly.imsUrl, host: firefly.host },
    fal: { url: fal.url, key: fal.key },
  }),
);
const stop = () => void Promise.all([fal.close(), firefly.close()]).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
