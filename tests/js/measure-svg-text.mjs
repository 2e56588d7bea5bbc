#!/usr/bin/env node
// Open SVG files in headless Chromium and report how their text is drawn:
// one JSON line per file on stdout:
//
//   {"file":..., "fonts":[{"family","status"}],
//    "texts":[{"text","runs":[{"text","length"}],"size","weight","width","overflow",
//              "fonts":[{"family","custom","glyphs"}]}]}
//
// Usage: node measure-svg-text.mjs FILE...
//
// "fonts" are the @font-face faces of the document (document.fonts) after
// document.fonts.ready. For each <text>: its text (whitespace collapsed), its
// runs (its tspans, or itself) with their advance (getComputedTextLength),
// its computed font size and weight, the width of its box (getBBox), how far it
// sticks out of the box it belongs to (the nearest enclosing group with a
// child `g.card`, `g.chip-box` or `g.label-bg`; null when it has none; 0
// when inside), and the fonts Chromium drew it with (CDP
// CSS.getPlatformFontsForNode; "custom" is true for an @font-face font).
//
// Which system fonts Chromium sees is up to the caller (FONTCONFIG_FILE).
// Environment: LINEAGE_CHROMIUM (default /usr/bin/chromium).

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const files = process.argv.slice(2);
const executablePath = chromiumPath((msg) => {
  process.stderr.write(`measure-svg-text: ${msg}\n`);
  process.exit(2);
});

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [...CHROMIUM_ARGS, '--allow-file-access-from-files'],
});
try {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  for (const file of files) {
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
    const measured = await page.evaluate(async () => {
      await document.fonts.ready;
      const fonts = [...document.fonts].map((f) => ({ family: f.family.replace(/"/g, ''), status: f.status }));
      const boxOf = (t) => {
        for (let g = t.parentElement; g && g.tagName !== 'svg'; g = g.parentElement) {
          const box = [...g.children].find(
            (c) => c !== t && c.tagName === 'g' && ['card', 'chip-box', 'label-bg'].some((k) => c.classList.contains(k)),
          );
          if (box) return box;
        }
        return null;
      };
      return {
        fonts,
        texts: [...document.querySelectorAll('text')].map((t) => {
          const b = t.getBBox();
          const box = boxOf(t);
          let overflow = null;
          if (box) {
            const o = box.getBBox();
            overflow = Math.max(0, o.x - b.x, b.x + b.width - (o.x + o.width));
          }
          const style = getComputedStyle(t);
          // Runs placed apart (tspans with their own x) are measured one by one.
          const parts = [...t.querySelectorAll('tspan')];
          const runs = (parts.length ? parts : [t]).map((p) => ({
            text: p.textContent.replace(/\s+/g, ' ').trim(),
            length: p.getComputedTextLength(),
          }));
          return {
            runs,
            text: t.textContent.replace(/\s+/g, ' ').trim(),
            size: parseFloat(style.fontSize),
            weight: style.fontWeight,
            width: b.width,
            overflow,
          };
        }),
      };
    });
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'text' });
    for (let i = 0; i < nodeIds.length && i < measured.texts.length; i++) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: nodeIds[i] });
      measured.texts[i].fonts = fonts.map((f) => ({ family: f.familyName, custom: f.isCustomFont, glyphs: f.glyphCount }));
    }
    process.stdout.write(JSON.stringify({ file, ...measured }) + '\n');
  }
} finally {
  await browser.close();
}
