export {
  type AggregateRun,
  lockAggregateWriters,
  rebuildAfterCommit,
  refreshOrMarkBehind,
  rebuildAggregates,
  refreshAggregates,
} from "./refresh";
export { type FigureOptions, areAggregatesCurrent } from "./state";
export { rebuildConnections } from "./parallel";
