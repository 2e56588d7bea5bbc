#!/usr/bin/env node
// Render Mermaid diagrams with the real Mermaid, in headless Chromium, and report
// one JSON line per diagram on stdout:
//
//   {"file":..., "index":n, "line":n, "ok":bool, "error":string|null,
//    "texts":[...], "title":string|null, "version":"11.17.2"}
//
// Usage: node render-mermaid.mjs --mermaid current|11.3 [--measure WIDTH] [--screenshots DIR] FILE...
//
// --measure WIDTH adds "measure" to each line: the diagram placed in a column WIDTH px
// wide (as GitHub places it: never wider than Mermaid drew it), and for every piece
// of visible text (one entry per element that holds text directly):
//   {"text", "px": font size as a reader sees it in that column (computed font size
//    times the scale the SVG is drawn at), "line": the smallest height of its line
//    boxes there (Range.getClientRects), "color": [r,g,b,a],
//    "white"/"dark": {"bg": [r,g,b], "contrast": WCAG ratio} on a white page and on
//    GitHub's dark page #0d1117, "bg" being the commonest colour behind the text
//    (a screenshot of the diagram at its natural size with all text made transparent)}
// and "width" (drawn width in the column), "natural" (Mermaid's own width),
// "key" (the text of the element with class "lnKey" if any: the mark key).
// --screenshots DIR writes DIR/<file-stem>[-index].<version>.<page>.png (natural size)
// for looking at the figures.
//
//   current  node_modules/mermaid        (the version mermaid-cli uses, 11.17.x)
//   11.3     node_modules/mermaid-11-3   (the Mermaid GitHub uses to draw Markdown)
//
// A FILE ending in .md contributes every ```mermaid fenced block (index 0, 1, ...,
// "line" is the 1-based line of the opening fence); any other FILE is one diagram.
//
// "ok" is false when mermaid.render() throws, when the SVG is Mermaid's error
// picture, when Mermaid replaced the diagram by its "Maximum text size" picture,
// or when the source is longer than 50,000 characters.
// "texts" holds the visible text of node, cluster and edge labels (document order,
// whitespace normalised, <br> read as a space, empty labels left out).
// "title" is the front-matter title as drawn, or null.
//
// Exit status: 0 when every diagram was tried (whatever the outcome: the caller
// decides), 2 on a harness failure (bad usage, node_modules or the browser missing,
// the browser would not start or died).
//
// One browser, one page, mermaid.min.js loaded once: about 0.1 s per diagram.
// Environment: LINEAGE_CHROMIUM (default /usr/bin/chromium) picks the browser;
// MERMAID_TIMEOUT_MS (default 60000) bounds one render.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, INSTALL_HINT, chromiumPath } from './chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MAX_SOURCE_CHARS = 50000;
const VERSIONS = {
  current: 'mermaid',
  '11.3': 'mermaid-11-3',
};

function harnessFailure(msg) {
  process.stderr.write(`render-mermaid: ${msg}\n`);
  process.exit(2);
}

function usage(msg) {
  harnessFailure(`${msg}\nusage: node render-mermaid.mjs --mermaid current|11.3 FILE...`);
}

// ---- arguments -------------------------------------------------------------

function parseArgs(argv) {
  let version = null;
  let measure = null;
  let screenshots = null;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--mermaid') {
      version = argv[++i];
      if (version === undefined) usage('--mermaid needs a value');
    } else if (a.startsWith('--mermaid=')) {
      version = a.slice('--mermaid='.length);
    } else if (a === '--measure') {
      measure = Number(argv[++i]);
      if (!(measure > 0)) usage('--measure needs a width in px');
    } else if (a === '--screenshots') {
      screenshots = argv[++i];
      if (screenshots === undefined) usage('--screenshots needs a folder');
    } else if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('--')) {
      usage(`unknown option ${a}`);
    } else {
      files.push(a);
    }
  }
  if (version === null) usage('missing --mermaid');
  if (!(version in VERSIONS)) usage(`unknown Mermaid version ${JSON.stringify(version)}`);
  if (files.length === 0) usage('no FILE given');
  return { version, files, measure, screenshots };
}

