export {
  type AggregateRun,
  markAggregatesBehind,
  rebuildAggregates,
  refreshAggregates,
} from "./refresh";
export { type FigureOptions, areAggregatesCurrent } from "./state";
export { rebuildConnections } from "./parallel";
