export { ensureDefaultDispositions } from "./dispositions";
export {
  ImportFailedError,
  importFile,
  type ImportOptions,
} from "./import-file";
export { listPresets, presetNames, type PresetName } from "./presets";
export type { ImportProblem, ImportSummary } from "./types";