// ---- Markdown ----------------------------------------------------------------

// Every ```mermaid (or ~~~mermaid) fenced block of a CommonMark document.
export function mermaidBlocks(markdown) {
  const lines = markdown.split(/\r?\n/);
  const blocks = [];
  let open = null; // { char, len, indent, mermaid, line, body: [] }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (open === null) {
      const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
      if (!m) continue;
      const info = m[3].trim();
      if (m[2][0] === '`' && info.includes('`')) continue; // not a fence
      open = {
        char: m[2][0],
        len: m[2].length,
        indent: m[1].length,
        mermaid: info.split(/\s+/)[0] === 'mermaid',
        line: i + 1,
        body: [],
      };
    } else {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === open.char && close[1].length >= open.len) {
        if (open.mermaid) blocks.push({ line: open.line, text: open.body.join('\n') + '\n' });
        open = null;
      } else {
        // Remove up to the fence's own indentation, as CommonMark does.
        let strip = 0;
        while (strip < open.indent && line[strip] === ' ') strip++;
        open.body.push(line.slice(strip));
      }
    }
  }
  // An unclosed fence runs to the end of the document.
  if (open !== null && open.mermaid) blocks.push({ line: open.line, text: open.body.join('\n') + '\n' });
  return blocks;
}

// ---- in the page -------------------------------------------------------------

