import type { Kysely } from 'kysely';
import type { Database } from '../store/index.ts';
import { undeliveredAlerts, markAlertSent, markAlertFailed } from '../store/index.ts';
import { channelLabel, type AlertChannel } from './channels/index.ts';
import type { AlertPayload } from './rules.ts';

export interface DeliveryReport {
  sent: number;
  /** `channel` as messages name it (channelLabel): no webhook secrets. */
  failed: { alertId: number; channel: string; error: string }[];
}

/**
 * Delivers what the outbox holds. An alert is marked sent right after its channel accepts it, so a run killed
 * midway re-sends at most the one alert in flight, and a later run picks up whatever was left.
 */
export async function deliverAlerts(db: Kysely<Database>, pipelineId: string, channels: readonly AlertChannel[], now: () => Date): Promise<DeliveryReport> {
  const byName = new Map(channels.map((c) => [c.name, c]));
  const report: DeliveryReport = { sent: 0, failed: [] };
  for (const alert of await undeliveredAlerts(db, pipelineId)) {
    const channel = byName.get(alert.channel);
    // A channel removed from the pipeline keeps its undelivered alerts until it comes back.
    if (!channel) continue;
    try {
      await channel.deliver(JSON.parse(alert.payload) as AlertPayload);
      await markAlertSent(db, alert.id, now().toISOString());
      report.sent += 1;
    } catch (error) {
      const message = (error as Error).message;
      await markAlertFailed(db, alert.id, message);
      report.failed.push({ alertId: alert.id, channel: channelLabel(alert.channel), error: message });
    }
  }
  return report;
}
