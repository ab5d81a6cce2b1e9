import {
  type PageFilter,
  type SearchParams,
  toQueryString,
} from "@/lib/filters/url";
import { stripControlCharacters } from "@/lib/text";
import { type LeadSort, type SortDirection, leadSorts } from "./list";
import { type LeadSetId, isLeadSetId } from "./sets";

/** What the lead list shows beyond the filter: set, order, page, search. */
export type LeadListQuery = {
  set: LeadSetId;
  sort: LeadSort;
  direction: SortDirection;
  page: number;
  search: string;
};

const first = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value[0] : value;

/** Names read A to Z; dates and counts read newest and most first. */
export function defaultDirection(sort: LeadSort = "created"): SortDirection {
  return sort === "source" ? "asc" : "desc";
}

/** Unknown values fall back to the defaults, as the filter does: a stale
 * link still opens. An unknown set is reported as null, and control
 * characters are dropped from the search. */
export function readLeadListQuery(
  params: SearchParams,
): Omit<LeadListQuery, "set"> & { set: LeadSetId | null } {
  const setParam = first(params.set) ?? "all";
  const sortParam = first(params.sort);
  const sort = (leadSorts as readonly string[]).includes(sortParam ?? "")
    ? (sortParam as LeadSort)
    : "created";
  const directionParam = first(params.dir);
  const page = Number(first(params.page));

  return {
    set: isLeadSetId(setParam) ? setParam : null,
    sort,
    direction:
      directionParam === "asc" || directionParam === "desc"
        ? directionParam
        : defaultDirection(sort),
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    search: stripControlCharacters(first(params.q) ?? "")
      .trim()
      .slice(0, 100),
  };
}

/** The query string of a list view: the filter plus what differs from the
 * list's defaults. The set itself is in the path (see leadListPath). */
export function toLeadListQueryString(
  page: PageFilter,
  query: Partial<Omit<LeadListQuery, "set">>,
): string {
  const extra: Record<string, string> = {};
  if (query.sort && query.sort !== "created") extra.sort = query.sort;
  if (query.direction && query.direction !== defaultDirection(query.sort))
    extra.dir = query.direction;
  if (query.page && query.page > 1) extra.page = String(query.page);
  if (query.search) extra.q = query.search;

  return toQueryString(page, extra);
}

/**
 * Where a set's list lives. The set is part of the path, not the query, so
 * the filter bar (a plain GET form that replaces the query) keeps it when
 * a filter changes. `/leads?set=...` links redirect here.
 */
export function leadListPath(set: LeadSetId): string {
  return set === "all" ? "/leads" : `/leads/sets/${set}`;
}
