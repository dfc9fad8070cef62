import { append } from '../append';
import { arr, get, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { ref, type SourceRef } from '../manifests/locate';
import type { JsonPath } from '../types';

// Command lines and values read as the Kubernetes binaries read them: spf13/pflag for the
// command line (kube-apiserver, kubelet; etcd's Go `flag` package behaves the same for what is
// read here) and Go's strconv for the values. A value a binary refuses makes it exit at start.

/** One occurrence of a flag on a command line (or in kubeadm's extraArgs), with its line. */
export interface Flag {
  value: string;
  at: SourceRef;
}

/**
 * Go's `strconv.ParseBool`, which pflag's boolean flags use: exactly these spellings, anything
 * else is an error and the binary exits.
 */
export function parseGoBool(value: string): boolean | undefined {
  switch (value) {
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'true':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'false':
    case 'False':
      return false;
    default:
      return undefined;
  }
}

/**
 * Go's `strconv.ParseInt(s, 0, 64)` (pflag's int flags): an optional sign, then a Go integer
 * literal: decimal, `0x`, `0o`, `0b` or a leading `0` (octal), `_` only between digits.
 */
export function parseGoInt(value: string): number | undefined {
  const m =
    /^([+-]?)(?:0[xX]((?:_?[0-9a-fA-F])+)|0[oO]((?:_?[0-7])+)|0[bB]((?:_?[01])+)|0((?:_?[0-7])+)|([1-9](?:_?[0-9])*|0))$/.exec(
      value,
    );
  if (!m) return undefined;
  const [, sign, hex, oct, bin, legacyOct, dec] = m;
  const digits = (s: string) => s.replace(/_/g, '');
  const n =
    hex !== undefined
      ? parseInt(digits(hex), 16)
      : oct !== undefined
        ? parseInt(digits(oct), 8)
        : bin !== undefined
          ? parseInt(digits(bin), 2)
          : legacyOct !== undefined
            ? parseInt(digits(legacyOct), 8)
            : parseInt(digits(dec ?? ''), 10);
  return Number.isFinite(n) ? (sign === '-' ? -n : n) : undefined;
}

/** What a binary's command line says, as pflag reads it, and what it would refuse. */
export interface CommandLine {
  /** Every occurrence of each flag, in order (a repeated string-slice flag appends). */
  flags: Map<string, Flag[]>;
  /** Reasons the binary would exit before serving, each at its line. */
  problems: { message: string; at: SourceRef }[];
}

/**
 * Reads `command` then `args` as one argv, after the binary's name, as pflag does:
 * `--name=value`; `--name` alone is `true` for a boolean flag, and any other flag takes the next
 * argument as its value (whatever it is). A boolean flag never takes the next argument, so
 * `--anonymous-auth false` leaves `false` as a positional argument, which kube-apiserver,
 * the kubelet and etcd all refuse.
 */
export function readCommandLine(
  object: KubeObject,
  containerPath: JsonPath,
  container: unknown,
  binary: string,
  booleans: ReadonlySet<string>,
): CommandLine {
  const argv: { text: string; at: SourceRef }[] = [];
  for (const field of ['command', 'args'] as const)
    arr(get(container, field)).forEach((item, i) => {
      if (typeof item === 'string')
        argv.push({ text: item, at: ref(object, [...containerPath, field, i]) });
    });
  // The binary's own name (the command's first word, or the first argument) is not an argument.
  const start = argv.findIndex((a) => isBinary(a.text, binary));
  const line: CommandLine = { flags: new Map(), problems: [] };
  const positional: { text: string; at: SourceRef }[] = [];
  for (let i = start + 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const { text, at } = arg;
    if (text === '--') {
      append(positional, argv.slice(i + 1));
      break;
    }
    if (!text.startsWith('--') || text.length === 2) {
      // Single-dash shorthands (`-v=2`) are not read here; anything else is an argument.
      if (!text.startsWith('-')) positional.push(arg);
      continue;
    }
    const eq = text.indexOf('=');
    const name = eq === -1 ? text.slice(2) : text.slice(2, eq);
    let value: string;
    if (eq !== -1) value = text.slice(eq + 1);
    else if (booleans.has(name)) value = 'true';
    else if (i + 1 < argv.length) value = argv[++i]!.text;
    else {
      line.problems.push({ message: `flag needs an argument: --${name}`, at });
      continue;
    }
    const list = line.flags.get(name);
    if (list) list.push({ value, at });
    else line.flags.set(name, [{ value, at }]);
  }
  if (positional.length > 0)
    line.problems.push({
      message: `${binary} takes no arguments, got ${positional.map((p) => JSON.stringify(p.text)).join(', ')}${afterBoolean(argv, positional[0]!, booleans)}`,
      at: positional[0]!.at,
    });
  return line;
}

/** The hint for `--flag value` where the flag is boolean: its value must follow an `=`. */
function afterBoolean(
  argv: readonly { text: string; at: SourceRef }[],
  arg: { text: string; at: SourceRef },
  booleans: ReadonlySet<string>,
): string {
  const i = argv.indexOf(arg);
  const before = i > 0 ? argv[i - 1]!.text : '';
  const name = before.startsWith('--') && !before.includes('=') ? before.slice(2) : '';
  return booleans.has(name)
    ? ` (a boolean flag takes its value after "=": --${name}=${arg.text})`
    : '';
}

function isBinary(part: string, binary: string): boolean {
  return part === binary || part.endsWith(`/${binary}`);
}

/** Whether a container runs `binary` (its command's first words, or its first argument). */
export function runsBinary(container: unknown, binary: string): boolean {
  const command = [
    ...strings(get(container, 'command')),
    ...strings(get(container, 'args')).slice(0, 1),
  ];
  return command.some((part) => isBinary(part, binary));
}
