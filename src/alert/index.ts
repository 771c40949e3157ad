export { shouldAlert, shouldAlertOnEdit, isPastMaxAge, alertPayload, type AlertPayload } from './rules.ts';
export { createChannels, streamChannel, fileChannel, webhookChannel, alertText, heldText, channelLabel, withoutSecrets, type AlertChannel, type HeldNotice, type RecipientsRefused } from './channels/index.ts';
export { ALERT_RETRY_HOURS, capForRun, deliverAlerts, digestKey, type DeliveryReport, type DeliveryStop, type NotTakenReason } from './outbox.ts';
