// Known-bad variant and the benchmark's control: the route with the advisory lock removed. Every
// overlapping invocation runs the jobs, which is what the lock buys measured against.
import { processBackgroundJobs } from "../../../src/lib/background-jobs/runner";
import { isAuthorizedCronRequest } from "../../../src/lib/cron/auth";
import { completed, failed, unauthorized } from "../../../src/lib/cron/responses";

export async function GET(request: Request): Promise<Response> {
  if (!isAuthorizedCronRequest(request)) return unauthorized();
  try {
    return completed(await processBackgroundJobs());
  } catch {
    return failed();
  }
}
