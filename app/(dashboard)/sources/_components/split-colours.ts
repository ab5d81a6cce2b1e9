import type { splitDrawingOrder } from "@/lib/sources-narrative/lost-lead-labels";

// Okabe–Ito, one colour per class, chosen so that neighbouring segments
// never pair orange with vermillion or blue with sky.
export const splitColours: Record<(typeof splitDrawingOrder)[number], string> =
  {
    converted: "var(--color-chart-green)",
    do_not_contact: "var(--color-chart-purple)",
    lead_data: "var(--color-chart-orange)",
    follow_up: "var(--color-chart-blue)",
    unreachable: "var(--color-chart-vermillion)",
    not_contacted_unknown_effort: "var(--color-chart-yellow)",
    not_converted: "var(--color-chart-sky)",
  };
