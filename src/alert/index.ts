export { shouldAlert, alertPayload, type AlertPayload } from './rules.ts';
export { createChannels, streamChannel, fileChannel, webhookChannel, alertText, type AlertChannel } from './channels/index.ts';
export { deliverAlerts, type DeliveryReport } from './outbox.ts';
