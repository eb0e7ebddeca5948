import type { CheckInput } from "./check-input";
import { fail, pass, type Verdict } from "./verdict";

const INVARIANT = "errors answer 500 with a short message";

/**
 * A 500 body is `{success:false, error}` with a short message: no stack trace, no secret. Where the
 * scenario expects the run to fail (`expectedStatus: 500`), every burst invocation must answer 500.
 */
export function errorBodySafe({ burst, secretsThatMustNotLeak, expectedStatus }: CheckInput): Verdict {
  const errors = burst.filter((i) => i.status === 500);
  const problems: string[] = [];
  if (expectedStatus !== undefined) {
    for (const i of burst) if (i.status !== expectedStatus) problems.push(`#${i.index} answered ${i.status ?? i.error}, expected ${expectedStatus}`);
  }
  for (const invocation of errors) {
    const text = JSON.stringify(invocation.body);
    const body = invocation.body as Record<string, unknown> | undefined;
    if (body?.success !== false || typeof body.error !== "string") problems.push(`#${invocation.index} body ${text}`);
    // Test the decoded message, not the JSON text, where a newline is the two characters "\n".
    const message = typeof body?.error === "string" ? body.error : text;
    if (/\n\s+at |\.[cm]?[jt]s:\d+/.test(message) || /\.[cm]?[jt]s:\d+/.test(text)) problems.push(`#${invocation.index} leaks a stack trace`);
    for (const secret of secretsThatMustNotLeak) if (secret && text.includes(secret)) problems.push(`#${invocation.index} leaks a secret`);
    if (text.length > 300) problems.push(`#${invocation.index} body is ${text.length} characters long`);
  }
  if (problems.length > 0) return fail(INVARIANT, problems.join("; "));
  return pass(INVARIANT, errors.length ? `${errors.length} error answers, all short and clean` : "no invocation errored", { errors: errors.length });
}
