import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { sameSecret } from '../routes/auth.ts';

/** A session lasts this long after login (the cookie's Max-Age and the signed issue time agree). */
export const SESSION_TTL_S = 30 * 24 * 3600;
const SID_CHARS = 22; // 16 random bytes, base64url
const IAT_CHARS = 7; // issue time, seconds in base 36
const MAC_CHARS = 43; // HMAC-SHA-256, base64url
const BODY_CHARS = SID_CHARS + IAT_CHARS;

/**
 * Browser sessions for MASKFILL_ACCESS_TOKEN. A cookie is a random session id, its issue time and an
 * HMAC keyed by the token over both: it never reveals the token, it is checked without a lookup, and it
 * dies with its TTL or when the token changes. Logging out revokes that id (kept in `file`, e.g.
 * DATA_DIR/revoked-sessions.json, until it would have expired anyway), so a copied cookie stops working
 * too, across restarts.
 */
export class Sessions {
  private readonly revoked = new Map<string, number>();

  constructor(
    private readonly token: string,
    private readonly file?: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!file) return;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
      for (const [sid, until] of Object.entries(saved)) if (until > now()) this.revoked.set(sid, until);
    } catch {
      // No file yet (or unreadable): nothing revoked.
    }
  }

  issue(): string {
    const sid = randomBytes(16).toString('base64url');
    const iat = Math.floor(this.now() / 1000)
      .toString(36)
      .padStart(IAT_CHARS, '0');
    return sid + iat + this.mac(sid + iat);
  }

  /** The session id of a genuine, live, not revoked cookie; otherwise null. Constant time on the MAC. */
  verify(cookie: string | undefined): string | null {
    if (cookie?.length !== BODY_CHARS + MAC_CHARS) return null;
    const body = cookie.slice(0, BODY_CHARS);
    if (!sameSecret(cookie.slice(BODY_CHARS), this.mac(body))) return null;
    const issuedMs = parseInt(body.slice(SID_CHARS), 36) * 1000;
    const age = this.now() - issuedMs;
    if (!Number.isFinite(age) || age < -60_000 || age > SESSION_TTL_S * 1000) return null;
    const sid = body.slice(0, SID_CHARS);
    return this.revoked.has(sid) ? null : sid;
  }

  /** Logs a cookie out for good (a no-op for anything that is not a live session). */
  revoke(cookie: string | undefined): void {
    const sid = this.verify(cookie);
    if (!sid || !cookie) return;
    const issuedMs = parseInt(cookie.slice(SID_CHARS, BODY_CHARS), 36) * 1000;
    this.revoked.set(sid, issuedMs + SESSION_TTL_S * 1000);
    const now = this.now();
    for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
    if (!this.file) return;
    // Write then rename: a crash mid-write never leaves a torn file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.revoked)));
    renameSync(tmp, this.file);
  }

  private mac(body: string): string {
    return createHmac('sha256', this.token).update(`maskfill session v2 ${body}`).digest('base64url');
  }
}
