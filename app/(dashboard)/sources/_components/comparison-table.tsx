import { formatCount, pluralise } from "@/lib/format";
import type {
  SourceComparison,
  SourceFigures,
  SourceRow,
} from "@/lib/metrics/sources";
import { formatMoney } from "@/lib/money/format-money";
import {
  bodyRowClass,
  headRowClass,
  numTdClass,
  numThClass,
  RateCells,
  RateHeaders,
  ScrollTable,
  thClass,
} from "../../recovery/_components/table-parts";
import { comparisonRates } from "./comparison-columns";
import { formatSourceCost } from "./cost-text";

function PersonsCell({ figures }: { figures: SourceFigures }) {
  return (
    <td className={numTdClass}>
      <span className="block">{formatCount(figures.persons)}</span>
      {figures.leadsWithoutPerson > 0 ? (
        <span className="block text-xs text-slate-500 dark:text-slate-400">
          + {pluralise(figures.leadsWithoutPerson, "lead")} without phone or
          e-mail
        </span>
      ) : null}
    </td>
  );
}

function LtvCell({
  figures,
  currency,
}: {
  figures: SourceFigures;
  currency: string;
}) {
  return (
    <td className={numTdClass}>
      <span className="block">
        {figures.ltvPerLeadMinor === null
          ? "No value"
          : formatMoney(figures.ltvPerLeadMinor, currency)}
      </span>
      <span className="block text-xs text-slate-500 dark:text-slate-400">
        over {formatCount(figures.valuedLeads)} valued
      </span>
      {figures.valuesNotConverted > 0 ? (
        <span className="block text-xs text-slate-500 dark:text-slate-400">
          {formatCount(figures.valuesNotConverted)} not convertible
        </span>
      ) : null}
    </td>
  );
}

function FigureCells({
  figures,
  previous,
  compare,
}: {
  figures: SourceFigures;
  previous: SourceFigures | undefined;
  compare: boolean;
}) {
  return (
    <>
      <td className={numTdClass}>{formatCount(figures.leads)}</td>
      <PersonsCell figures={figures} />
      {comparisonRates.map(([key]) => (
        <RateCells
          key={key}
          rate={figures[key]}
          previous={previous?.[key]}
          compare={compare}
        />
      ))}
    </>
  );
}

/** Every source side by side, with all sources together in the last row. */
export function ComparisonTable({
  comparison,
  previous,
  compare,
}: {
  comparison: SourceComparison;
  previous: SourceComparison | undefined;
  compare: boolean;
}) {
  const { currency } = comparison;
  const previousOf = (row: SourceRow) =>
    previous?.sources.find((entry) => entry.sourceId === row.sourceId);

  return (
    <ScrollTable caption="Sources compared over the leads created in the period">
      <thead>
        <tr className={headRowClass}>
          <th scope="col" className={thClass}>
            Source
          </th>
          <th scope="col" className={numThClass}>
            Leads
          </th>
          <th scope="col" className={numThClass}>
            Persons
          </th>
          {comparisonRates.map(([key, label]) => (
            <RateHeaders
              key={key}
              label={<span className="inline-block max-w-28">{label}</span>}
              compare={compare}
            />
          ))}
          <th scope="col" className={numThClass}>
            Cost per lead
          </th>
          <th scope="col" className={numThClass}>
            <span className="inline-block max-w-24">
              Cost per contacted lead
            </span>
          </th>
          <th scope="col" className={numThClass}>
            LTV per lead
          </th>
        </tr>
      </thead>
      <tbody>
        {comparison.sources.map((row) => (
          <tr key={row.sourceId} className={bodyRowClass}>
            <th scope="row" className="py-2 pr-4 text-left font-normal">
              {row.source}
            </th>
            <FigureCells
              figures={row}
              previous={previousOf(row)}
              compare={compare}
            />
            <td className={numTdClass}>
              {formatSourceCost(row.cost, row.cost.perLeadMinor, currency)}
            </td>
            <td className={numTdClass}>
              {formatSourceCost(
                row.cost,
                row.cost.perContactedLeadMinor,
                currency,
              )}
            </td>
            <LtvCell figures={row} currency={currency} />
          </tr>
        ))}
        <tr className={bodyRowClass}>
          <th scope="row" className="py-2 pr-4 text-left font-medium">
            All sources
          </th>
          <FigureCells
            figures={comparison.total}
            previous={previous?.total}
            compare={compare}
          />
          <td className={`${numTdClass} text-slate-500 dark:text-slate-400`}>
            per source only
          </td>
          <td className={`${numTdClass} text-slate-500 dark:text-slate-400`}>
            per source only
          </td>
          <LtvCell figures={comparison.total} currency={currency} />
        </tr>
      </tbody>
    </ScrollTable>
  );
}
