import type { CostGuardConfig } from '../../config/index.js';
import type { CostServices } from '../../services/costs/createCostServices.js';
import type { IdleReminderLog } from '../../state/IdleReminderLog.js';
import type { ShutdownNotices } from '../../state/ShutdownNotices.js';
import type { VmConversations } from '../../state/VmConversations.js';

/** Everything the cost guard's commands, notices and reminders share: its ports, its state and its settings. */
export interface CostGuard extends CostServices {
  config: CostGuardConfig;
  notices: ShutdownNotices;
  conversations: VmConversations;
  reminders: IdleReminderLog;
  /** Calls one of Azure's own notice URLs (delay, skip); resolves false when Azure did not take it. */
  callNoticeUrl(url: string): Promise<boolean>;
}

/** The webhook Azure posts its shutdown notices to; undefined while PUBLIC_URL or VM_NOTICE_SECRET is missing. */
export function noticeWebhookUrl(config: CostGuardConfig): string | undefined {
  if (!config.publicUrl || !config.noticeSecret) return undefined;
  return `${config.publicUrl}${NOTICE_ROUTE_PREFIX}${config.noticeSecret}`;
}

export const NOTICE_ROUTE_PREFIX = '/api/notices/autoshutdown/';
