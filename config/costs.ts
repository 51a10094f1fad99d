import { windowsTimeZone } from './windowsTimeZones.js';
import type { EnvReader } from './envReader.js';

export interface CostGuardConfig {
  /** Where Azure reaches labmate (https), for the auto-shutdown notification webhook; absent: schedules notify nobody. */
  publicUrl?: string;
  /** The secret in the notification webhook's URL; absent: schedules notify nobody and the route is closed. */
  noticeSecret?: string;
  /** Windows time zone id for `vm autostop` when none is typed (default UTC). */
  defaultTimeZone: string;
  /** A VM running longer than this, and below `idleCpuPercent` over the last hour, gets a reminder. */
  idleAfterHours: number;
  idleCpuPercent: number;
  /** How often the lease holder looks for idle VMs. */
  idleCheckMinutes: number;
  /** Azure Retail Prices API (public, unauthenticated). */
  retailPricesUrl: string;
}

const PUBLIC_RETAIL_PRICES_URL = 'https://prices.azure.com/api/retail/prices';

/** PUBLIC_URL (or App Service's WEBSITE_HOSTNAME), VM_NOTICE_SECRET, VM_AUTOSTOP_TIME_ZONE, VM_IDLE_*, AZURE_RETAIL_PRICES_URL. */
export function readCostGuard(env: EnvReader): CostGuardConfig {
  return {
    publicUrl: readPublicUrl(env),
    noticeSecret: readNoticeSecret(env),
    defaultTimeZone: readTimeZone(env),
    idleAfterHours: env.number('VM_IDLE_AFTER_HOURS', 4, 0.25, 24 * 14),
    idleCpuPercent: env.number('VM_IDLE_CPU_PERCENT', 5, 0, 100),
    idleCheckMinutes: env.number('VM_IDLE_CHECK_MINUTES', 10, 1, 24 * 60),
    retailPricesUrl: env.url('AZURE_RETAIL_PRICES_URL') ?? PUBLIC_RETAIL_PRICES_URL,
  };
}

/**
 * PUBLIC_URL, or on App Service (which sets WEBSITE_HOSTNAME to the app's default host name, whatever the cloud's
 * domain: azurewebsites.net, .us, .cn) that host over https.
 */
function readPublicUrl(env: EnvReader): string | undefined {
  const appServiceHost = env.optional('WEBSITE_HOSTNAME');
  const publicUrl = env.url('PUBLIC_URL') ?? (appServiceHost && /^[a-z0-9.-]+$/i.test(appServiceHost) ? `https://${appServiceHost}` : undefined);
  if (publicUrl === undefined || publicUrl.startsWith('https://')) return publicUrl;
  env.problem('PUBLIC_URL', `an https:// URL (Azure sends shutdown notices only over https), got "${publicUrl}"`);
  return undefined;
}

function readNoticeSecret(env: EnvReader): string | undefined {
  const noticeSecret = env.optional('VM_NOTICE_SECRET');
  // It travels in a URL path: URL-safe characters only, and long enough not to be guessed.
  if (noticeSecret === undefined || /^[A-Za-z0-9_-]{24,128}$/.test(noticeSecret)) return noticeSecret;
  env.problem('VM_NOTICE_SECRET', '24 to 128 letters, digits, - or _ (e.g. `openssl rand -hex 32`)');
  return undefined;
}

function readTimeZone(env: EnvReader): string {
  const raw = env.optional('VM_AUTOSTOP_TIME_ZONE');
  if (raw === undefined) return 'UTC';
  const zone = windowsTimeZone(raw);
  if (!zone) env.problem('VM_AUTOSTOP_TIME_ZONE', `a Windows time zone id such as "UTC" or "W. Europe Standard Time", got "${raw}"`);
  return zone ?? 'UTC';
}
