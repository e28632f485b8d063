// Lighthouse's report on each page given, from one Node process and one Chromium, for tests/test_standards.py:
//
//     CHROME_PATH=/usr/bin/chromium node tests/lighthouse.mjs '{"urls": [...], "out": DIR, "chromeFlags": [...]}'
//
// writes DIR/0.json, DIR/1.json... (each page's report, as `lighthouse URL --output=json` writes it) and exits.
// Lighthouse's own command does the same for one page, but costs about twice as long a page: it starts Node,
// loads its code and launches and kills a browser every time, and lingers five seconds before exiting.
// Lighthouse clears the origin's storage and the cache before each page, so a page's report owes nothing to
// the page before it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";

const { urls, out, chromeFlags } = JSON.parse(process.argv[2]);
const chrome = await launch({ chromeFlags }); // the browser at CHROME_PATH
let failed = false;
try {
  for (const [i, url] of urls.entries()) {
    const result = await lighthouse(url, {
      port: chrome.port,
      onlyCategories: ["accessibility", "best-practices"],
      // The screenshot is for Lighthouse's HTML report, which no one reads here: a second saved a page.
      disableFullPageScreenshot: true,
      logLevel: "error",
    });
    writeFileSync(join(out, `${i}.json`), result.report);
  }
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  chrome.kill();
}
// Exit now: the protocol's connection keeps Node waiting for seconds after the work is done.
process.exit(failed ? 1 : 0);
