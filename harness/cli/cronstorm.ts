import { EXIT } from "./exit-codes";
import { cleanUpSessions } from "./interrupt";
import { rideOutTerminatedSessions } from "./terminated-sessions";

type Command = { summary: string; main: (argv: string[]) => Promise<number> };

/** One binary, Playwright-style subcommands; each loads only its own code, so `--help` and `init` start fast. */
const COMMANDS: Record<string, Command> = {
  init: { summary: "write a commented cronstorm.config.ts for the cron route found under app/api/cron/*/route.ts", main: async (argv) => (await import("./init")).initMain(argv) },
  run: { summary: "run the scenario suite against the target and print verdicts", main: async (argv) => (await import("./chaos")).chaosMain(argv) },
  catalog: { summary: "run the fault catalog (every fault × invariant) against the target", main: async (argv) => (await import("./chaos")).chaosMain(["--catalog", ...argv]) },
  list: { summary: "list the scenarios (with --catalog: the faults) and what each proves", main: async (argv) => (await import("./chaos")).chaosMain(["--list", ...argv]) },
  bench: { summary: "sweep run settings (budget, concurrency, …) and write the budget report", main: async (argv) => (await import("./bench")).benchMain(argv) },
  "merge-reports": { summary: "merge the blob results of --shard runs into the report one run would write", main: async (argv) => (await import("./merge-reports")).mergeReportsMain(argv) },
};

export const CRONSTORM_HELP = `Usage: cronstorm <command> [flags]

cronstorm proves that a cron route's Postgres advisory lock holds under overlapping runs, faults and
slow OpenAI calls, against real PostgreSQL.

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`).join("\n")}

Run \`cronstorm <command> --help\` for a command's flags.
Exit codes: ${EXIT.pass} pass, ${EXIT.verdictFailed} a check failed or could not be judged, ${EXIT.badInput} bad input (nothing started), ${EXIT.harnessBroke} cronstorm itself broke.`;

/** Dispatches argv to a command; resolves to the process's exit code. */
export async function cronstormMain(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") return void console.info(CRONSTORM_HELP), name === undefined ? EXIT.badInput : EXIT.pass;
  const command = COMMANDS[name];
  if (!command) {
    console.error(`cronstorm: unknown command "${name}"; the commands are ${Object.keys(COMMANDS).join(", ")}. Run \`cronstorm --help\`.`);
    return EXIT.badInput;
  }
  return command.main(rest);
}

/** Runs the CLI in this process and exits with its code; an error that escapes is cronstorm breaking, not a verdict. */
export function runCli(argv: string[]): void {
  stopWhenOutputCloses();
  let broken = false;
  // Straight to stderr: console is captured while a scenario runs, and this message must never be lost.
  const broke = (error: unknown) => {
    if (broken) return;
    broken = true;
    const why = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(
      `cronstorm broke: an error escaped and no verdict was reached. In shared mode the app runs in this process, ` +
        `so an error the app let escape lands here too; --mode isolated tells them apart.\n${why}\n`,
    );
    void cleanUpSessions().finally(() => process.exit(EXIT.harnessBroke));
  };
  rideOutTerminatedSessions(broke);
  cronstormMain(argv).then((code) => process.exit(code), broke);
}

/**
 * Output that went away (a pipe `| head` closed, a parent that died) fails every write, and reporting
 * that failure writes again: unhandled, the errors kept the process spinning at full CPU, deaf to
 * signals, its PostgreSQL running (seen when a stopped gate run killed the test worker that had started
 * `cronstorm run`). The first such error stops the run as a SIGTERM does (cleanup, exit 143); the
 * listeners stay, so later write errors are dropped.
 */
function stopWhenOutputCloses(): void {
  let closed = false;
  const onError = () => {
    if (closed) return;
    closed = true;
    process.kill(process.pid, "SIGTERM");
  };
  process.stdout.on("error", onError);
  process.stderr.on("error", onError);
}
