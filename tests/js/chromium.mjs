// The headless Chromium every test harness here uses: where it is
// (LINEAGE_CHROMIUM, default Debian's /usr/bin/chromium) and the flags it
// runs with (no sandbox, no GPU, nothing that goes to the network). Each
// harness launches it itself (with its own profile, timeouts and exit
// codes); this module only keeps those facts in one place.

import fs from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];

export const INSTALL_HINT = 'run `bash scripts/install-test-tools.sh` from the repository root';

// The browser's path; `fail(message)` is called (and must exit) when it is missing.
export function chromiumPath(fail) {
  const chromium = process.env.LINEAGE_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) fail(`${chromium} is missing: ${INSTALL_HINT}`);
  return chromium;
}
