#!/usr/bin/env node
// Show SVG files through <img> (as GitHub does) in headless Chromium in a
// light or dark colour scheme, and compare their pixels:
//
//   node compare-themes.mjs SCHEME AUTO.svg FIXED.svg [AUTO.svg FIXED.svg ...]
//
// SCHEME is `light` or `dark` (the page's prefers-color-scheme). For each
// pair, one JSON line: {"auto","fixed","scheme","width","height","differing"}
// where "differing" counts pixels whose RGBA differ between the two images
// drawn at their natural size, "far" those that differ by more than half the
// range in some channel, "inked" the pixels of the first image that are not
// the colour of its top-left pixel (the page).
// Environment: LINEAGE_CHROMIUM (default /usr/bin/chromium).

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const [scheme, ...files] = process.argv.slice(2);
const fail = (msg) => {
  process.stderr.write(`compare-themes: ${msg}\n`);
  process.exit(2);
};
if (!['light', 'dark'].includes(scheme) || files.length % 2 !== 0) {
  fail('usage: compare-themes.mjs light|dark AUTO FIXED ...');
}
const executablePath = chromiumPath(fail);

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [...CHROMIUM_ARGS, '--allow-file-access-from-files'],
});
try {
  const page = await browser.newPage();
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  const dir = path.dirname(path.resolve(files[0]));
  await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
  for (let i = 0; i < files.length; i += 2) {
    const [auto, fixed] = [files[i], files[i + 1]].map((f) => pathToFileURL(path.resolve(f)).href);
    const result = await page.evaluate(
      async (a, b) => {
        const load = (src) =>
          new Promise((ok, fail) => {
            const img = new Image();
            img.onload = () => ok(img);
            img.onerror = () => fail(new Error(`cannot load ${src}`));
            img.src = src;
            document.body.appendChild(img);
          });
        const pixels = (img) => {
          const c = document.createElement('canvas');
          c.width = img.naturalWidth;
          c.height = img.naturalHeight;
          const ctx = c.getContext('2d');
          ctx.drawImage(img, 0, 0);
          return ctx.getImageData(0, 0, c.width, c.height).data;
        };
        const [ia, ib] = [await load(a), await load(b)];
        // Let embedded fonts settle before drawing.
        await new Promise((r) => setTimeout(r, 200));
        const [pa, pb] = [pixels(ia), pixels(ib)];
        let differing = 0;
        let far = 0;
        let inked = 0;
        for (let j = 0; j < Math.min(pa.length, pb.length); j += 4) {
          let most = 0;
          for (let k = 0; k < 4; k++) most = Math.max(most, Math.abs(pa[j + k] - pb[j + k]));
          if (most > 0) differing++;
          if (most > 128) far++;
          if (pa[j] !== pa[0] || pa[j + 1] !== pa[1] || pa[j + 2] !== pa[2]) inked++;
        }
        return { width: ia.naturalWidth, height: ia.naturalHeight, sameSize: pa.length === pb.length, differing, far, inked };
      },
      auto,
      fixed,
    );
    process.stdout.write(JSON.stringify({ auto: files[i], fixed: files[i + 1], scheme, ...result }) + '\n');
  }
} finally {
  await browser.close();
}
