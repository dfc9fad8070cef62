// Runs many commands through the built CLI (its mut.js, as installed) in one Node process:
// starting a process per command would cost minutes for the hostile corpus. Each command
// imports mut.js afresh (a new query string), so its top-level code runs again with
// process.argv set; its chunks (the engine) are loaded once. stdout, stderr and the exit code
// are captured per command.
//
//   node test/cli/inProcessMut.mjs <path/to/mut.js> <jobs.json> <results.json>
//   jobs: [{ "args": [...], "cwd": "..." }]  →  results: [{ "code", "stdout", "stderr", "ms" }]
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [mutPath, jobsPath, resultsPath] = process.argv.slice(2);
const jobs = JSON.parse(readFileSync(jobsPath, 'utf8'));
const mutUrl = pathToFileURL(mutPath).href;
// mut.js adds an EPIPE listener each time it runs.
process.stdout.setMaxListeners(0);
const write = { out: process.stdout.write, err: process.stderr.write };
const results = [];
for (const [i, job] of jobs.entries()) {
  let stdout = '';
  let stderr = '';
  process.stdout.write = (chunk) => ((stdout += chunk), true);
  process.stderr.write = (chunk) => ((stderr += chunk), true);
  process.argv = [process.execPath, mutPath, ...job.args];
  process.exitCode = undefined;
  process.chdir(job.cwd);
  const started = performance.now();
  try {
    await import(`${mutUrl}?job=${i}`);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  results.push({
    code: process.exitCode ?? 0,
    stdout,
    stderr,
    ms: Math.round(performance.now() - started),
  });
}
process.exitCode = 0;
writeFileSync(resultsPath, JSON.stringify(results));
