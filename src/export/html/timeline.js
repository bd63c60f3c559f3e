// Swimline's HTML timeline: moves the report's SVG (written by src/export/html/level.rs) as the
// reader zooms and pans, and answers search, filters, hover and clicks. No request is made:
// everything it reads is in the page (the JSON in #data). Kept small and dependency-free.
(function () {
  'use strict';
  const D = JSON.parse(document.getElementById('data').textContent);
  const axis = document.getElementById('axis');
  const body = document.getElementById('body');
  const tip = document.getElementById('tip');
  const details = document.getElementById('details');
  const count = document.getElementById('count');
  const search = document.getElementById('search');
  const axisLv = Array.from(axis.children).filter((g) => g.classList.contains('lv'));
  const bodyLv = Array.from(body.children).filter((g) => g.classList.contains('lv'));
  const byI = new Map(D.events.map((e) => [e.i, e]));
  const nL = D.levels.length;
  const X0 = D.x0; // the time area's left on the page
  const XD = D.xd; // and as the levels are drawn (the lane names' column may be wider)
  const hiddenKinds = new Set();
  const hiddenRows = new Set();
  let spp = 1; // seconds per point of the view
  let v0 = 0; // the instant at the time area's left edge
  let cur = -1; // the level shown
  let curAxis = -1; // the axis' level shown
  let match = null; // Set of matching positions, or null with no search
  let selected = null;
  let gen = 0; // bumped when search, filters or selection change
  const applied = new Array(nL).fill(-1);
  const cache = new Array(nL).fill(null);

  // What the search looks in: as the app's (title, description, tags, source, quote), and your
  // tags and note.
  const fold = (s) => String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const haystack = new Map(D.events.map((e) => [e.i, fold([e.t, e.x || '', (e.g || []).join('\n'), (e.s || []).join('\n'), e.q || '', (e.yt || []).join('\n'), e.n || ''].join('\n'))]));

  function timeWidth() {
    return Math.max(100, body.getBoundingClientRect().width - X0 - 16);
  }
  function fitSpp() {
    return (D.levels[0].spp * D.w0) / timeWidth();
  }
  function levelFor(s, spps) {
    let l = 0;
    for (let k = 0; k < spps.length; k++) if (spps[k] >= s * 0.999) l = k;
    return l;
  }
  const levelSpp = D.levels.map((l) => l.spp);
  const axisSpp = D.axes.map((a) => a[0]);
  // Where a level drawn at `lspp` seconds a point from `lt0` on lies in the view: an x of the
  // level is shown at `k·x + c`.
  function stretchOf(lspp, lt0) {
    const k = lspp / spp;
    return [k, X0 + (lt0 - v0) / spp - XD * k];
  }

  // Nothing is moved by CSS variables: a variable set on a level is inherited by every element
  // under it, and restyling them all was most of a zoom step (20 ms of 10,000 events). The
  // script sets one transform on each stretched group (bars, bands, grid, connectors, link
  // curves: `.sp`) and one on each point (markers, labels, badges, ticks, era titles, link
  // heads: `.q`, `.pt`) — and of the points only those on screen, or on it before the step.
  let K = 1;
  let C = 0;
  // Points beyond these screen x are out of sight (a label reaches 270 points right of its
  // marker; a little more either side for rings, badges and bars' labels).
  const SEEN_LEFT = 400;
  const SEEN_RIGHT = 400;
  let viewRight = body.clientWidth;
  let moved = 0; // points moved by the last step (for the tests)
  // A set of points, sorted by x, of which [a, b) may be on screen and every other one is
  // placed off screen (or not placed yet: `all`).
  function pointSet(els) {
    const pts = els.map((el) => ({ el, x: Number(el.getAttribute('data-x')) })).sort((p, q) => p.x - q.x);
    return { pts, a: 0, b: pts.length, all: true };
  }
  // The first of `pts` at or right of x.
  function firstFrom(pts, x) {
    let lo = 0;
    let hi = pts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pts[mid].x < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  function placePoints(set, k, c) {
    const { pts } = set;
    const a = firstFrom(pts, (X0 - SEEN_LEFT - c) / k);
    const b = firstFrom(pts, (viewRight + SEEN_RIGHT - c) / k);
    const from = set.all ? 0 : Math.min(a, set.a);
    const to = set.all ? pts.length : Math.max(b, set.b);
    const k1 = k - 1;
    for (let i = from; i < to; i++) pts[i].el.setAttribute('transform', `translate(${(k1 * pts[i].x + c).toFixed(1)},0)`);
    moved += to - from;
    set.a = a;
    set.b = b;
    set.all = false;
  }
  function stretch(els, k, c) {
    const m = `matrix(${k.toFixed(5)},0,0,1,${c.toFixed(2)},0)`;
    for (const el of els) el.setAttribute('transform', m);
  }
  // The parts of a level (or an axis level) outside its rows, and of each row, found once.
  const partsCache = new Map();
  function partsOf(g) {
    let p = partsCache.get(g);
    if (!p) {
      const outside = (el) => !el.closest('.row') || g.classList.contains('row');
      p = {
        sp: Array.from(g.querySelectorAll('.sp')).filter(outside),
        points: pointSet(Array.from(g.querySelectorAll(g.classList.contains('row') ? '.q' : '.pt')).filter(outside)),
      };
      partsCache.set(g, p);
    }
    return p;
  }
  function moveParts(g, k, c) {
    const p = partsOf(g);
    stretch(p.sp, k, c);
    placePoints(p.points, k, c);
  }
  const nearRows = new Set(); // .row elements near the screen
  function place(rowEl) {
    moveParts(rowEl, K, C);
  }
  const isLive = (rowEl) => cur >= 0 && rowEl.parentElement === bodyLv[cur];
  const observer = new IntersectionObserver((entries) => {
    for (const en of entries) {
      if (en.isIntersecting) {
        nearRows.add(en.target);
        if (isLive(en.target)) place(en.target);
      } else {
        nearRows.delete(en.target);
      }
    }
  }, { rootMargin: '50% 0px' });
  for (const r of body.querySelectorAll('.row')) observer.observe(r);

  // The elements of level l that stand for events, parsed once.
  function elementsOf(l) {
    if (cache[l]) return cache[l];
    const els = [];
    for (const el of bodyLv[l].querySelectorAll('[data-e]')) {
      els.push({ el, ev: el.getAttribute('data-e').split(' ').map(Number) });
    }
    const rows = Array.from(bodyLv[l].querySelectorAll('[data-row]')).map((el) => ({ el, row: Number(el.getAttribute('data-row')) }));
    const spans = Array.from(bodyLv[l].querySelectorAll('[data-r]')).map((el) => ({ el, rows: el.getAttribute('data-r').split(' ').map(Number) }));
    cache[l] = { els, rows, spans };
    return cache[l];
  }

  function isShown(i) {
    const e = byI.get(i);
    return !e || !hiddenKinds.has(e.k);
  }

  // Search, filters and selection on level l.
  function refresh(l) {
    if (applied[l] === gen) return;
    applied[l] = gen;
    const { els, rows, spans } = elementsOf(l);
    const linked = new Set();
    if (selected !== null) {
      const e = byI.get(selected);
      if (e) for (const x of e.l || []) linked.add(x[1]);
    }
    for (const { el, ev } of els) {
      const off = !ev.every(isShown);
      const dim = match !== null && !ev.every((i) => match.has(i));
      el.classList.toggle('off', off);
      el.classList.toggle('dim', dim);
      el.classList.toggle('sel', ev.length === 1 && ev[0] === selected);
      el.classList.toggle('lk', ev.length === 1 && linked.has(ev[0]));
    }
    // Lanes: hidden rows go, the rows below move up.
    const meta = D.levels[l];
    const dy = [];
    let shift = 0;
    meta.lanes.forEach((r, k) => {
      dy.push(shift);
      if (hiddenRows.has(k)) shift -= r[2];
    });
    for (const { el, row } of rows) {
      el.style.display = hiddenRows.has(row) ? 'none' : '';
      // The rows flow; the stripes under them move up by the rows hidden above.
      if (el.tagName === 'g') el.setAttribute('transform', dy[row] ? `translate(0,${dy[row]})` : '');
    }
    for (const { el, rows: rs } of spans) {
      const gone = rs.some((r) => r < 0 || hiddenRows.has(r));
      el.style.display = gone ? 'none' : '';
      if (gone) continue;
      const shape = el.firstElementChild;
      if (!shape) continue;
      if (shape.tagName === 'path') {
        if (!shape.dataset.d) shape.dataset.d = shape.getAttribute('d');
        const n = shape.dataset.d.match(/-?[\d.]+/g).map(Number);
        const a = dy[rs[0]];
        const b = dy[rs[1]];
        shape.setAttribute('d', `M${n[0]},${n[1] + a} C${n[2]},${n[3] + a} ${n[4]},${n[5] + b} ${n[6]},${n[7] + b}`);
      } else if (shape.tagName === 'line') {
        if (!shape.dataset.y) shape.dataset.y = `${shape.getAttribute('y1')} ${shape.getAttribute('y2')}`;
        const [y1, y2] = shape.dataset.y.split(' ').map(Number);
        shape.setAttribute('y1', y1 + dy[rs[0]]);
        shape.setAttribute('y2', y2 + dy[rs[1]]);
      } else {
        shape.setAttribute('transform', dy[rs[0]] ? `translate(0,${dy[rs[0]]})` : '');
      }
    }
    bodyLv[l].querySelector('svg.under').setAttribute('height', Math.max(0, meta.h + shift));
  }

  // Lays the view out: picks the level and moves it (the rows off screen are skipped, and
  // moved when they come near).
  function draw() {
    moved = 0;
    const l = levelFor(spp, levelSpp);
    const switched = l !== cur;
    // Where the lanes start on screen, read before anything changes (no layout forced).
    const bodyTop = switched ? body.getBoundingClientRect().top : 0;
    if (switched) {
      // A level left is kept laid out but not rendered (`content-visibility: hidden`), so
      // that coming back to it restyles nothing.
      if (cur >= 0) bodyLv[cur].classList.add('away');
      bodyLv[l].classList.remove('away');
      bodyLv[l].style.display = '';
      cur = l;
    }
    const a = levelFor(spp, axisSpp);
    if (a !== curAxis) {
      if (curAxis >= 0) axisLv[curAxis].style.display = 'none';
      axisLv[a].style.display = '';
      curAxis = a;
    }
    refresh(l);
    [K, C] = stretchOf(D.levels[l].spp, D.levels[l].t0);
    moveParts(bodyLv[l], K, C);
    const [ka, ca] = stretchOf(D.axes[a][0], D.axes[a][1]);
    moveParts(axisLv[a], ka, ca);
    if (switched) {
      // The observer tells of this level's rows a frame later: place those near now, found
      // from the rows' heights (the lanes hidden taken out).
      const h = window.innerHeight;
      let top = bodyTop;
      for (const r of bodyLv[l].querySelectorAll(':scope > .row')) {
        const row = Number(r.getAttribute('data-row'));
        if (hiddenRows.has(row)) continue;
        const height = D.levels[l].lanes[row][2];
        if (top + height > -h / 2 && top < h * 1.5) {
          nearRows.add(r);
          place(r);
        }
        top += height;
      }
    } else {
      for (const r of nearRows) if (isLive(r)) place(r);
    }
  }

  function clampSpp(s) {
    const finest = D.levels[nL - 1].spp / D.stretch;
    return Math.min(Math.max(s, finest), fitSpp() * 4);
  }
  function zoomAt(factor, x) {
    const t = v0 + (x - X0) * spp;
    spp = clampSpp(spp / factor);
    v0 = t - (x - X0) * spp;
    draw();
  }
  function fit() {
    spp = fitSpp();
    v0 = D.levels[0].t0;
    draw();
  }
  function centreOn(t) {
    v0 = t - (timeWidth() / 2) * spp;
    draw();
  }
  function localX(ev) {
    return ev.clientX - body.getBoundingClientRect().left;
  }

  // What is shown, in words, under the title.
  function sayShown() {
    const parts = [];
    if (match !== null) parts.push(`matching \u201c${search.value.trim()}\u201d (${match.size})`);
    if (hiddenKinds.size) parts.push(`kinds hidden: ${Array.from(hiddenKinds).join(', ')}`);
    if (hiddenRows.size) parts.push(`lanes hidden: ${Array.from(hiddenRows).map((k) => D.lanes[k]).join(', ')}`);
    let now = document.getElementById('now');
    if (!now) {
      now = document.createElement('p');
      now.id = 'now';
      document.getElementById('shown').after(now);
    }
    now.textContent = parts.length ? `Now showing: ${parts.join('; ')}` : '';
  }

  function runSearch() {
    const q = fold(search.value.trim());
    if (!q) {
      match = null;
      count.textContent = '';
    } else {
      match = new Set();
      for (const [i, h] of haystack) if (h.includes(q) && isShown(i)) match.add(i);
      const total = D.events.filter((e) => isShown(e.i)).length;
      count.textContent = `${match.size} of ${total} match`;
    }
    gen++;
    sayShown();
    draw();
  }

  function text(tag, content, cls) {
    const el = document.createElement(tag);
    el.textContent = content;
    if (cls) el.className = cls;
    return el;
  }
  function row(dl, term, value) {
    if (!value) return;
    dl.append(text('dt', term));
    const dd = document.createElement('dd');
    if (value instanceof Node) dd.append(value);
    else dd.textContent = value;
    dl.append(dd);
  }
  function safeUrl(u) {
    return /^(https?:|mailto:)/i.test(String(u).trim());
  }

  function select(i) {
    selected = i;
    gen++;
    draw();
    const box = details.querySelector('div');
    box.textContent = '';
    const e = byI.get(i);
    if (!e) {
      details.hidden = true;
      return;
    }
    box.append(text('h2', (e.st ? '\u2605 ' : '') + e.t));
    const dl = document.createElement('dl');
    row(dl, 'Kind', e.k);
    row(dl, 'When', e.w);
    row(dl, 'As written', e.d);
    row(dl, 'Actors', e.a.map((a) => D.actors[a]).join(', '));
    row(dl, 'Source', (e.s || []).join(' \u00b7 '));
    if (e.u && safeUrl(e.u)) {
      const a = text('a', e.u);
      a.href = e.u;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      row(dl, 'Link', a);
    }
    row(dl, 'Tags', (e.g || []).join(', '));
    box.append(dl);
    if (e.q) box.append(text('blockquote', `\u201c${e.q}\u201d`));
    if (e.x) box.append(text('p', e.x));
    if (e.l && e.l.length) {
      box.append(text('h3', 'Links'));
      const ul = document.createElement('ul');
      for (const [verb, other, title] of e.l) {
        const li = document.createElement('li');
        li.append(`${verb} `);
        const b = text('button', `\u201c${title}\u201d`, 'jump');
        b.dataset.e = other;
        li.append(b);
        ul.append(li);
      }
      box.append(ul);
    }
    if (e.st || (e.yt && e.yt.length) || e.n) {
      box.append(text('h3', 'Yours'));
      const yours = document.createElement('dl');
      row(yours, 'Starred', e.st ? 'yes' : '');
      row(yours, 'Your tags', (e.yt || []).join(', '));
      box.append(yours);
      if (e.n) box.append(text('p', e.n, 'note'));
    }
    details.hidden = false;
  }

  function eventAt(target) {
    const el = target.closest ? target.closest('[data-e]') : null;
    if (!el) return null;
    const ev = el.getAttribute('data-e').split(' ').map(Number);
    return ev.length === 1 ? ev[0] : null;
  }

  // Hover: the title and the date in words, with its precision, as written.
  function onMove(ev) {
    const i = eventAt(ev.target);
    const foldEl = ev.target.closest ? ev.target.closest('.fd') : null;
    let say = null;
    if (i !== null && byI.has(i)) {
      const e = byI.get(i);
      say = [e.t, e.w, `as written: ${e.d}`];
    } else if (foldEl) {
      say = [`${foldEl.getAttribute('data-n')} events folded here`, 'zoom in to tell them apart'];
    }
    if (!say) {
      tip.hidden = true;
      return;
    }
    tip.textContent = '';
    say.forEach((s, k) => tip.append(text('div', s, k === 0 ? 'tt' : '')));
    tip.hidden = false;
    const x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = `${x + window.scrollX}px`;
    tip.style.top = `${ev.clientY + 16 + window.scrollY}px`;
  }

  // Wheel zoom and drag pan, on the lanes and on the axis.
  let drag = null;
  for (const svg of [body, axis]) {
    svg.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const d = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
      zoomAt(Math.exp(-d * 0.002), localX(ev));
    }, { passive: false });
    svg.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      drag = { x: ev.clientX, v0, moved: false, id: ev.pointerId };
    });
  }
  window.addEventListener('pointermove', (ev) => {
    if (drag) {
      const dx = ev.clientX - drag.x;
      if (Math.abs(dx) > 3) drag.moved = true;
      if (drag.moved) {
        v0 = drag.v0 - dx * spp;
        draw();
        tip.hidden = true;
        return;
      }
    }
    if (body.contains(ev.target)) onMove(ev);
    else tip.hidden = true;
  });
  let dragged = false;
  window.addEventListener('pointerup', () => {
    dragged = Boolean(drag && drag.moved);
    drag = null;
  });
  body.addEventListener('click', (ev) => {
    if (dragged) return;
    const i = eventAt(ev.target);
    if (i !== null) select(i);
  });
  details.addEventListener('click', (ev) => {
    const b = ev.target.closest('button');
    if (!b) return;
    if (b.id === 'close') {
      details.hidden = true;
      selected = null;
      gen++;
      draw();
    } else if (b.dataset.e) {
      const i = Number(b.dataset.e);
      const e = byI.get(i);
      if (e) centreOn(e.c);
      select(i);
    }
  });
  document.getElementById('fit').addEventListener('click', fit);
  document.getElementById('zoomin').addEventListener('click', () => zoomAt(2, X0 + timeWidth() / 2));
  document.getElementById('zoomout').addEventListener('click', () => zoomAt(0.5, X0 + timeWidth() / 2));
  search.addEventListener('input', runSearch);
  document.addEventListener('keydown', (ev) => {
    if (ev.target === search) return;
    if (ev.key === '+' || ev.key === '=') zoomAt(1.5, X0 + timeWidth() / 2);
    else if (ev.key === '-') zoomAt(1 / 1.5, X0 + timeWidth() / 2);
    else if (ev.key === '0') fit();
    else if (ev.key === 'ArrowLeft') { v0 -= 80 * spp; draw(); }
    else if (ev.key === 'ArrowRight') { v0 += 80 * spp; draw(); }
  });

  // The filters' check boxes.
  function boxes(id, names, onChange) {
    const div = document.querySelector(`#${id} div`);
    names.forEach((name, k) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.addEventListener('change', () => onChange(k, name, box.checked));
      label.append(box, ` ${name}`);
      div.append(label);
    });
  }
  boxes('kinds', D.kinds, (k, name, on) => {
    if (on) hiddenKinds.delete(name);
    else hiddenKinds.add(name);
    runSearch();
  });
  boxes('lanes', D.lanes, (k, name, on) => {
    if (on) hiddenRows.delete(k);
    else hiddenRows.add(k);
    gen++;
    sayShown();
    draw();
  });

  // The same stretch of time on a wider or narrower page (a resized window, a printed page).
  let width = timeWidth();
  function refit() {
    const w = timeWidth();
    if (w === width) return;
    // What is out of sight changes with the width: every point is placed again.
    viewRight = body.clientWidth;
    for (const p of partsCache.values()) p.points.all = true;
    spp = clampSpp((spp * width) / w);
    width = w;
    draw();
  }
  window.addEventListener('resize', refit);
  window.addEventListener('beforeprint', refit);
  window.addEventListener('afterprint', refit);

  search.value = D.search || '';
  fit();
  runSearch();
  // For tests and the benchmark: the view and a way to zoom without a mouse.
  window.swimline = {
    zoomAt, fit, draw, select, centreOn,
    view: () => ({ spp, v0, level: cur, nearRows: nearRows.size, moved }),
    // Every point placed again, as if none had been placed (to check the step's culling).
    placeAll: () => {
      for (const p of partsCache.values()) p.points.all = true;
      draw();
    },
  };
})();
