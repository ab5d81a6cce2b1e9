import { channelLabels } from "@/lib/channel-labels";
import { channel } from "@/lib/db/schema";
import type { FilterOption, FilterOptions } from "@/lib/filters/options";
import {
  getPageParams,
  type PageFilter,
  type SearchParams,
} from "@/lib/filters/url";
import { FilterDropdown } from "./filter-dropdown";
import { RangeFields } from "./range-fields";

function MultiSelect({
  name,
  label,
  options,
  selected,
}: {
  name: string;
  label: string;
  options: FilterOption[];
  selected: (number | string)[];
}) {
  if (options.length === 0) return null;
  const chosen = options.filter((option) => selected.includes(option.id));

  return (
    <FilterDropdown
      label={`${label}: ${
        chosen.length === 0
          ? "all"
          : chosen.length === 1
            ? chosen[0]?.label
            : `${chosen.length} chosen`
      }`}
    >
      <fieldset className="absolute z-10 mt-1 max-h-72 w-64 overflow-y-auto rounded-md border border-slate-300 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        <legend className="sr-only">{label}</legend>
        {options.map((option) => (
          <label key={option.id} className="flex items-center gap-2 py-0.5">
            <input
              type="checkbox"
              name={name}
              value={option.id}
              defaultChecked={selected.includes(option.id)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
    </FilterDropdown>
  );
}

/**
 * The filters of every page as a plain GET form: everything lands in the
 * URL, works without JavaScript, and a copied link shows the same view.
 * The page's other parameters of `params` (its URL) travel as hidden
 * fields, so that a filter does not reset the clock, sort or search.
 */
export function FilterBar({
  page,
  options,
  showAgents,
  params = {},
}: {
  page: PageFilter;
  options: FilterOptions;
  showAgents: boolean;
  params?: SearchParams;
}) {
  const { filter } = page;
  const kept = getPageParams(params);
  const channels = channel.enumValues.map((value, index) => ({
    id: index,
    label: channelLabels[value],
    value,
  }));

  return (
    <form
      method="get"
      aria-label="Filters"
      className="flex flex-wrap items-end gap-2 text-sm"
    >
      {kept.map(([name, value], index) => (
        <input
          key={`${name}-${index}`}
          type="hidden"
          name={name}
          value={value}
        />
      ))}
      <RangeFields range={page.range} from={filter.from} to={filter.to} />
      <MultiSelect
        name="source"
        label="Sources"
        options={options.sources}
        selected={filter.sourceIds}
      />
      <MultiSelect
        name="campaign"
        label="Campaigns"
        options={options.campaigns}
        selected={filter.campaignIds}
      />
      <FilterDropdown
        label={`Channels: ${
          filter.channels.length === 0
            ? "all"
            : filter.channels.map((value) => channelLabels[value]).join(", ")
        }`}
      >
        <fieldset className="absolute z-10 mt-1 w-48 rounded-md border border-slate-300 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <legend className="sr-only">Channels</legend>
          {channels.map((option) => (
            <label
              key={option.value}
              className="flex items-center gap-2 py-0.5"
            >
              <input
                type="checkbox"
                name="channel"
                value={option.value}
                defaultChecked={filter.channels.includes(option.value)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
      </FilterDropdown>
      {showAgents ? (
        <>
          <MultiSelect
            name="team"
            label="Teams"
            options={options.teams}
            selected={filter.teamIds}
          />
          <MultiSelect
            name="agent"
            label="Agents"
            options={options.agents}
            selected={filter.agentIds}
          />
        </>
      ) : null}
      <label className="flex items-center gap-1.5 py-1">
        <input
          type="checkbox"
          name="compare"
          value="1"
          defaultChecked={page.compare}
        />
        Compare with the previous period
      </label>
      <button
        type="submit"
        className="rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800"
      >
        Apply
      </button>
    </form>
  );
}
