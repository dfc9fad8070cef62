// The scenario library as loaded when the page was built (scripts/scenarioCatalogue.ts).
declare module 'virtual:scenario-catalogue' {
  import type { Scenario, ScenarioError } from '../scenarios';
  const catalogue: { scenarios: Scenario[]; errors: ScenarioError[] };
  export default catalogue;
}
