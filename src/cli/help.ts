// Usage texts: the top-level one and one per command (`mut <command> --help`).

export const commandNames = ['analyze', 'check', 'pss', 'techniques', 'scenario'] as const;
export type CommandName = (typeof commandNames)[number];

export const topUsage = `Usage: mut <command> [options]

MUT = mess-up tolerance: how many mistakes must happen at the same time before an
attacker reaches a goal in a Kubernetes cluster, computed from its manifests.

Commands:
  analyze <paths...>          MUT per goal, the cheapest mess-ups, the attack steps, findings
  check --min N <paths...>    exit 1 when a goal's MUT is below N (a CI gate)
  check --max-drop N <paths...>
                              exit 1 when the input lowers a goal's MUT by more than N
  pss --level L <paths...>    Pod Security admission verdicts (baseline or restricted)
  techniques                  the technique catalogue and the mess-up templates
  scenario verify [dirs...]   recompute every scenario stage's declared MUT
  scenario export <id> --stage N [--solution] <outdir>
                              write a stage's manifests to a folder

Options:
  -h, --help                  this help; \`mut <command> --help\` for a command
  -v, --version               the version

Paths are files or folders (read recursively for *.yaml, *.yml, *.json); - is standard input
(kubectl get -A -o yaml ... | mut analyze -). Files up to 256 MB.
Exit codes: 0 ok, 1 gate failed, 2 usage or input error, 3 internal error.
Documentation: docs/cli.md`;

const goalHelp = `  --goal G        a goal to analyse instead of the ThreatModel's (repeatable):
                  cluster-admin, node-root, secret:<ns>/<name>, exec:<ns>/<workload>
  --from P        where the attacker starts instead of the ThreatModel's:
                  internet, corporate-network, pod:<ns>/<workload>
  --baseline B    the control plane where the input says nothing, instead of the
                  ThreatModel's: kubeadm (default), eks, gke, aks, hardened`;

export const commandUsage: Record<CommandName, string> = {
  analyze: `Usage: mut analyze <paths...> [--goal G]... [--from P] [--baseline B] [--json | --format F] [--sarif FILE]

Per goal: the MUT, whether it is proved exact, the cheapest set of mess-ups, the attack
steps that use them, and the other ways in; what the input adds (the MUT of the baseline
alone, and the ways in that need the input's objects); then findings and diagnostics.

Options:
${goalHelp}
  --json          print one JSON object (schema: docs/cli.md); same as --format json
  --format F      text (default), json or sarif (SARIF 2.1.0)
  --sarif FILE    also write SARIF to FILE
  -h, --help      this help

Without a ThreatModel in the input, the defaults assumed are said on stderr.
Exit codes: 0 analysed; 2 usage error, unreadable input or input with errors.`,

  check: `Usage: mut check (--min N | --max-drop N)... <paths...> [--goal G]... [--from P] [--baseline B] [--json | --format F] [--sarif FILE]

Fails (exit 1) when any goal's MUT is below N, and prints the mess-up sets that would
suffice; with --max-drop, also when the input lowers a goal's MUT by more than N below the
baseline's alone. An unreachable goal passes. A MUT the solver could not prove exact
counts as its lower bound.

Options:
  --min N         the least MUT every goal must have (a whole number >= 0)
  --max-drop N    the most the input may lower a goal's MUT below the baseline's alone
                  (0: the input must not lower any goal); --min, --max-drop or both
${goalHelp}
  --json          print the verdict as one JSON object; same as --format json
  --format F      text (default), json, sarif or junit
  --sarif FILE    also write SARIF to FILE (for code scanning)
  -h, --help      this help

Exit codes: 0 every goal passes; 1 some goal fails a gate; 2 usage or input error.`,

  pss: `Usage: mut pss <paths...> --level baseline|restricted [--json] [--strict]

Per pod and pod template (Deployment, Job, CronJob, ...): allowed or denied, as the Pod
Security admission controller would decide at that level, with the checks it violates.

Options:
  --level L       baseline or restricted
  --json          print the report as one JSON object
  --strict        exit 1 when any pod is denied
  -h, --help      this help

Exit codes: 0 reported (any verdicts); 1 a denial with --strict; 2 usage or input error.`,

  techniques: `Usage: mut techniques [--verbose] [--json]

The attack techniques the engine knows (id, title, references) and the mess-up
templates it draws candidate mistakes from.

Options:
  --verbose       add each technique's description and remediation
  --json          print both catalogues as one JSON object
  -h, --help      this help`,

  scenario: `Usage: mut scenario verify [dirs...]
       mut scenario export <id> --stage N [--solution] <outdir>

verify: load each scenario folder (default: every folder under scenarios/), recompute
        each stage's MUT and compare it with the declared one. Exit 1 on any problem.
export: write one stage's effective manifests (its start, or with --solution its
        solution) into outdir, for \`mut analyze outdir\`.

Options:
  --stage N       the stage number (1 is the first)
  --solution      export the stage's solution instead of its start
  --root DIR      where to find scenarios (default: scenarios)
  -h, --help      this help

Exit codes: 0 ok; 1 a scenario problem; 2 usage error or unreadable scenario.`,
};
