// .ci/run's last word on the tests: the JUnit report must list no failure, whatever exit code `npm test`
// gave. Prints the totals and every skipped test. Usage: tsx harness/ci/check-junit.ts [reports/junit.xml]
import { readFile } from "node:fs/promises";
import { junitVerdict, summarizeJunit } from "./junit-summary";

const file = process.argv[2] ?? "reports/junit.xml";
try {
  const { ok, lines } = junitVerdict(summarizeJunit(await readFile(file, "utf8")));
  console.info(lines.join("\n"));
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(`cronstorm: cannot read the JUnit report ${file}: ${(error as Error).message}`);
  process.exitCode = 1;
}
