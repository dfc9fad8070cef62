import { inputLimits } from './limits.ts';

// The engine takes a while to load: commands load it only once their arguments and input
// files are known to be good, so usage and file errors answer at once.
//
// The engine refuses files over its own size limit (8 MB: what the browser lab needs); the
// CLI reads whole cluster dumps, so it raises that limit to its own, already enforced when
// the files were read (src/cli/limits.ts).
export async function loadEngine() {
  const [engine, parse] = await Promise.all([
    import('../engine/index.ts'),
    import('../engine/manifests/parseFiles.ts'),
  ]);
  parse.limits.maxFileBytes = Math.max(parse.limits.maxFileBytes, inputLimits.maxFileBytes);
  return engine;
}
