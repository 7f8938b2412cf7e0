/**
 * Runs many `distq` command lines through the CLI's own main() in one process, capturing what each
 * writes to stdout and stderr and its exit code, so the hostile-input suite does not pay a process
 * start per case. Usage: node --import tsx cliCaseRunner.ts CASES.json RESULTS.json, where CASES.json
 * is a list of { name, argv }. The results carry the process's peak resident memory.
 */
import * as fs from 'node:fs';

export interface CliCase {
  name: string;
  argv: string[];
}

export interface CliCaseResult {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
  milliseconds: number;
}

export interface CliRunnerReport {
  results: CliCaseResult[];
  /** Peak resident set size of the whole runner, in bytes. */
  maxRssBytes: number;
}

async function runCases(casesFile: string, resultsFile: string): Promise<void> {
  process.env.DISTQ_CLI_IMPORTED = '1';
  const { main } = await import('../../../engine/cli/main.ts');
  const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8')) as CliCase[];
  const results: CliCaseResult[] = [];
  const realStdout = process.stdout.write.bind(process.stdout);
  const realStderr = process.stderr.write.bind(process.stderr);
  for (const { name, argv } of cases) {
    let stdout = '';
    let stderr = '';
    process.stdout.write = ((chunk: string | Uint8Array) => {
      stdout += chunk.toString();
      return true;
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => {
      stderr += chunk.toString();
      return true;
    }) as typeof process.stderr.write;
    const started = performance.now();
    let code: number;
    try {
      code = await main(argv);
    } finally {
      process.stdout.write = realStdout;
      process.stderr.write = realStderr;
    }
    results.push({ name, code, stdout, stderr, milliseconds: performance.now() - started });
  }
  const report: CliRunnerReport = { results, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  fs.writeFileSync(resultsFile, JSON.stringify(report));
}

const [casesFile, resultsFile] = process.argv.slice(2);
if (!casesFile || !resultsFile) throw new Error('usage: cliCaseRunner.ts CASES.json RESULTS.json');
void runCases(casesFile, resultsFile);
