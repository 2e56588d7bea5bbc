#!/usr/bin/env node
// Measure SVG figures as Chromium draws them at the size they declare (a
// `--size slide` figure: 1920×1080), one JSON line per file on stdout:
//
//   {"file":..., "width":px, "height":px,
//    "texts":[{"text":..., "px": font size as drawn (computed size times the
//              text's scale on screen)}],
//    "drawing":{"x","y","w","h"}: the box around everything drawn on screen
//              except the page's background, clipped to the figure}
//
// Usage: node measure-svg.mjs FILE.svg...
// Exit status 0 when every file was measured, 2 on a harness failure.
// Environment: LINEAGE_CHROMIUM (default /usr/bin/chromium).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';


function fail(msg) {
  process.stderr.write(`measure-svg: ${msg}\n`);
  process.exit(2);
}

// Runs inside Chromium, on a page that is the SVG file itself.
function measureInPage() {
  const svg = document.documentElement;
  const out = [];
  for (const t of svg.querySelectorAll('text')) {
    const text = t.textContent.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const m = t.getScreenCTM();
    const scale = Math.sqrt(m.a * m.a + m.b * m.b);
    out.push({ text, px: parseFloat(getComputedStyle(t).fontSize) * scale });
  }
  const r = svg.getBoundingClientRect();
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const el of svg.querySelectorAll('text, rect, path, line, circle, ellipse, polygon, polyline')) {
    if (el.closest('.background') || el.closest('defs') || el.closest('title')) continue;
    const b = el.getBoundingClientRect();
    if (b.width === 0 && b.height === 0) continue;
    x0 = Math.min(x0, Math.max(b.left, r.left));
    y0 = Math.min(y0, Math.max(b.top, r.top));
    x1 = Math.max(x1, Math.min(b.right, r.right));
    y1 = Math.max(y1, Math.min(b.bottom, r.bottom));
  }
  const drawing = x1 > x0 ? { x: x0 - r.left, y: y0 - r.top, w: x1 - x0, h: y1 - y0 } : { x: 0, y: 0, w: 0, h: 0 };
  return { width: r.width, height: r.height, texts: out, drawing };
}

const files = process.argv.slice(2);
if (files.length === 0) fail('usage: node measure-svg.mjs FILE.svg...');
const chromium = chromiumPath(fail);
const puppeteer = (await import('puppeteer')).default;
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-svg-'));
let browser;
try {
  browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: CHROMIUM_ARGS, userDataDir });
  const page = await browser.newPage();
  await page.setViewport({ width: 1920, height: 1080 });
  for (const file of files) {
    await page.goto(pathToFileURL(path.resolve(file)).href);
    const r = await page.evaluate(measureInPage);
    process.stdout.write(JSON.stringify({ file, ...r }) + '\n');
  }
} catch (e) {
  fail(e && e.stack ? e.stack : String(e));
} finally {
  if (browser) await browser.close().catch(() => {});
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
