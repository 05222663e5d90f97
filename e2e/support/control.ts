// The stack's control port (test equipment, see stack.ts): restart the server, reach the emulators.
const appPort = Number(process.env.E2E_PORT ?? 8790);
const controlUrl = `http://127.0.0.1:${process.env.E2E_CONTROL_PORT ?? appPort + 20000}`;

/** Stops the server (SIGTERM, as an operator would) and starts it again on the same DATA_DIR and port. */
export async function restartServer(): Promise<number> {
  const res = await fetch(`${controlUrl}/restart`, { method: 'POST' });
  if (!res.ok) throw new Error(`restart failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ms: number }).ms;
}

export async function emulators(): Promise<{ fireflyApiBaseUrl: string; falUrl: string }> {
  const res = await fetch(`${controlUrl}/emulators`);
  if (!res.ok) throw new Error(`emulators: ${res.status}`);
  return (await res.json()) as { fireflyApiBaseUrl: string; falUrl: string };
}

/** Queues a fault on the fal emulator (see server/test/emulators/fal.ts `FalFault`). */
export async function falFault(fault: Record<string, unknown>): Promise<void> {
  const { falUrl } = await emulators();
  const res = await fetch(`${falUrl}/_emulator/fault`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!res.ok) throw new Error(`fal fault: ${res.status}`);
}

/** Sets how the fal emulator treats requests submitted from now on (`FalScript`). */
export async function falScript(script: Record<string, unknown>): Promise<void> {
  const { falUrl } = await emulators();
  const res = await fetch(`${falUrl}/_emulator/script`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(script),
  });
  if (!res.ok) throw new Error(`fal script: ${res.status}`);
}