// Runs inside Chromium. Kept self-contained: puppeteer serialises it.
async function renderInPage(id, text) {
  const host = document.getElementById('host');
  host.replaceChildren();
  const cleanup = () => {
    // mermaid.render() works in temporary elements in <body>; an exception can leave them.
    for (const tmp of [id, `d${id}`, `i${id}`]) {
      const el = document.getElementById(tmp);
      if (el && !host.contains(el)) el.remove();
    }
  };

  const visibleText = (root) => {
    let out = '';
    const walk = (n) => {
      if (n.nodeType === Node.TEXT_NODE) {
        out += n.data;
        return;
      }
      if (n.nodeType !== Node.ELEMENT_NODE) return;
      const tag = n.localName;
      if (tag === 'style' || tag === 'script' || tag === 'title' || tag === 'desc') return;
      const block =
        tag === 'br' || tag === 'p' || tag === 'div' || tag === 'text' ||
        (tag === 'tspan' && (n.classList.contains('text-outer-tspan') || n.classList.contains('row')));
      if (block) out += ' ';
      for (const c of n.childNodes) walk(c);
      if (block) out += ' ';
    };
    walk(root);
    return out.replace(/\s+/g, ' ').trim();
  };

  let svgText;
  try {
    const result = await window.mermaid.render(id, text);
    svgText = result.svg;
  } catch (e) {
    cleanup();
    const msg = (e && (e.message || e.str)) || String(e);
    return { ok: false, error: String(msg), texts: [], title: null };
  }
  cleanup();

  // Put the SVG into the document so that text can be read as a browser shows it.
  host.innerHTML = svgText;
  const svg = host.querySelector('svg');
  if (!svg) return { ok: false, error: 'mermaid.render() returned no <svg>', texts: [], title: null };

  const all = visibleText(svg);
  const problems = [];
  if (svg.getAttribute('aria-roledescription') === 'error') problems.push('aria-roledescription="error"');
  if (svg.querySelector('.error-icon')) problems.push('.error-icon');
  if (svg.querySelector('.error-text')) problems.push('.error-text');
  if (/Syntax error in (text|graph)/i.test(all)) problems.push('"Syntax error" text');

  const SEL = '.nodeLabel, .edgeLabel, .cluster-label, .node .label, .cluster .label';
  const matches = Array.from(svg.querySelectorAll(SEL));
  // Keep the innermost matches only: a <g class="edgeLabel"> wraps a <span class="edgeLabel">.
  const leaves = matches.filter((el) => !matches.some((o) => o !== el && el.contains(o)));
  const texts = leaves.map(visibleText).filter((t) => t.length > 0);

  const titleEl = svg.querySelector('.flowchartTitleText, .titleText, [class$="TitleText"]');
  const title = titleEl ? visibleText(titleEl) : null;

  if (texts.some((t) => /Maximum text size in diagram exceeded/i.test(t))) {
    problems.push('"Maximum text size in diagram exceeded" picture');
  }
  // Where each node was drawn: its label and the centre of its box.
  const nodes = Array.from(svg.querySelectorAll('g.node')).map((g) => {
    const r = g.getBoundingClientRect();
    return { label: visibleText(g), x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  if (problems.length > 0) {
    return {
      ok: false,
      error: `Mermaid drew its error picture (${problems.join(', ')}): ${all.slice(0, 300)}`,
      texts,
      title,
      nodes,
    };
  }
  return { ok: true, error: null, texts, title, nodes };
}

// ---- fitting a column, contrast on two pages ---------------------------------

const PAGES = { white: '#ffffff', dark: '#0d1117' };

// Runs inside Chromium: every element that holds visible text directly, with its
// font size as drawn and its line boxes. The host is `width` px wide.
function textsInPage(width) {
  const host = document.getElementById('host');
  host.style.width = `${width}px`;
  const svg = host.querySelector('svg');
  const vb = svg.viewBox && svg.viewBox.baseVal;
  const natural = vb && vb.width > 0 ? vb.width : svg.getBoundingClientRect().width;
  const drawn = svg.getBoundingClientRect().width;
  const out = [];
  const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
  const seen = new Map();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim()) continue;
    const el = n.parentElement;
    if (!el || el.closest('style, title, desc, defs')) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    if (rects.length === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    // The scale the text is drawn at: the CTM of the nearest SVG element.
    const svgEl = el instanceof SVGGraphicsElement ? el : el.closest('foreignObject');
    const m = svgEl.getScreenCTM();
    const scale = Math.sqrt(m.a * m.a + m.b * m.b);
    const isSvgText = el instanceof SVGElement;
    const paint = isSvgText ? cs.fill : cs.color;
    const c = /rgba?\(([^)]*)\)/.exec(paint);
    const rgba = c ? c[1].split(',').map(Number) : [0, 0, 0, 0];
    if (rgba.length === 3) rgba.push(1);
    let entry = seen.get(el);
    if (!entry) {
      entry = {
        text: '',
        px: parseFloat(cs.fontSize) * scale,
        line: Infinity,
        color: rgba,
        rects: [],
        inKey: Boolean(el.closest('.lnKey')),
      };
      seen.set(el, entry);
      out.push(entry);
    }
    entry.text = (entry.text + ' ' + n.data).replace(/\s+/g, ' ').trim();
    for (const r of rects) {
      entry.line = Math.min(entry.line, r.height);
      entry.rects.push([r.x + window.scrollX, r.y + window.scrollY, r.width, r.height]);
    }
  }
  const key = svg.querySelector('.lnKey');
  return { natural, drawn, texts: out, key: key ? key.textContent.replace(/\s+/g, ' ').trim() : null };
}

// Runs inside Chromium: make every text transparent (or show it again).
function hideTextInPage(hide) {
  let st = document.getElementById('hide-text');
  if (!hide) {
    if (st) st.remove();
    return;
  }
  if (!st) {
    st = document.createElement('style');
    st.id = 'hide-text';
    st.textContent =
      '#host svg * { color: transparent !important; -webkit-text-fill-color: transparent !important; }' +
      '#host svg text, #host svg tspan { fill: transparent !important; stroke: transparent !important; }';
    document.head.appendChild(st);
  }
}

// Runs inside Chromium: the commonest colour in each rectangle of a PNG.
async function sampleInPage(png, rectsList) {
  const img = new Image();
  img.src = `data:image/png;base64,${png}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(img, 0, 0);
  return rectsList.map((rects) => {
    const counts = new Map();
    for (const [x, y, w, h] of rects) {
      const x0 = Math.max(0, Math.floor(x)), y0 = Math.max(0, Math.floor(y));
      const x1 = Math.min(img.width, Math.ceil(x + w)), y1 = Math.min(img.height, Math.ceil(y + h));
      if (x1 <= x0 || y1 <= y0) continue;
      const data = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
      for (let i = 0; i < data.length; i += 4) {
        const k = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        counts.set(k, (counts.get(k) || 0) + 1);
      }
    }
    let best = 0, bestN = -1;
    for (const [k, n] of counts) if (n > bestN) { best = k; bestN = n; }
    return [(best >> 16) & 255, (best >> 8) & 255, best & 255];
  });
}

function luminance([r, g, b]) {
  const f = (v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

function contrast(fg, bg) {
  // A translucent text colour is seen blended over what is behind it.
  const a = fg[3] === undefined ? 1 : fg[3];
  const seen = [0, 1, 2].map((i) => fg[i] * a + bg[i] * (1 - a));
  const [hi, lo] = [luminance(seen), luminance(bg)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// The diagram in the host: text sizes in a `width` px column, then contrast on each page.
async function measureFit(page, width, shotPrefix) {
  const column = await page.evaluate(textsInPage, width);
  // Contrast at the natural size, where every text has enough pixels behind it.
  const natural = await page.evaluate(textsInPage, Math.ceil(column.natural));
  await page.setViewport({ width: Math.ceil(column.natural) + 40, height: 800 });
  const texts = column.texts.map((t, i) => ({ text: t.text, px: t.px, line: t.line, color: t.color, inKey: t.inKey }));
  for (const [name, colour] of Object.entries(PAGES)) {
    await page.evaluate((c) => { document.body.style.margin = '0'; document.body.style.background = c; }, colour);
    if (shotPrefix) {
      await page.evaluate(hideTextInPage, false);
      await page.screenshot({ path: `${shotPrefix}.${name}.png`, fullPage: true });
    }
    await page.evaluate(hideTextInPage, true);
    const png = await page.screenshot({ encoding: 'base64', fullPage: true });
    await page.evaluate(hideTextInPage, false);
    const bgs = await page.evaluate(sampleInPage, png, natural.texts.map((t) => t.rects));
    natural.texts.forEach((t, i) => {
      if (texts[i]) texts[i][name] = { bg: bgs[i], contrast: contrast(t.color, bgs[i]) };
    });
  }
  await page.setViewport({ width: 800, height: 600 });
  await page.evaluate(() => { document.body.style.background = ''; document.getElementById('host').style.width = ''; });
  return { width: column.drawn, natural: column.natural, key: column.key, texts };
}

// ---- main --------------------------------------------------------------------

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]);
}
class TimeoutError extends Error {}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function main() {
  const { version, files, measure, screenshots } = parseArgs(process.argv.slice(2));

  const pkgDir = path.join(HERE, 'node_modules', VERSIONS[version]);
  const minJs = path.join(pkgDir, 'dist', 'mermaid.min.js');
  if (!fs.existsSync(minJs)) harnessFailure(`${minJs} is missing: ${INSTALL_HINT}`);
  const mermaidVersion = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;

  const chromium = chromiumPath(harnessFailure);

  let puppeteer;
  try {
    puppeteer = (await import('puppeteer')).default;
  } catch (e) {
    harnessFailure(`cannot load puppeteer (${e.message}): ${INSTALL_HINT}`);
  }

  // Read every diagram first: a missing file is reported as a failed diagram.
  const diagrams = [];
  for (const file of files) {
    let src;
    try {
      src = fs.readFileSync(file, 'utf8');
    } catch (e) {
      diagrams.push({ file, index: 0, line: 1, text: null, readError: `cannot read ${file}: ${e.message}` });
      continue;
    }
    if (file.toLowerCase().endsWith('.md')) {
      const blocks = mermaidBlocks(src);
      if (blocks.length === 0) process.stderr.write(`render-mermaid: note: no \`\`\`mermaid block in ${file}\n`);
      blocks.forEach((b, index) => diagrams.push({ file, index, line: b.line, text: b.text }));
    } else {
      diagrams.push({ file, index: 0, line: 1, text: src });
    }
  }

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-mermaid-'));
  let browser = null;
  const shutdown = async () => {
    if (browser) {
      const b = browser;
      browser = null;
      await b.close().catch(() => {});
    }
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };

  try {
    try {
      browser = await puppeteer.launch({
        executablePath: chromium,
        headless: true,
        args: CHROMIUM_ARGS,
        userDataDir,
        timeout: 60000,
        protocolTimeout: 180000,
      });
    } catch (e) {
      throw new Error(`cannot start ${chromium}: ${e.message}`);
    }

    const openPage = async () => {
      const page = await browser.newPage();
      if (process.env.RENDER_MERMAID_DEBUG) {
        page.on('console', (m) => process.stderr.write(`[page ${m.type()}] ${m.text()}\n`));
        page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
      }
      await page.setContent(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="host"></div></body></html>',
      );
      await page.addScriptTag({ path: minJs });
      const ok = await page.evaluate(() => {
        if (!window.mermaid || typeof window.mermaid.render !== 'function') return false;
        window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
        return true;
      });
      if (!ok) throw new Error(`${minJs} did not define window.mermaid.render`);
      return page;
    };

    let page = await openPage();
    let n = 0;
    for (const d of diagrams) {
      const base = { file: d.file, index: d.index, line: d.line };
      if (d.text === null) {
        emit({ ...base, ok: false, error: d.readError, texts: [], title: null, version: mermaidVersion });
        continue;
      }
      let r;
      try {
        r = await withTimeout(
          page.evaluate(renderInPage, `lineage-m${n++}`, d.text),
          Number(process.env.MERMAID_TIMEOUT_MS || 60000),
          'mermaid.render()',
        );
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e; // the browser died: harness failure
        r = { ok: false, error: e.message, texts: [], title: null };
        // The page may still be busy: start afresh for the next diagram.
        await page.close().catch(() => {});
        page = await openPage();
      }
      if (d.text.length > MAX_SOURCE_CHARS) {
        const msg = `source is ${d.text.length} characters, over Mermaid's limit of ${MAX_SOURCE_CHARS}`;
        r = { ...r, ok: false, error: r.error ? `${msg}; ${r.error}` : msg };
      }
      let fit;
      if (r.ok && (measure !== null || screenshots !== null)) {
        const stem = path.basename(d.file).replace(/\.[^.]*$/, '') + (d.file.endsWith('.md') ? `-${d.index}` : '');
        fit = await measureFit(page, measure || 880, screenshots && path.join(screenshots, `${stem}.${version}`));
      }
      emit({ ...base, ok: r.ok, error: r.error, texts: r.texts, title: r.title, nodes: r.nodes || [], version: mermaidVersion, ...(fit && measure !== null ? { measure: fit } : {}) });
    }
  } catch (e) {
    await shutdown();
    harnessFailure(e && e.stack ? e.stack : String(e));
  }
  await shutdown();
}

const realpath = (p) => {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
};
const isMain = Boolean(process.argv[1]) && realpath(process.argv[1]) === realpath(fileURLToPath(import.meta.url));
if (isMain) {
  process.on('unhandledRejection', (e) => harnessFailure(`unhandled rejection: ${e && e.stack ? e.stack : e}`));
  main().then(
    () => process.exit(0),
    (e) => harnessFailure(e && e.stack ? e.stack : String(e)),
  );
}
