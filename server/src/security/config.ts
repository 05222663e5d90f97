import type { Env } from '../env.ts';

/** What the security middleware needs from env (security/index.ts). */
export interface SecurityConfig {
  /** Per client (remote address), sliding minute. */
  fillsPerMinute: number;
  uploadsPerMinute: number;
  /** Daily caps per paid provider, reset at 00:00 UTC; undefined = no cap. */
  falDailyBudgetUsd?: number;
  fireflyDailyMaxCalls?: number;
  /** Where the day's spend is kept so a restart does not reset it (DATA_DIR/spend.json). */
  spendFile?: string;
  /** Logged-out session ids, so a copied cookie stays dead after a restart (DATA_DIR/revoked-sessions.json). */
  sessionsFile?: string;
}

export function securityConfigFromEnv(env: Env): SecurityConfig {
  return {
    fillsPerMinute: env.RATE_LIMIT_FILLS_PER_MIN,
    uploadsPerMinute: env.RATE_LIMIT_UPLOADS_PER_MIN,
    ...(env.FAL_DAILY_BUDGET_USD === undefined ? {} : { falDailyBudgetUsd: env.FAL_DAILY_BUDGET_USD }),
    ...(env.FIREFLY_DAILY_MAX_CALLS === undefined
      ? {}
      : { fireflyDailyMaxCalls: env.FIREFLY_DAILY_MAX_CALLS }),
    spendFile: `${env.DATA_DIR}/spend.json`,
    sessionsFile: `${env.DATA_DIR}/revoked-sessions.json`,
  };
}
