import type { channel } from "@/lib/db/schema";

type ChannelName = (typeof channel.enumValues)[number];

/** Each channel as the pages name it. */
export const channelLabels: Record<ChannelName, string> = {
  call: "Call",
  whatsapp: "WhatsApp",
  sms: "SMS",
  email: "E-mail",
};
