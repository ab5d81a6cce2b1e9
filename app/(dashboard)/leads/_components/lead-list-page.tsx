import { FilterBar } from "@/components/filters/filter-bar";
import { Panel } from "@/components/ui/panel";
import { channelLabels } from "@/lib/channel-labels";
import type { loadPageContext } from "@/lib/filters/page-context";
import { toQueryString } from "@/lib/filters/url";
import { formatCount, pluralise } from "@/lib/format";
import {
  type LeadListRow,
  countLeads,
  defaultPageSize,
  listLeadPage,
  maxListRows,
} from "@/lib/leads/list";
import { getLeadListColumns, maskLeadRows } from "@/lib/leads/present";
import { type LeadSetId, describeLeadSet } from "@/lib/leads/sets";
import {
  type LeadListQuery,
  leadListPath,
  toLeadListQueryString,
} from "@/lib/leads/url";
import { countUndatedLeads } from "@/lib/metrics/undated";
import { canSeeContactData } from "@/lib/privacy/mask";
import { LeadTable } from "./lead-table";
import { ListControls } from "./list-controls";
import { Pagination } from "./pagination";

export type PageContext = Awaited<ReturnType<typeof loadPageContext>>;

/** The list of one lead set: its title and definition, its size, one page
 * of its leads, and the way to the other pages and to the CSV. */
export async function LeadListPage({
  context,
  set,
  query,
}: {
  context: PageContext;
  set: LeadSetId;
  query: LeadListQuery;
}) {
  const { db, settings, page, params, options, showAgents, user } = context;
  const { filter } = page;
  const searchContactData = canSeeContactData(user.role);

  const [list, periodLeads, undated] = await Promise.all([
    listLeadPage(
      db,
      filter,
      {
        set,
        sort: query.sort,
        direction: query.direction,
        page: query.page,
        pageSize: defaultPageSize,
        search: query.search,
        searchContactData,
      },
      settings,
    ),
    (set === "all" && query.search === "") || set === "undated"
      ? null
      : countLeads(db, filter, { set: "all" }, settings),
    set === "undated" ? 0 : countUndatedLeads(db, filter),
  ]);
  const rows = maskLeadRows(list.rows, user.role);
  const columns = getLeadListColumns(set, settings.contactWindowDays);
  const description = describeLeadSet(
    set,
    settings,
    filter.channels.map((value) => channelLabels[value]),
  );

  const path = leadListPath(set);
  const href = (changes: Partial<LeadListQuery>) =>
    `${path}?${toLeadListQueryString(page, { ...query, ...changes })}`;
  const exportHref = `/leads/export?${toQueryString(page, {
    set,
    sort: query.sort,
    dir: query.direction,
    ...(query.search ? { q: query.search } : {}),
  })}`;
  const leadHref = (row: LeadListRow) =>
    `/leads/${row.id}?${toQueryString(page, { set })}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-2xl">
          <p className="text-sm text-slate-600 dark:text-slate-400">Leads</p>
          <h1 className="text-2xl font-semibold">{description.title}</h1>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            {description.definition}
          </p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {set === "undated"
              ? "Whatever the period"
              : `Leads created from ${filter.from} to ${filter.to} (${settings.reportTimezone})`}
          </p>
        </div>
        <FilterBar
          page={page}
          options={options}
          showAgents={showAgents}
          params={params}
        />
      </div>

      <ListControls
        set={set}
        search={query.search}
        filterQuery={toQueryString(page)}
        searchLabel={
          searchContactData
            ? "Search by lead id, phone or e-mail"
            : "Search by lead id"
        }
      />

      <Panel
        title={`${pluralise(list.total, "lead")}`}
        description={
          <CountNote
            total={list.total}
            periodLeads={periodLeads}
            search={query.search}
            undated={undated}
            undatedHref={`${leadListPath("undated")}?${toQueryString(page)}`}
          />
        }
        actions={
          list.total > 0 ? (
            <a
              href={exportHref}
              className="text-sm text-sky-700 underline dark:text-sky-400"
            >
              Download CSV
              {list.total > maxListRows
                ? ` (first ${formatCount(maxListRows)})`
                : ""}
            </a>
          ) : null
        }
      >
        {rows.length > 0 ? (
          <LeadTable
            rows={rows}
            columns={columns}
            sort={query.sort}
            direction={query.direction}
            sortHref={(sort, direction) => href({ sort, direction, page: 1 })}
            leadHref={leadHref}
          />
        ) : (
          <EmptyState periodLeads={periodLeads} search={query.search} />
        )}
        {list.total > defaultPageSize ? (
          <Pagination
            page={list.page}
            pageSize={defaultPageSize}
            total={list.total}
            pageHref={(number) => href({ page: number })}
          />
        ) : null}
      </Panel>
    </div>
  );
}

function CountNote({
  total,
  periodLeads,
  search,
  undated,
  undatedHref,
}: {
  total: number;
  periodLeads: number | null;
  search: string;
  undated: number;
  undatedHref: string;
}) {
  const parts: string[] = [];
  if (search) parts.push(`matching “${search}”`);
  if (periodLeads !== null && total > 0)
    parts.push(`of ${pluralise(periodLeads, "lead")} created in the period`);
  return (
    <span data-testid="lead-count" data-count={total}>
      {parts.length > 0 ? `${parts.join(", ")}.` : ""}
      {undated > 0 ? (
        <>
          {` ${pluralise(undated, "lead")} without a creation instant ${undated === 1 ? "is" : "are"} in no period and in no other set: `}
          <a
            href={undatedHref}
            className="text-sky-700 underline dark:text-sky-400"
          >
            list {undated === 1 ? "it" : "them"}
          </a>
          .
        </>
      ) : null}
    </span>
  );
}

// A page past the last lists the last page, so an empty page is an empty
// list.
function EmptyState({
  periodLeads,
  search,
}: {
  periodLeads: number | null;
  search: string;
}) {
  const message = search
    ? `No lead of this set matches “${search}”.`
    : periodLeads === 0
      ? "No leads were created in this period for these filters: there is no data to list."
      : periodLeads === null
        ? "No leads were created in this period for these filters."
        : `None of the ${pluralise(periodLeads, "lead")} created in the period is in this set.`;

  return (
    <p
      role="status"
      className="rounded-md bg-slate-50 p-4 text-sm text-slate-700 dark:bg-slate-800/50 dark:text-slate-300"
    >
      {message}
    </p>
  );
}
