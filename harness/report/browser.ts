import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";

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

/**
 * Opens a report file in headless Chromium and runs `check` on the page, recording what a
 * self-contained report must never do: log an error or fetch anything but the file itself.
 */
export async function openOffline(file: string, check: (page: Page) => Promise<void>): Promise<{ problems: string[]; network: string[] }> {
  const instance = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await instance.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    const network: string[] = [];
    page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("request", (request) => !request.url().startsWith("file:") && network.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await check(page);
    return { problems, network };
  } finally {
    await instance.close();
  }
}

/** Skips a browser test where Chromium is missing, saying why; in CI (which installs it) it must run. */
export function skipWithoutChromium(test: { skip: (note: string) => void }): boolean {
  const browser = chromiumAvailability();
  if (browser.available || process.env.CI === "true") return false;
  test.skip(browser.reason);
  return true;
}
