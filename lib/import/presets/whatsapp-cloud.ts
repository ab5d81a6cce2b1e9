/**
 * WhatsApp Cloud API webhook bodies saved to a file: read as JSON, not as
 * CSV rows, and recorded exactly as the webhook endpoint records them.
 */
export const whatsappCloudPreset = {
  name: "whatsapp-cloud",
  label: "WhatsApp Cloud API webhooks (JSON)",
  description:
    "Webhook bodies as Meta posts them: one body, an array of bodies, one " +
    "body per line, or an object of named bodies. Message statuses and " +
    "inbound replies become WhatsApp attempts, as the webhook records them.",
  origin: "whatsapp",
} as const;
