import { z } from 'zod';

// The only file that reads process.env (STYLE.md). Secrets are kept out of any error message.
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(40),
  /** Built web app served from `/` by `pnpm start`. */
  WEB_DIST_DIR: z.string().default('./dist/web'),
  LOCAL_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  MASKFILL_ACCESS_TOKEN: z.string().min(1).optional(),

  FIREFLY_SERVICES_CLIENT_ID: z.string().min(1).optional(),
  FIREFLY_SERVICES_CLIENT_SECRET: z.string().min(1).optional(),
  FIREFLY_API_BASE_URL: z.string().url().default('https://firefly-api.adobe.io'),
  FIREFLY_IMS_URL: z.string().url().default('https://ims-na1.adobelogin.com/ims/token/v3'),
  FIREFLY_SCOPES: z.string().default('openid,AdobeID,read_organizations,firefly_api,ff_apis'),
  FIREFLY_RPM: z.coerce.number().int().min(1).max(10_000).default(4),

  FAL_KEY: z
    .string()
    .regex(/^[^:\s]+:[^:\s]+$/, 'FAL_KEY must look like key_id:key_secret')
    .optional(),
  FAL_QUEUE_BASE_URL: z.string().url().default('https://queue.fal.run'),
  FAL_REST_BASE_URL: z.string().url().default('https://rest.fal.ai'),

  /** Comma-separated hosts the server may download provider results from. */
  RESULT_HOSTS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),

  /** Per client per minute (0 = no limit). */
  RATE_LIMIT_FILLS_PER_MIN: z.coerce.number().int().min(0).max(100_000).default(60),
  RATE_LIMIT_UPLOADS_PER_MIN: z.coerce.number().int().min(0).max(100_000).default(240),
  /** Daily caps on the paid providers, reset at 00:00 UTC (unset = no cap). */
  FAL_DAILY_BUDGET_USD: z.coerce.number().min(0).optional(),
  FIREFLY_DAILY_MAX_CALLS: z.coerce.number().int().min(0).optional(),
  /** Longest a job may stay queued or running before it fails as timed out. */
  JOB_DEADLINE_MINUTES: z.coerce
    .number()
    .positive()
    .max(7 * 24 * 60)
    .default(30),
});
export type Env = z.infer<typeof EnvSchema>;

/** Empty strings in .env mean "unset". */
function withoutEmpty(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(withoutEmpty(source));
  if (!result.success) {
    // Name the variables, never echo their values (they may be secrets).
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return result.data;
}

/** Loads `.env` (if present) into process.env, then validates. Call once at start-up. */
export function loadEnv(envFile = '.env'): Env {
  try {
    process.loadEnvFile(envFile);
  } catch {
    // No .env file: environment variables alone.
  }
  return parseEnv(process.env);
}
