// The scenario shapes the machines run on, from the scenario loader (src/scenarios).
export type { Scenario, StageInfo as Stage, StageTarget } from '../scenarios';
export { meetsTarget, stageMut, formatMut } from '../scenarios';
