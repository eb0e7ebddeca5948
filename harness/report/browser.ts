import { existsSync } from "node:fs";

/** Debian's Chromium (apt-get install -y chromium), driven by playwright-core; no browser download. */
export const CHROMIUM = process.env.CRONSTORM_CHROMIUM || "/usr/bin/chromium";

export function chromiumAvailability(): { available: true } | { available: false; reason: string } {
  return existsSync(CHROMIUM)
    ? { available: true }
    : { available: false, reason: `no Chromium at ${CHROMIUM}; install it with \`apt-get install -y chromium\` or set CRONSTORM_CHROMIUM` };
}

/** Flags for a root, offline run (playwright adds headless): the closed network refuses Chromium's background traffic. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
