import { channel } from "@/lib/db/schema";
import {
  type MetricFilter,
  isValidPeriod,
  parseMetricFilter,
} from "@/lib/metrics/filter";
import { isRangePreset, type RangePreset, resolvePreset } from "./presets";

export type SearchParams = Record<string, string | string[] | undefined>;

/** What a page shows, read from its URL so that a copied link shows a
 * colleague the same view. */
export type PageFilter = {
  filter: MetricFilter;
  range: RangePreset | "custom";
  compare: boolean;
};

const defaultRange: RangePreset = "last30";

function values(params: SearchParams, key: string): string[] {
  const raw = params[key];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];

  return list
    .flatMap((value) => value.split(","))
    .filter((value) => value !== "");
}

function ids(params: SearchParams, key: string): number[] {
  return values(params, key)
    .map(Number)
    .filter((value) => Number.isSafeInteger(value) && value > 0);
}

/** A request URL's query as a page receives its search params: one value
 * as a string, a repeated key as the list of its values (the filter bar is
 * a GET form, which repeats a key per ticked box). */
export function readSearchParams(url: string | URL): SearchParams {
  const query = new URL(url).searchParams;
  const params: SearchParams = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    params[key] = values.length === 1 ? values[0] : values;
  }

  return params;
}

/** Unknown or malformed values are dropped, never an error: a stale link
 * still opens, showing the default for what it got wrong. */
export function readPageFilter(
  params: SearchParams,
  reportTimezone: string,
  now = new Date(),
): PageFilter {
  const from = params.from;
  const to = params.to;
  const rangeParam = params.range;
  const custom = !isRangePreset(rangeParam) && isValidPeriod(from, to);
  const range: PageFilter["range"] = custom
    ? "custom"
    : isRangePreset(rangeParam)
      ? rangeParam
      : defaultRange;
  const period =
    range === "custom"
      ? { from: String(from), to: String(to) }
      : resolvePreset(range, reportTimezone, now);
  const channels = values(params, "channel").filter(
    (value): value is MetricFilter["channels"][number] =>
      (channel.enumValues as readonly string[]).includes(value),
  );

  return {
    range,
    compare: params.compare === "1",
    filter: parseMetricFilter({
      ...period,
      sourceIds: ids(params, "source"),
      campaignIds: ids(params, "campaign"),
      channels,
      agentIds: ids(params, "agent"),
      teamIds: ids(params, "team"),
    }),
  };
}

// The parameters the filter bar itself writes.
const filterKeys = new Set([
  "range",
  "from",
  "to",
  "source",
  "campaign",
  "channel",
  "agent",
  "team",
  "compare",
]);

/**
 * The parameters of a page's URL that are not filters (a clock, a sort, a
 * search), for the filter bar to carry as hidden fields so that applying
 * a filter keeps the rest of the view. The list's page number is left
 * out: a new filter gives a new list, which starts on its first page.
 */
export function getPageParams(params: SearchParams): [string, string][] {
  return Object.entries(params).flatMap(([key, raw]) => {
    if (filterKeys.has(key) || key === "page" || raw === undefined) return [];
    const list = Array.isArray(raw) ? raw : [raw];

    return list.map((value): [string, string] => [key, value]);
  });
}

/** The query string of a page filter, for links that keep the view. */
export function toQueryString(
  page: PageFilter,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams();
  if (page.range === "custom") {
    query.set("from", page.filter.from);
    query.set("to", page.filter.to);
  } else {
    query.set("range", page.range);
  }
  if (page.compare) query.set("compare", "1");
  const lists: [string, (string | number)[]][] = [
    ["source", page.filter.sourceIds],
    ["campaign", page.filter.campaignIds],
    ["channel", page.filter.channels],
    ["agent", page.filter.agentIds],
    ["team", page.filter.teamIds],
  ];
  for (const [key, list] of lists)
    if (list.length > 0) query.set(key, list.join(","));
  for (const [key, value] of Object.entries(extra)) query.set(key, value);

  return query.toString();
}
