// Opens a Swimline HTML export in Debian's chromium (headless, offline, no browser downloaded)
// and checks what a reader does with it; prints one JSON object of what it found.
//   node html_check.mjs FILE.html [--shots DIR] [--bench STEPS]
// --shots writes PNG screenshots after a zoom, a search and a click; --bench times STEPS zoom
// steps and prints their median. Exit status 0 when the page could be driven (the caller judges
// the findings), 1 when it could not.
import puppeteer from 'puppeteer-core';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const args = process.argv.slice(2);
const file = path.resolve(args[0]);
const shots = args.includes('--shots') ? args[args.indexOf('--shots') + 1] : null;
const benchSteps = args.includes('--bench') ? Number(args[args.indexOf('--bench') + 1]) : 0;
const chromium = process.env.SWIMLINE_CHROMIUM || '/usr/bin/chromium';

const found = { requests: [], errors: [] };
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.setOfflineMode(true);
  await page.setRequestInterception(true);
  const url = pathToFileURL(file).href;
  page.on('request', (req) => {
    if (req.url() !== url) found.requests.push(req.url());
    req.continue();
  });
  page.on('pageerror', (e) => found.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') found.errors.push(m.text()); });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.swimline !== undefined, { timeout: 10000 });

  const axisText = () => page.evaluate(() => {
    const g = Array.from(document.querySelectorAll('#axis > g.lv')).find((g) => g.style.display !== 'none' && !g.classList.contains('away'));
    return g ? Array.from(g.querySelectorAll('.pt text')).filter((t) => {
      const r = t.getBoundingClientRect();
      return r.right > 0 && r.left < window.innerWidth;
    }).map((t) => t.textContent) : [];
  });

  // Every event: its title in the page's labels (some level), and a mark standing for it.
  Object.assign(found, await page.evaluate(() => {
    const data = JSON.parse(document.getElementById('data').textContent);
    const labels = new Set(Array.from(document.querySelectorAll('#body .lb text')).map((t) => t.textContent.replace(/ \(\?\)$/, '')));
    return {
      events: data.events.length,
      levels: data.levels.length,
      titles: data.events.map((e) => e.t),
      labelled: data.events.filter((e) => labels.has(e.t)).map((e) => e.t),
      marked: data.events.filter((e) => document.querySelector(`#body [data-e="${e.i}"]`)).length,
      title: document.querySelector('h1').textContent,
      footer: document.querySelector('footer').textContent,
      bytes: document.documentElement.outerHTML.length,
    };
  }));
  found.axisBefore = await axisText();

  // The lane names of the level shown: each header's tooltip (the full name), its lines, and
  // how far its text reaches against the column's right edge.
  found.laneNames = await page.evaluate(() => {
    const lv = Array.from(document.querySelectorAll('#body > .lv')).find((g) => g.style.display !== 'none' && !g.classList.contains('away'));
    return Array.from(lv.querySelectorAll('.hd')).map((hd) => {
      const column = hd.querySelector('rect').getBoundingClientRect();
      const texts = Array.from(hd.querySelectorAll('text.nm'));
      return {
        name: hd.querySelector('title').textContent,
        lines: texts.map((t) => t.textContent),
        right: Math.max(...texts.map((t) => t.getBoundingClientRect().right)),
        column: column.right,
      };
    });
  });

  // Zoom: wheel in the middle of the lanes, then read the axis again.
  const box = await (await page.$('#body')).boundingBox();
  await page.mouse.move(box.x + box.width * 0.55, box.y + Math.min(box.height / 2, 200));
  for (let k = 0; k < 6; k++) {
    await page.mouse.wheel({ deltaY: -300 });
    await new Promise((r) => setTimeout(r, 30));
  }
  found.viewAfterZoom = await page.evaluate(() => window.swimline.view());
  found.axisAfterZoom = await axisText();
  if (shots) await page.screenshot({ path: path.join(shots, 'html-zoom.png') });
  // A step moves only the points on screen (or on it before): what is on screen is what a
  // placement of every point puts there.
  found.culling = await page.evaluate(() => {
    const lvs = Array.from(document.querySelectorAll('#body > .lv'));
    const live = () => lvs.find((g) => g.style.display !== 'none' && !g.classList.contains('away'));
    const onScreen = () => Array.from(live().querySelectorAll('.q, .pt')).map((el) => {
      const r = el.getBoundingClientRect();
      const seen = r.width > 0 && r.right > 0 && r.left < window.innerWidth && r.bottom > 0 && r.top < window.innerHeight;
      return seen ? `${el.getAttribute('data-e') || el.getAttribute('data-n') || ''}@${Math.round(r.left)},${Math.round(r.top)}` : null;
    }).filter((x) => x !== null).sort().join(' ');
    // From the whole extent, eight times in at the middle, then steps in and out.
    const middle = window.innerWidth / 2;
    window.swimline.fit();
    window.swimline.zoomAt(8, middle);
    window.swimline.zoomAt(1.25, middle - 100);
    window.swimline.zoomAt(1 / 1.25, middle + 100);
    const { moved } = window.swimline.view();
    // The points of the rows near the screen (those a step may move).
    const h = window.innerHeight;
    const points = Array.from(live().querySelectorAll(':scope > .row')).filter((r) => {
      const b = r.getBoundingClientRect();
      return b.bottom > -h / 2 && b.top < h * 1.5;
    }).reduce((n, r) => n + r.querySelectorAll('.q').length, 0);
    const stepped = onScreen();
    window.swimline.placeAll();
    const all = onScreen();
    window.swimline.fit();
    return { seen: all.split(' ').filter((x) => x).length, same: stepped === all, moved, points };
  });
  await page.evaluate(() => window.swimline.fit());

  // Search "denies".
  await page.type('#search', 'denies');
  found.count = await page.$eval('#count', (el) => el.textContent);
  found.dimmed = await page.evaluate(() => document.querySelectorAll('#body > .lv:not([style*="none"]) .dim').length);
  if (shots) await page.screenshot({ path: path.join(shots, 'html-search.png') });

  // Click the (first) denial's marker and read its details.
  const target = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById('data').textContent);
    const denial = data.events.find((e) => e.k === 'denial');
    if (!denial) return null;
    const lv = Array.from(document.querySelectorAll('#body > .lv')).find((g) => g.style.display !== 'none' && !g.classList.contains('away'));
    // Its marker, else its label, else its bar.
    const sel = (css) => lv.querySelector(css.split(',').map((c) => `[data-e="${denial.i}"] ${c}`).join(','));
    const el = sel('polygon,circle') || sel('text') || sel('rect');
    if (!el) return { title: denial.t };
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    const x = el.tagName === 'text' ? r.left + Math.min(20, r.width / 2) : r.left + r.width / 2;
    return { title: denial.t, x, y: r.top + r.height / 2 };
  });
  found.denial = target ? target.title : null;
  if (target && target.x !== undefined) {
    await page.mouse.move(target.x, target.y);
    found.tooltip = await page.$eval('#tip', (el) => (el.hidden ? '' : el.innerText));
    await page.mouse.click(target.x, target.y);
    found.details = await page.$eval('#details', (el) => (el.hidden ? '' : el.innerText));
    if (shots) await page.screenshot({ path: path.join(shots, 'html-click.png') });
  }

  // The kind filter hides the denials; the lane filter takes a lane out (the rows close up)
  // and the line under the title says so.
  found.filters = await page.evaluate(() => {
    const labels = Array.from(document.querySelectorAll('#kinds label'));
    const denialBox = labels.find((l) => l.textContent.trim() === 'denial');
    if (!denialBox) return null;
    denialBox.querySelector('input').click();
    const lv = Array.from(document.querySelectorAll('#body > .lv')).find((g) => g.style.display !== 'none' && !g.classList.contains('away'));
    const data = JSON.parse(document.getElementById('data').textContent);
    const denials = data.events.filter((e) => e.k === 'denial').map((e) => e.i);
    const denialsHidden = denials.every((i) => Array.from(lv.querySelectorAll(`[data-e="${i}"]`))
      .every((el) => el.getClientRects().length === 0));
    denialBox.querySelector('input').click();
    const lane = document.querySelector('#lanes input');
    const heightBefore = document.getElementById('body').getBoundingClientRect().height;
    lane.click();
    const heightAfter = document.getElementById('body').getBoundingClientRect().height;
    const now = document.getElementById('now').textContent;
    lane.click();
    return { denialsHidden, heightBefore, heightAfter, now };
  });

  if (benchSteps > 0) {
    await page.$eval('#search', (el) => { el.value = ''; el.dispatchEvent(new Event('input')); });
    await page.evaluate(() => window.swimline.fit());
    found.bench = await page.evaluate(async (steps) => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const body = document.getElementById('body');
      const x = 200 + body.getBoundingClientRect().width * 0.4;
      const sync = [];
      const framed = [];
      let switches = 0;
      for (let k = 0; k < steps; k++) {
        const factor = k % 40 < 20 ? 1.25 : 0.8;
        await frame();
        const level = window.swimline.view().level;
        const t0 = performance.now();
        window.swimline.zoomAt(factor, x);
        body.getBoundingClientRect();
        document.elementFromPoint(x, 300);
        sync.push(performance.now() - t0);
        await frame();
        framed.push(performance.now() - t0);
        if (window.swimline.view().level !== level) switches++;
      }
      const median = (a) => { const s = a.slice().sort((p, q) => p - q); return s[Math.floor(s.length / 2)]; };
      const p95 = (a) => { const s = a.slice().sort((p, q) => p - q); return s[Math.floor(s.length * 0.95)]; };
      return { steps, switches, medianSyncMs: median(sync), p95SyncMs: p95(sync), medianFrameMs: median(framed), p95FrameMs: p95(framed), marks: document.querySelectorAll('#body [data-e]').length };
    }, benchSteps);
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(found));
