export { shouldAlert, isPastMaxAge, alertPayload, type AlertPayload } from './rules.ts';
export { createChannels, streamChannel, fileChannel, webhookChannel, alertText, channelLabel, withoutSecrets, type AlertChannel, type RecipientsRefused } from './channels/index.ts';
export { ALERT_RETRY_HOURS, deliverAlerts, type DeliveryReport, type DeliveryStop, type NotTakenReason } from './outbox.ts';
