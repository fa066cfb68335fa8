import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium (`/usr/bin/chromium`, installed by .ci/run), driven by playwright-core: the journeys never
 * download a browser. Headless, no sandbox (CI runs as root), and no background traffic, so that a journey can
 * assert that a page loads nothing from outside Amont.
 * @returns the launched browser; close it in `afterAll`
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
