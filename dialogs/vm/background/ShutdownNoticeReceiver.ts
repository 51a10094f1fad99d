import type { Telemetry } from '../../../services/telemetry/Telemetry.js';
import type { Notifier } from '../../Turn.js';
import type { ComputeConfig } from '../../../config/index.js';
import { shutdownNoticeDocument } from '../../../cards/costs.js';
import type { Logger } from '../../../logging/logger.js';
import type { ShutdownNotices, NoticeUrls } from '../../../state/ShutdownNotices.js';
import type { VmConversations } from '../../../state/VmConversations.js';

export type NoticeOutcome = 'posted' | 'replayed' | 'malformed' | 'not-ours' | 'nowhere-to-post';

interface ShutdownNoticeReceiverOptions {
  /** The VMs labmate manages; a notice about any other VM is dropped. */
  compute: ComputeConfig | undefined;
  notices: ShutdownNotices;
  conversations: VmConversations;
  notifier: Notifier;
  logger: Logger;
  now?: () => number;
  /** Counts what is sent (telemetry on). */
  telemetry?: Telemetry;
}

const MAX_URL = 4096;

/**
 * Azure's shutdown notification (`ShutdownNotificationContent`), once its secret URL was checked: read as untrusted
 * input, kept only for a VM in TRAINING_VMS of the configured subscription and resource group, stored once (a
 * replay posts nothing), and posted with its buttons to the conversation that set the schedule.
 */
export class ShutdownNoticeReceiver {
  constructor(private readonly options: ShutdownNoticeReceiverOptions) {}

  async receive(body: Record<string, unknown>): Promise<NoticeOutcome> {
    const { compute, logger } = this.options;
    const urls = noticeUrls(body);
    const minutes = minutesOf(body.minutesUntilShutdown);
    const vmName = typeof body.vmName === 'string' ? body.vmName : undefined;
    if (!urls || minutes === undefined || !vmName) return 'malformed';
    const vm = compute?.vms.find((candidate) => candidate.name.toLowerCase() === vmName.toLowerCase());
    const sameSubscription = typeof body.subscriptionId === 'string' && body.subscriptionId.toLowerCase() === compute?.subscriptionId.toLowerCase();
    const sameGroup = typeof body.resourceGroupName === 'string' && body.resourceGroupName.toLowerCase() === vm?.resourceGroup.toLowerCase();
    if (!vm || !sameSubscription || !sameGroup) {
      logger.warn('ignored a shutdown notice for a VM labmate does not manage', { vmName, resourceGroupName: String(body.resourceGroupName ?? '') });
      return 'not-ours';
    }
    const owner = await this.options.conversations.autoStopOwner(vm.name);
    if (!owner) {
      logger.warn('a shutdown notice came for a VM whose auto-stop was not set here; nobody to tell', { vm: vm.name });
      return 'nowhere-to-post';
    }
    const now = (this.options.now ?? Date.now)();
    const notice = await this.options.notices.receive({ vm: vm.name, urls, shutdownAt: now + minutes * 60_000, timeZone: owner.timeZone, conversation: owner.conversation });
    if (!notice) {
      logger.info('ignored a shutdown notice received before', { vm: vm.name });
      return 'replayed';
    }
    await this.options.notifier.notify(owner.conversation, async (turn) => {
      await turn.reply(shutdownNoticeDocument(notice, now));
    });
    this.options.telemetry?.count('labmate.shutdown_notices.sent');
    logger.info('posted a shutdown notice', { vm: vm.name, conversationId: owner.conversation.conversationId, minutes });
    return 'posted';
  }
}

function noticeUrls(body: Record<string, unknown>): NoticeUrls | undefined {
  const urls = { skip: body.skipUrl, delay60: body.delayUrl60, delay120: body.delayUrl120 };
  return Object.values(urls).every(isHttpsUrl) ? (urls as NoticeUrls) : undefined;
}

function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > MAX_URL) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Azure sends it as a string ("30"). */
function minutesOf(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,4}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
