import { afterEach, describe, expect, it } from "vitest";
import { isAuthorizedCronRequest } from "./auth";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const request = (authorization?: string) =>
  new Request("http://localhost/api/cron/background-jobs", { headers: authorization === undefined ? {} : { authorization } });

describe("isAuthorizedCronRequest", () => {
  it("accepts exactly `Bearer <CRON_SECRET>`", () => {
    process.env.CRON_SECRET = "s3cret";
    expect(isAuthorizedCronRequest(request("Bearer s3cret"))).toBe(true);
  });

  // Each case is a way a header can contain the secret without being exactly the Vercel Cron header.
  it.each([
    ["no header", undefined],
    ["a wrong secret", "Bearer nope"],
    ["a prefix of the secret", "Bearer s3cre"],
    ["the secret with a suffix", "Bearer s3cretX"],
    ["no scheme", "s3cret"],
    ["another scheme", "Basic s3cret"],
    ["a lower-case scheme", "bearer s3cret"],
    ["text before the scheme", "x Bearer s3cret"],
    ["a second token", "Bearer s3cret extra"],
    ["two spaces", "Bearer  s3cret"],
    ["an empty token", "Bearer "],
  ])("rejects %s", (_, header) => {
    process.env.CRON_SECRET = "s3cret";
    expect(isAuthorizedCronRequest(request(header))).toBe(false);
  });

  it("fails closed when the secret is unset or empty, even for `Bearer undefined` or `Bearer `", () => {
    delete process.env.CRON_SECRET;
    expect(isAuthorizedCronRequest(request("Bearer undefined"))).toBe(false);
    process.env.CRON_SECRET = "";
    expect(isAuthorizedCronRequest(request("Bearer "))).toBe(false);
    expect(isAuthorizedCronRequest(request("Bearer"))).toBe(false);
  });

  it("reads the secret from the env var the route names", () => {
    process.env.CRON_SECRET = "default-secret";
    process.env.OTHER_SECRET = "other-secret";
    expect(isAuthorizedCronRequest(request("Bearer other-secret"), "OTHER_SECRET")).toBe(true);
    expect(isAuthorizedCronRequest(request("Bearer default-secret"), "OTHER_SECRET")).toBe(false);
  });
});
