import { createHash, timingSafeEqual } from "node:crypto";

const BEARER = /^Bearer (\S+)$/;

/**
 * Vercel Cron sends `Authorization: Bearer $CRON_SECRET`. Fails closed when the secret is unset or empty,
 * so the documented `!== \`Bearer ${process.env.CRON_SECRET}\`` trap (`Bearer undefined` passing) cannot
 * happen. Digests make both sides equal length, so the comparison is constant time.
 */
export function isAuthorizedCronRequest(request: Request, secretEnvName = "CRON_SECRET"): boolean {
  const secret = process.env[secretEnvName];
  if (!secret) return false;
  const match = BEARER.exec(request.headers.get("authorization") ?? "");
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), digest(secret));
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
