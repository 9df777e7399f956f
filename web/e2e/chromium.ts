import { type Browser, chromium } from "playwright-core";

/**
 * Debian's Chromium, started the way this machine allows: no sandbox (root in CI), no GPU, and
 * none of Chromium's own network traffic (the machine's network is closed). Playwright gives
 * every launch a fresh, empty profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
