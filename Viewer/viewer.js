// Frontline's interactive map: a date slider over the day-by-day replay, the territories of the
// chosen day on a Leaflet map, the share table of that day, the timeline chart with the events,
// and, on a click, the events that made a territory. Reads window.FRONTLINE_DATA (data.js;
// docs/schema/viewer-data.schema.json). Makes no network request.
//
// URL hash: #date=YYYY-MM-DD opens on a day; &at=LAT,LON clicks the territory there; #selftest=D1,D2,… moves the slider to each date,
// reads the table, clicks a territory and writes what it saw as JSON into <pre id="selftest">
// (the browser test, Tests/verify/viewer_test.py, reads it with chromium --dump-dom).
(function () {
  'use strict';
  const D = window.FRONTLINE_DATA;
  const MS_DAY = 86400000;
  const t0 = Date.parse(D.scenario.start + 'T00:00:00Z');
  const dayIndex = (s) => Math.round((Date.parse(s + 'T00:00:00Z') - t0) / MS_DAY);
  const dayString = (i) => new Date(t0 + i * MS_DAY).toISOString().slice(0, 10);
  const nDays = dayIndex(D.scenario.end) + 1;
  const F = D.factions.length;
  const factionIndex = {};
  D.factions.forEach((f, i) => { factionIndex[f.id] = i; });
  const region = D.region_km2;
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const safeId = (s) => String(s).replace(/[^A-Za-z0-9_-]/g, '_');

  // ---- Territory intervals ------------------------------------------------------------------
  const T = D.territories.map((t, k) => Object.assign({}, t, {
    k: k, a: dayIndex(t.from), b: Math.min(dayIndex(t.to), nDays), fi: factionIndex[t.faction],
  }));

  // Daily totals per faction from the intervals (a sweep: + at the first day, − after the last).
  const held = new Float64Array((nDays + 1) * F), contested = new Float64Array((nDays + 1) * F);
  const influence = new Float64Array((nDays + 1) * F), pop = new Float64Array((nDays + 1) * F);
  const cpop = new Float64Array((nDays + 1) * F);
  for (const t of T) {
    const arr = t.status === 'held' ? held : t.status === 'contested' ? contested : influence;
    arr[t.a * F + t.fi] += t.area_km2; arr[t.b * F + t.fi] -= t.area_km2;
    const p = t.status === 'held' ? pop : t.status === 'contested' ? cpop : null;
    if (p) { p[t.a * F + t.fi] += t.population; p[t.b * F + t.fi] -= t.population; }
  }
  for (const arr of [held, contested, influence, pop, cpop]) {
    for (let d = 1; d <= nDays; d++) for (let f = 0; f < F; f++) arr[d * F + f] += arr[(d - 1) * F + f];
  }
  // Peaks of held ground (held + contested) as the engine kept them: each record holds from its date.
  const peakKm2 = new Float64Array(nDays * F).fill(-1), peakDay = new Int32Array(nDays * F);
  for (const p of D.peaks) {
    const f = factionIndex[p.faction], from = dayIndex(p.date);
    for (let d = Math.max(0, from); d < nDays; d++) { peakKm2[d * F + f] = p.km2; peakDay[d * F + f] = from; }
  }

  // ---- Formatting ----------------------------------------------------------------------------
  const grouped = (x) => Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const pct = (x) => (x * 100).toFixed(2) + '%';
  const km = (x) => grouped(x);
  const signed = (x) => { const r = Math.round(x * 1000) / 10; return (r < 0 ? '−' : '+') + Math.abs(r).toFixed(1) + '%'; };

  // ---- Share table ---------------------------------------------------------------------------
  function cell(key, value, text) {
    return `<td data-key="${key}" data-value="${value === null ? '' : value}">${text}</td>`;
  }
  function renderTable(d) {
    let rows = `<caption>${dayString(d)}: km² and share of the region (${km(region)} km²)</caption>` +
      '<thead><tr><th>faction</th><th>held</th><th>share</th><th>contested</th><th>influence</th>' +
      '<th>held+infl.</th><th>population</th><th>peak</th><th>peak date</th><th>vs peak</th></tr></thead><tbody>';
    let allContested = 0, allCpop = 0, assigned = 0;
    D.factions.forEach((f, i) => {
      const h = held[d * F + i], c = contested[d * F + i], inf = influence[d * F + i];
      const p = pop[d * F + i], cp = cpop[d * F + i];
      allContested += c; allCpop += cp; assigned += h + c + inf;
      const pk = peakKm2[d * F + i] > 0 ? peakKm2[d * F + i] : null;
      const pd = pk === null ? null : dayString(peakDay[d * F + i]);
      const change = pk === null ? null : (h + c) / pk - 1;
      rows += `<tr data-faction="${esc(f.id)}" data-contested-population="${cp}">` +
        `<td title="${esc(f.name)}"><span class="swatch" style="background:${esc(f.color)}"></span>${esc(f.name)}</td>` +
        cell('area_km2', h, km(h)) + cell('share', h / region, pct(h / region)) + cell('contested_km2', c, km(c)) +
        cell('influence_km2', inf, km(inf)) + cell('ground_share', (h + c + inf) / region, pct((h + c + inf) / region)) +
        cell('population', p, grouped(p)) + cell('peak_km2', pk, pk === null ? '–' : km(pk)) +
        cell('peak_date', pd, pd === null ? '–' : pd) + cell('change_from_peak', change, change === null ? '–' : signed(change)) +
        '</tr>';
    });
    rows += `<tr class="total" data-row="contested"><td>contested (all)</td><td></td><td></td>${cell('area_km2', allContested, km(allContested))}` +
      `<td></td>${cell('share', allContested / region, pct(allContested / region))}${cell('population', allCpop, grouped(allCpop))}<td></td><td></td><td></td></tr>`;
    const unassigned = Math.max(0, region - assigned);
    rows += `<tr class="total" data-row="unassigned"><td>unassigned</td>${cell('area_km2', unassigned, km(unassigned))}` +
      `${cell('share', unassigned / region, pct(unassigned / region))}<td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>`;
    $('share').innerHTML = rows + '</tbody>';
  }

  // ---- Map -----------------------------------------------------------------------------------
  function decode(str) {
    const points = []; let lat = 0, lon = 0, i = 0;
    while (i < str.length) {
      for (let n = 0; n < 2; n++) {
        let shift = 0, value = 0, b;
        do { b = str.charCodeAt(i++) - 63; value |= (b & 0x1f) << shift; shift += 5; } while (b >= 0x20);
        const delta = (value & 1) ? ~(value >> 1) : (value >> 1);
        if (n === 0) lat += delta; else lon += delta;
      }
      points.push([lat / 1e5, lon / 1e5]);
    }
    return points;
  }
  const latlngs = (geometry) => geometry.map((rings) => rings.map(decode));

  const defs = document.querySelector('#patterns defs');
  const svgNS = 'http://www.w3.org/2000/svg';
  function pattern(id, size, children, transform) {
    if (document.getElementById(id)) return;
    const p = document.createElementNS(svgNS, 'pattern');
    p.setAttribute('id', id); p.setAttribute('patternUnits', 'userSpaceOnUse');
    p.setAttribute('width', size); p.setAttribute('height', size);
    if (transform) p.setAttribute('patternTransform', transform);
    p.innerHTML = children;
    defs.appendChild(p);
  }
  function fillOf(t) {
    const f = D.factions[t.fi];
    if (t.status === 'held') return f.color;
    if (t.status === 'influence') {
      const id = 'stipple-' + safeId(f.id);
      pattern(id, 6, `<rect width="6" height="6" fill="${f.color}" fill-opacity="0.2"/><circle cx="3" cy="3" r="1.2" fill="${f.color}"/>`);
      return `url(#${id})`;
    }
    const by = D.factions[factionIndex[t.contested_by]];
    const id = 'hatch-' + safeId(f.id) + '-' + safeId(by.id);
    pattern(id, 8, `<rect width="8" height="8" fill="${f.color}"/><rect width="3" height="8" fill="${by.color}"/>`, 'rotate(45)');
    return `url(#${id})`;
  }

  const map = L.map('map', { zoomSnap: 0.25, renderer: L.svg({ padding: 0.3 }), attributionControl: true });
  map.attributionControl.setPrefix('Leaflet').addAttribution('Natural Earth, GeoNames');
  const outlineLayer = L.layerGroup().addTo(map);
  let bounds = null;
  for (const o of D.outlines) {
    const rings = o.geometry.flatMap((rings) => rings.map(decode));
    const line = L.polyline(rings, o.kind === 'country'
      ? { color: '#37474f', weight: 1.6, interactive: false }
      : { color: '#607d8b', weight: 0.7, dashArray: '4 3', interactive: false });
    line.addTo(outlineLayer);
    if (o.kind === 'country') bounds = bounds ? bounds.extend(line.getBounds()) : line.getBounds();
  }
  map.fitBounds(bounds || [[29, 35], [38, 49]]);
  const territoryPane = map.createPane('territories'); territoryPane.style.zIndex = 350;
  const labels = L.layerGroup().addTo(map);
  for (const p of D.places) {
    L.circleMarker([p.lat, p.lon], { radius: 2, color: '#111', weight: 1, fillOpacity: 1, interactive: false })
      .bindTooltip(p.name, { permanent: true, direction: 'right', className: 'place-label', offset: [3, 0] }).addTo(labels);
  }
  const updateLabels = () => { const z = map.getZoom(); labels.eachLayer((l) => l.getTooltip() && (z >= 6.5 ? l.openTooltip() : l.closeTooltip())); };
  map.on('zoomend', updateLabels);

  const shown = new Map();   // territory index → Leaflet polygon
  let selected = null;
  function layerOf(t) {
    const layer = L.polygon(latlngs(t.geometry), {
      pane: 'territories', stroke: false, fillColor: fillOf(t), fillOpacity: t.status === 'held' ? 0.85 : 1,
      color: '#ffeb3b', weight: 2,
    });
    layer.on('click', () => select(t));
    return layer;
  }
  function renderMap(d) {
    const visible = new Set();
    for (const t of T) if (t.a <= d && d < t.b) visible.add(t.k);
    for (const [k, layer] of shown) if (!visible.has(k)) { map.removeLayer(layer); shown.delete(k); }
    for (const k of visible) if (!shown.has(k)) { const layer = layerOf(T[k]); layer.addTo(map); shown.set(k, layer); }
    if (selected !== null && !visible.has(selected.k)) { selected = null; }
    highlight();
  }
  function highlight() {
    for (const [k, layer] of shown) layer.setStyle({ stroke: selected !== null && k === selected.k });
  }

  // ---- Click: the events that made a territory ----------------------------------------------
  function eventItem(n) {
    const e = D.events[n - 1];
    const s = e.source;
    const title = s.title ? `, “${esc(s.title)}”` : '';
    const cite = `${esc(s.publication)}, ${esc(s.date)}${title}`;
    const moved = e.held_km2 === null ? '' : ` <span class="moved">(moved ${km(e.held_km2)} km² held, ${km(e.ground_km2)} km² ground)</span>`;
    return `<li class="event" data-number="${e.number}"><span class="date">${esc(e.date)}${e.until ? ' → ' + esc(e.until) : ''}</span> ` +
      `#${e.number}: ${esc(e.action)} of ${esc(e.target)} by ${esc(e.faction)}${e.from ? ' from ' + esc(e.from) : ''}${moved}` +
      (s.claim ? `<q class="claim">${esc(s.claim)}</q>` : '') +
      `<cite class="source">${s.url ? `<a href="${esc(s.url)}" target="_blank" rel="noopener noreferrer">${cite}</a>` : cite}</cite>` +
      (e.uncertain ? `<span class="uncertain">uncertain: ${esc(e.uncertain)}</span>` : '') + '</li>';
  }
  function select(t) {
    selected = t;
    highlight();
    const f = D.factions[t.fi], b = D.blocks[t.block];
    const where = [b.place ? 'around ' + b.place : null, b.governorate, b.country].filter(Boolean).map(esc).join(', ');
    const status = t.status === 'contested' ? 'held, contested by ' + esc(D.factions[factionIndex[t.contested_by]].name) : t.status;
    const events = t.events.slice().sort((x, y) => (D.events[y - 1].date < D.events[x - 1].date ? -1 : D.events[y - 1].date > D.events[x - 1].date ? 1 : y - x));
    let html = `<h3><span class="swatch" style="background:${esc(f.color)}"></span>${esc(f.name)}: ${status}</h3>` +
      `<p class="facts">${where} · ${km(t.area_km2)} km² · ${grouped(t.population)} people · from ${esc(t.from)} to ${esc(dayString(dayIndex(t.to) - 1))}</p>`;
    if (events.length) html += `<h4>Events that made it (latest first)</h4><ol class="events">${events.map(eventItem).join('')}</ol>`;
    if (t.initial.length) {
      html += '<h4>Initial control</h4><ol class="initial">' + t.initial.map((r) => {
        const row = D.initial[r - 1], s = row.source;
        return `<li class="initial-row">${esc(row.target)} to ${esc(row.faction)} (${esc(D.scenario.file)}:${row.line})` +
          (s ? `<q class="claim">${esc(s.claim || '')}</q><cite class="source">${s.url ? `<a href="${esc(s.url)}" target="_blank" rel="noopener noreferrer">` : ''}${esc(s.publication)}, ${esc(s.date)}${s.url ? '</a>' : ''}</cite>` : '') +
          '</li>';
      }).join('') + '</ol>';
    }
    $('info').innerHTML = html;
  }

  // ---- Timeline chart ------------------------------------------------------------------------
  const chart = $('chart');
  const margin = { left: 58, right: 10, top: 8, bottom: 34 };
  let cursor = null, chartWidth = 0;
  function drawChart() {
    const W = chart.clientWidth || 1000, H = chart.clientHeight || 210;
    chartWidth = W;
    const x = (d) => margin.left + (W - margin.left - margin.right) * d / Math.max(1, nDays - 1);
    const ground = $('measure').value === 'ground';
    const value = (d, f) => held[d * F + f] + contested[d * F + f] + (ground ? influence[d * F + f] : 0);
    let max = 0;
    for (let d = 0; d < nDays; d++) for (let f = 0; f < F; f++) max = Math.max(max, value(d, f));
    const y = (v) => H - margin.bottom - (H - margin.top - margin.bottom) * v / (max || 1);
    let svg = '<g class="axis">';
    const step = Math.pow(10, Math.floor(Math.log10(max || 1)));
    const tick = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
    for (let v = 0; v <= max; v += tick) {
      svg += `<line x1="${margin.left}" x2="${W - margin.right}" y1="${y(v)}" y2="${y(v)}"/><text x="${margin.left - 4}" y="${y(v) + 3}" text-anchor="end">${grouped(v)}</text>`;
    }
    for (let d = 0; d < nDays; d++) {
      const s = dayString(d);
      if (s.endsWith('-01-01')) svg += `<line x1="${x(d)}" x2="${x(d)}" y1="${margin.top}" y2="${H - margin.bottom}"/><text x="${x(d) + 2}" y="${H - margin.bottom + 11}">${s.slice(0, 4)}</text>`;
    }
    svg += '</g>';
    const every = Math.max(1, Math.floor(nDays / 700));
    D.factions.forEach((f, i) => {
      let h = '';
      for (let d = 0; d < nDays; d += every) h += (d ? 'L' : 'M') + x(d).toFixed(1) + ',' + y(value(d, i)).toFixed(1);
      svg += `<path d="${h}" fill="none" stroke="${esc(f.color)}" stroke-width="1.8"${ground ? ' stroke-dasharray="5 2"' : ''}><title>${esc(f.name)}</title></path>`;
    });
    for (const e of D.events) {
      const d = dayIndex(e.date), f = D.factions[factionIndex[e.faction]];
      const top = e.label ? H - margin.bottom + 14 : H - margin.bottom + 20;
      svg += `<line class="event-tick" data-number="${e.number}" x1="${x(d)}" x2="${x(d)}" y1="${top}" y2="${H - 2}" stroke="${esc(f ? f.color : '#999')}" stroke-width="${e.label ? 2 : 1}"><title>${esc(e.date)} #${e.number}: ${esc(e.label || (e.action + ' of ' + e.target + ' by ' + e.faction))}</title></line>`;
    }
    svg += `<line id="cursor" x1="0" x2="0" y1="${margin.top}" y2="${H - 2}" stroke="#d32f2f" stroke-width="1.5"/>`;
    chart.innerHTML = svg;
    cursor = $('cursor');
    placeCursor(current);
  }
  function placeCursor(d) {
    if (!cursor) return;
    const xx = margin.left + (chartWidth - margin.left - margin.right) * d / Math.max(1, nDays - 1);
    cursor.setAttribute('x1', xx); cursor.setAttribute('x2', xx);
  }
  chart.addEventListener('click', (ev) => {
    const r = chart.getBoundingClientRect();
    const frac = (ev.clientX - r.left - margin.left) / (r.width - margin.left - margin.right);
    const tickEl = ev.target.closest && ev.target.closest('.event-tick');
    setDay(Math.round(Math.max(0, Math.min(1, frac)) * (nDays - 1)));
    if (tickEl) {
      const n = +tickEl.getAttribute('data-number');
      $('info').innerHTML = `<h3>Event #${n}</h3><ol class="events">${eventItem(n)}</ol>`;
    }
  });

  // ---- Date, slider, play --------------------------------------------------------------------
  let current = 0;
  const slider = $('slider');
  slider.max = String(nDays - 1);
  function setDay(d, fromSlider) {
    current = Math.max(0, Math.min(nDays - 1, d));
    if (!fromSlider) slider.value = String(current);
    $('date').textContent = dayString(current);
    renderMap(current);
    renderTable(current);
    placeCursor(current);
    if (!selftest) history.replaceState(null, '', '#date=' + dayString(current));
  }
  slider.addEventListener('input', () => setDay(+slider.value, true));
  let timer = null;
  function play() {
    if (timer) { clearInterval(timer); timer = null; $('play').textContent = '▶'; return; }
    if (current >= nDays - 1) setDay(0);
    $('play').textContent = '❚❚';
    timer = setInterval(() => {
      if (current >= nDays - 1) { play(); return; }
      setDay(current + (+$('speed').value));
    }, 120);
  }
  $('play').addEventListener('click', play);
  document.addEventListener('keydown', (e) => { if (e.key === ' ' && e.target === document.body) { e.preventDefault(); play(); } });

  $('title').textContent = 'Frontline: ' + D.scenario.name;
  document.title = 'Frontline: ' + D.scenario.name;
  $('scenario-note').textContent = `${D.scenario.file}: ${D.events.length} events, ${D.territories.length} territory intervals, ${D.scenario.start} to ${D.scenario.end}.`;

  const hash = new URLSearchParams(location.hash.slice(1));
  const selftest = hash.get('selftest');
  drawChart();
  window.addEventListener('resize', drawChart);
  $('measure').addEventListener('change', drawChart);
  const start = hash.get('date');
  setDay(start && dayIndex(start) >= 0 ? dayIndex(start) : nDays - 1);
  updateLabels();
  // #at=LAT,LON: click the territory at that point (a link that opens on a territory's events).
  function clickAt(lat, lon) {
    const pt = map.latLngToContainerPoint([lat, lon]), box = map.getContainer().getBoundingClientRect();
    const cx = box.left + pt.x, cy = box.top + pt.y, target = document.elementFromPoint(cx, cy);
    if (target) target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, clientX: cx, clientY: cy, view: window }));
    return target;
  }
  const at = (hash.get('at') || '').split(',').map(Number);
  if (at.length === 2 && at.every(isFinite)) clickAt(at[0], at[1]);

  // ---- Self-test (the browser test) ----------------------------------------------------------
  function readTable() {
    const rows = {};
    for (const tr of document.querySelectorAll('#share tbody tr')) {
      const id = tr.getAttribute('data-faction') || tr.getAttribute('data-row');
      const row = {};
      for (const td of tr.querySelectorAll('td[data-key]')) {
        const v = td.getAttribute('data-value');
        row[td.getAttribute('data-key')] = { value: v === '' ? null : (isNaN(+v) ? v : +v), text: td.textContent };
      }
      if (tr.hasAttribute('data-contested-population')) row.contested_population = { value: +tr.getAttribute('data-contested-population') };
      rows[id] = row;
    }
    return rows;
  }
  if (selftest) {
    const result = { dates: {}, click: null, resources: [], errors: [] };
    try {
      for (const d of selftest.split(',')) {
        slider.value = String(dayIndex(d));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        result.dates[d] = { shown: $('date').textContent, table: readTable() };
      }
      // Click the largest held territory of the last date that events made, at a point inside it, as a user would.
      const held = [...shown.keys()].map((k) => T[k]).filter((t) => t.status === 'held' && t.events.length > 0)
        .sort((a, b) => b.area_km2 - a.area_km2)[0];
      map.setView([held.label[1], held.label[0]], 8, { animate: false });
      const target = clickAt(held.label[1], held.label[0]);
      const items = [...document.querySelectorAll('#info li.event')];
      result.click = {
        territory: { faction: held.faction, status: held.status, block: held.block, events: held.events },
        target: target.tagName, heading: ($('info').querySelector('h3') || {}).textContent || null,
        events: items.map((li) => ({
          number: +li.getAttribute('data-number'),
          claim: (li.querySelector('.claim') || {}).textContent || null,
          source: (li.querySelector('.source') || {}).textContent || null,
          url: (li.querySelector('.source a') || { href: null }).href,
          uncertain: (li.querySelector('.uncertain') || {}).textContent || null,
        })),
      };
    } catch (e) { result.errors.push(String(e && e.stack || e)); }
    result.resources = performance.getEntriesByType('resource').map((e) => e.name)
      .concat([...document.querySelectorAll('script[src], link[href], img[src]')].map((e) => e.src || e.href));
    const out = $('selftest'); out.textContent = JSON.stringify(result); out.hidden = false;
  }
})();
