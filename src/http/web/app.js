// The s1mig dashboard: token sign-in kept in memory only, calls to this server's /v1 API, and
// charts drawn as inline SVG here (no chart library, no network beyond this server).
'use strict';
(() => {
  // The bearer token lives in this closure only: never in the URL, localStorage or a cookie.
  let token = null;
  let me = null;
  let lastSummary = null;
  let rulesCache = null;
  const timeSel = { as_of: '', rules_at: '' };

  const $ = (id) => document.getElementById(id);
  const fmt = new Intl.NumberFormat('en-GB');
  const pct = (n, d) => (d > 0 ? (100 * n / d).toFixed(1) + '%' : '–');
  const OUTCOMES = ['ELIGIBLE', 'BLOCKED', 'INVALID'];
  const COLORS = { ELIGIBLE: '#13795b', BLOCKED: '#c2410c', INVALID: '#6b7280' };
  const COHORT_NAMES = { IOC: 'IOC', MOC_MDS: 'MOC (MDS)', MOC_SECURE: 'MOC (Secure)', FOC: 'FOC', UNKNOWN: 'Unknown' };

  // DOM helpers: text always goes in as text nodes, never as HTML.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    append(el, children);
    return el;
  }
  const SVGNS = 'http://www.w3.org/2000/svg';
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    append(el, children);
    return el;
  }
  function append(el, ...children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
  }
  function clear(el, ...children) { el.replaceChildren(); append(el, children); return el; }
  const PILL_TEXT = { NOT_APPLICABLE: 'N/A' };
  const pill = (text) => h('span', { class: 'pill ' + text, title: text.toLowerCase().replace('_', ' ') }, PILL_TEXT[text] || text);

  async function api(method, path, body) {
    const headers = { Authorization: 'Bearer ' + token, Accept: 'application/json' };
    const init = { method, headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let r;
    try {
      r = await fetch(path, init);
    } catch (e) {
      return { status: 0, data: { error: { message: 'The server could not be reached.' } } };
    }
    let data = null;
    try { data = await r.json(); } catch (e) { data = null; }
    if (r.status === 401 && me) signOut('Your token is no longer accepted; sign in again.');
    return { status: r.status, data };
  }
  const errorText = (res) => (res.data && res.data.error && res.data.error.message) || ('HTTP ' + res.status);

  function timeQuery() {
    const q = new URLSearchParams();
    if (timeSel.as_of) q.set('as_of', timeSel.as_of);
    if (timeSel.rules_at) q.set('rules_at', timeSel.rules_at);
    const t = q.toString();
    return t ? '?' + t : '';
  }

  // ---- Sign-in -------------------------------------------------------------------------------
  async function signIn(ev) {
    ev.preventDefault();
    const input = $('token');
    const candidate = input.value.trim();
    input.value = '';
    if (!candidate) return;
    $('login-button').disabled = true;
    token = candidate;
    const res = await api('GET', '/v1/whoami');
    $('login-button').disabled = false;
    if (res.status !== 200) {
      token = null;
      $('login-error').textContent = res.status === 401 ? 'That token is not valid here.' : errorText(res);
      return;
    }
    me = res.data;
    $('login-error').textContent = '';
    $('who-party').textContent = me.party;
    $('who-role').textContent = me.role === 'DCC' ? 'DCC' : 'Supplier Party';
    document.body.classList.toggle('is-dcc', me.role === 'DCC');
    for (const el of document.querySelectorAll('.dcc-only')) el.hidden = me.role !== 'DCC';
    $('login').hidden = true;
    $('app').hidden = false;
    $('tabs').hidden = false;
    $('who').hidden = false;
    show('summary');
  }

  function signOut(message) {
    token = null;
    me = null;
    lastSummary = null;
    rulesCache = null;
    $('app').hidden = true;
    $('tabs').hidden = true;
    $('who').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    for (const id of ['kpis', 'chart-reasons', 'chart-cohorts', 'chart-outcomes', 'display-table', 'amendments-applied',
                      'lookup-result', 'whatif-result', 'notices', 'proposal-list']) clear($(id));
    $('token').focus();
  }

  // ---- Views ---------------------------------------------------------------------------------
  let current = 'summary';
  function show(view) {
    current = view;
    for (const b of document.querySelectorAll('.tab')) b.classList.toggle('active', b.dataset.view === view);
    for (const v of ['summary', 'lookup', 'whatif', 'notices']) $('view-' + v).hidden = v !== view;
    if (view === 'summary') loadSummary();
    if (view === 'notices') loadNotices();
    if (view === 'whatif') loadProposalChoices();
    if (view === 'lookup') $('lookup-id').focus();
  }

  // ---- Estate summary --------------------------------------------------------------------------
  async function loadSummary() {
    clear($('kpis'), h('div', { class: 'muted' }, 'Deciding the estate…'));
    const res = await api('GET', '/v1/summary' + timeQuery());
    if (res.status !== 200) {
      clear($('kpis'), h('p', { class: 'error' }, errorText(res)));
      return;
    }
    lastSummary = res.data;
    const c = res.data.counts;
    const total = c.total;
    $('summary-scope').textContent = (res.data.scope.party ? 'Installations supplied by ' + res.data.scope.party : 'The whole estate') +
      ' · as of ' + res.data.as_of + ' (London date ' + res.data.as_of_london_date + ') · rules at ' + res.data.rules_at;
    $('time-note').textContent = timeSel.as_of ? '' : 'Server default: ' + res.data.as_of;
    const kpi = (cls, label, value, sub) =>
      h('div', { class: 'kpi ' + cls }, h('div', { class: 'k-label' }, label), h('div', { class: 'k-value' }, fmt.format(value)),
        h('div', { class: 'k-sub' }, sub));
    clear($('kpis'),
      kpi('total', 'Installations', total, 'in the snapshot you may see'),
      kpi('eligible', 'Eligible', c.by_outcome.ELIGIBLE, pct(c.by_outcome.ELIGIBLE, total) + ' may migrate'),
      kpi('blocked', 'Blocked', c.by_outcome.BLOCKED, pct(c.by_outcome.BLOCKED, total) + ' fail a check'),
      kpi('invalid', 'Invalid', c.by_outcome.INVALID, pct(c.by_outcome.INVALID, total) + ' malformed rows'));

    const reasons = Object.entries(c.by_reason).sort((a, b) => b[1] - a[1]);
    clear($('chart-reasons'), barChart(reasons.map(([k, v]) => ({ label: k, value: v, color: COLORS.BLOCKED }))));
    const cohorts = Object.entries(c.by_cohort).map(([k, v]) => ({ label: COHORT_NAMES[k] || k, parts: v }));
    clear($('chart-cohorts'), stackedChart(cohorts), legend());
    clear($('chart-outcomes'), donut(OUTCOMES.map((o) => ({ label: o, value: c.by_outcome[o], color: COLORS[o] })), total));
    const d = c.by_display_class;
    clear($('display-table'), h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Display'), h('th', { class: 'num' }, 'Installations'), h('th', { class: 'num' }, 'Share'))),
      h('tbody', {}, ['PPMID', 'IHD', 'NONE'].map((k) =>
        h('tr', {}, h('td', {}, pill(k), ' ', k === 'NONE' ? 'no display / not classified' : k === 'IHD' ? 'SMETS1 IHD' : 'SMETS1 PPMID'),
          h('td', { class: 'num' }, fmt.format(d[k])), h('td', { class: 'num' }, pct(d[k], total)))))));
    const applied = res.data.amendments_applied;
    clear($('amendments-applied'), applied.length
      ? h('div', {}, applied.map((a) => h('span', { class: 'pill PPMID' }, a)).flatMap((p) => [p, ' ']))
      : h('span', { class: 'muted' }, 'None: the rules as first written.'));
  }

  function legend() {
    return h('div', { class: 'legend' }, OUTCOMES.map((o) => h('span', {}, h('span', { class: 'sw ' + o.toLowerCase() }), o)));
  }

  // Horizontal bars: [{label, value, color}].
  function barChart(rows) {
    if (!rows.length) return h('div', { class: 'empty' }, 'Nothing to show.');
    const W = 560, labelW = 170, rowH = 30, valueW = 70;
    const H = rows.length * rowH + 10;
    const max = Math.max(1, ...rows.map((r) => r.value));
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'bar chart' });
    rows.forEach((r, i) => {
      const y = 5 + i * rowH;
      const w = Math.max(r.value > 0 ? 2 : 0, (W - labelW - valueW) * r.value / max);
      svg.appendChild(s('text', { x: labelW - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end' }, r.label));
      svg.appendChild(s('rect', { x: labelW, y: y + 5, width: W - labelW - valueW, height: rowH - 10, fill: '#f1f4f8', rx: 3 }));
      svg.appendChild(s('rect', { x: labelW, y: y + 5, width: w, height: rowH - 10, fill: r.color, rx: 3 }));
      svg.appendChild(s('text', { x: labelW + w + 6, y: y + rowH / 2 + 4, class: 'value' }, fmt.format(r.value)));
    });
    return svg;
  }

  // Stacked horizontal bars by cohort: [{label, parts: {ELIGIBLE, BLOCKED, INVALID}}].
  function stackedChart(rows) {
    const W = 560, labelW = 110, rowH = 34, valueW = 70;
    const H = rows.length * rowH + 10;
    const totals = rows.map((r) => OUTCOMES.reduce((a, o) => a + r.parts[o], 0));
    const max = Math.max(1, ...totals);
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'outcome by cohort' });
    rows.forEach((r, i) => {
      const y = 5 + i * rowH;
      let x = labelW;
      svg.appendChild(s('text', { x: labelW - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end' }, r.label));
      svg.appendChild(s('rect', { x: labelW, y: y + 6, width: W - labelW - valueW, height: rowH - 12, fill: '#f1f4f8', rx: 3 }));
      for (const o of OUTCOMES) {
        const w = (W - labelW - valueW) * r.parts[o] / max;
        if (w <= 0) continue;
        const rect = s('rect', { x, y: y + 6, width: w, height: rowH - 12, fill: COLORS[o] });
        rect.appendChild(s('title', {}, `${r.label} ${o}: ${fmt.format(r.parts[o])}`));
        svg.appendChild(rect);
        x += w;
      }
      svg.appendChild(s('text', { x: x + 6, y: y + rowH / 2 + 4, class: 'value' }, fmt.format(totals[i])));
    });
    return svg;
  }

  // A donut of outcome shares with a legend beside it.
  function donut(parts, total) {
    const W = 560, H = 190, cx = 100, cy = 95, R = 78, r = 50;
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'outcome share' });
    if (total <= 0) {
      svg.appendChild(s('circle', { cx, cy, r: (R + r) / 2, fill: 'none', stroke: '#e5e9ef', 'stroke-width': R - r }));
    }
    let a0 = -Math.PI / 2;
    for (const p of parts) {
      if (p.value <= 0) continue;
      const frac = p.value / total;
      const a1 = a0 + frac * 2 * Math.PI;
      if (frac >= 0.9999) {
        svg.appendChild(s('circle', { cx, cy, r: (R + r) / 2, fill: 'none', stroke: p.color, 'stroke-width': R - r }));
      } else {
        const large = a1 - a0 > Math.PI ? 1 : 0;
        const pt = (rad, a) => `${(cx + rad * Math.cos(a)).toFixed(2)} ${(cy + rad * Math.sin(a)).toFixed(2)}`;
        const d = `M ${pt(R, a0)} A ${R} ${R} 0 ${large} 1 ${pt(R, a1)} L ${pt(r, a1)} A ${r} ${r} 0 ${large} 0 ${pt(r, a0)} Z`;
        svg.appendChild(s('path', { d, fill: p.color }));
      }
      a0 = a1;
    }
    svg.appendChild(s('text', { x: cx, y: cy + 4, 'text-anchor': 'middle', class: 'donut-total' }, fmt.format(total)));
    svg.appendChild(s('text', { x: cx, y: cy + 20, 'text-anchor': 'middle', class: 'value' }, 'installations'));
    parts.forEach((p, i) => {
      const y = 45 + i * 40;
      svg.appendChild(s('rect', { x: 220, y: y - 11, width: 14, height: 14, rx: 3, fill: p.color }));
      svg.appendChild(s('text', { x: 244, y, class: 'legend-label' }, p.label));
      svg.appendChild(s('text', { x: 244, y: y + 17, class: 'value' }, `${fmt.format(p.value)} · ${pct(p.value, total)}`));
    });
    return svg;
  }

  // ---- Installation lookup -------------------------------------------------------------------
  async function lookup(ev) {
    ev.preventDefault();
    const id = $('lookup-id').value.trim();
    if (!id) return;
    const out = $('lookup-result');
    clear(out, h('p', { class: 'muted' }, 'Deciding ' + id + '…'));
    const res = await api('GET', '/v1/installations/' + encodeURIComponent(id) + timeQuery());
    if (res.status === 404) {
      clear(out, h('div', { class: 'card notice-box', id: 'lookup-not-found' },
        h('b', {}, 'Not found. '), 'No installation “' + id + '” is visible to ' + me.party + '.',
        me.role === 'DCC' ? '' : ' A Supplier Party sees only installations it supplies.'));
      return;
    }
    if (res.status !== 200) {
      clear(out, h('p', { class: 'error' }, errorText(res)));
      return;
    }
    clear(out, renderDecision(res.data));
  }

  function renderDecision(e) {
    const card = h('div', { class: 'card', id: 'lookup-decision' });
    append(card, h('div', { class: 'result-head' },
      h('span', { class: 'id' }, e.installation_id), pill(e.outcome),
      e.reasons.length ? h('span', { class: 'mono' }, e.reasons.join(' · ')) : h('span', { class: 'muted' }, e.outcome === 'ELIGIBLE' ? 'every applicable check passes' : '')));
    append(card, h('div', { class: 'facts' },
      h('span', {}, 'as of ', h('b', {}, e.as_of)), h('span', {}, 'rules at ', h('b', {}, e.rules_at)),
      h('span', {}, 'amendments ', h('b', {}, e.amendments_applied.length ? e.amendments_applied.join(', ') : 'none')),
      e.cohort ? h('span', {}, 'cohort ', h('b', {}, e.cohort)) : null,
      e.elec_supplier !== undefined ? h('span', {}, 'suppliers ', h('b', {}, [e.elec_supplier, e.gas_supplier].filter(Boolean).join(' / '))) : null,
      e.line ? h('span', {}, 'inventory.csv line ', h('b', {}, e.line)) : null));
    if (e.problems && e.problems.length) {
      append(card, h('div', { class: 'notice-box' }, h('b', {}, 'The row is INVALID; no checks were run.'),
        h('ul', {}, e.problems.map((p) => h('li', {}, h('span', { class: 'mono' }, p.column), ': ', p.message)))));
      return card;
    }
    if (e.display) {
      append(card, h('div', { class: 'display-box' }, h('h3', {}, 'Display classification ', pill(e.display.class)),
        h('div', {}, e.display.reason), h('div', { class: 'muted small' }, e.display.clause),
        (e.display.amendments || []).map((a) => h('div', { class: 'amend' }, 'amended by ' + a))));
    }
    const rows = e.checks.map((c) => h('tr', {},
      h('td', {}, pill(c.result)),
      h('td', {}, h('div', { class: 'mono' }, c.id), h('div', { class: 'muted small' }, c.title || '')),
      h('td', { class: 'small' }, c.clause),
      h('td', { class: 'why' }, c.why,
        h('ul', { class: 'kv' }, Object.entries(c.inputs || {}).map(([k, v]) => h('li', {}, h('b', {}, k), ' = ', typeof v === 'string' ? (v || '—') : JSON.stringify(v)))),
        (c.amendments || []).map((a) => h('div', { class: 'amend' }, 'amended by ' + a)))));
    append(card, h('h3', {}, 'Checks, clause by clause'),
      h('table', { class: 'checks-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Result'), h('th', {}, 'Check'), h('th', {}, 'Clause'), h('th', {}, 'Why'))),
        h('tbody', {}, rows)));
    return card;
  }

  // ---- What-if (DCC) -------------------------------------------------------------------------
  async function loadProposalChoices() {
    if (rulesCache) return;
    const res = await api('GET', '/v1/rules' + (timeSel.as_of ? '?at=' + encodeURIComponent(timeSel.as_of) : ''));
    if (res.status !== 200) {
      clear($('proposal-list'), h('p', { class: 'error' }, errorText(res)));
      return;
    }
    rulesCache = res.data;
    clear($('proposal-list'), res.data.amendments.map((a) =>
      h('label', {}, h('input', { type: 'checkbox', value: a.id, checked: true }),
        h('span', {}, h('b', {}, a.id), ' ', a.title || '', h('div', { class: 'clause' }, a.clause + ' · in force from ' + a.effective)))));
  }

  async function runWhatIf(ev) {
    ev.preventDefault();
    const asOf = timeSel.as_of || (lastSummary && lastSummary.as_of);
    const out = $('whatif-result');
    if (!asOf) {
      clear(out, h('p', { class: 'error' }, 'Choose an as-of instant first (toolbar).'));
      return;
    }
    let baseline = $('baseline').value;
    if (baseline === 'instant') baseline = $('baseline-at').value.trim();
    const chosen = [...document.querySelectorAll('#proposal-list input:checked')].map((i) => i.value);
    const body = { as_of: asOf, baseline, proposed: chosen.length ? chosen.join(',') : 'none' };
    $('whatif-run').disabled = true;
    clear(out, h('p', { class: 'muted' }, 'Weighing the proposal over the estate…'));
    const res = await api('POST', '/v1/impact', body);
    $('whatif-run').disabled = false;
    if (res.status !== 200) {
      clear(out, h('p', { class: 'error' }, errorText(res)));
      return;
    }
    const r = res.data;
    const kpi = (cls, label, value, sub) =>
      h('div', { class: 'kpi ' + cls }, h('div', { class: 'k-label' }, label), h('div', { class: 'k-value' }, fmt.format(value)), h('div', { class: 'k-sub' }, sub));
    const b0 = r.baseline.counts.by_outcome.BLOCKED, b1 = r.proposed.counts.by_outcome.BLOCKED;
    const amendRows = r.amendments.map((a) => h('tr', {},
      h('td', {}, h('b', {}, a.id), h('div', { class: 'muted small' }, a.title || '')),
      h('td', { class: 'small' }, a.clause), h('td', {}, a.effective),
      h('td', { class: 'num' }, fmt.format(a.unblocked_alone.total)),
      h('td', { class: 'num' }, fmt.format(a.newly_blocked_alone.total)),
      h('td', { class: 'small' }, Object.entries(a.unblocked_alone.by_cohort).filter(([, v]) => v > 0).map(([k, v]) => `${COHORT_NAMES[k] || k} ${fmt.format(v)}`).join(', ') || '—')));
    clear(out,
      h('div', { class: 'kpis', id: 'whatif-kpis' },
        kpi('blocked', 'Blocked, baseline', b0, 'amendments: ' + (r.baseline.amendments.join(', ') || 'none')),
        kpi('blocked', 'Blocked, proposal', b1, 'amendments: ' + (r.proposed.amendments.join(', ') || 'none')),
        kpi('eligible', 'Unblocked', r.unblocked_total.total, r.needs_combination.total ? fmt.format(r.needs_combination.total) + ' need several amendments together' : 'each by one amendment alone'),
        kpi('invalid', 'Newly blocked', r.newly_blocked_total.total, 'eligible before, blocked after')),
      h('div', { class: 'grid2' },
        h('div', { class: 'card' }, h('h3', {}, 'Unblocked by each amendment alone'),
          barChart(r.amendments.map((a) => ({ label: a.id, value: a.unblocked_alone.total, color: COLORS.ELIGIBLE })))),
        h('div', { class: 'card' }, h('h3', {}, 'Reasons blocking, baseline → proposal'),
          h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Reason'), h('th', { class: 'num' }, 'Baseline'), h('th', { class: 'num' }, 'Proposal'))),
            h('tbody', {}, Object.keys(r.baseline.counts.by_reason).map((k) => h('tr', {}, h('td', { class: 'mono' }, k),
              h('td', { class: 'num' }, fmt.format(r.baseline.counts.by_reason[k])), h('td', { class: 'num' }, fmt.format(r.proposed.counts.by_reason[k])))))))),
      h('div', { class: 'card spaced-top' }, h('h3', {}, 'Amendments weighed'),
        r.amendments.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Amendment'), h('th', {}, 'Clause'), h('th', {}, 'In force from'),
          h('th', { class: 'num' }, 'Unblocks alone'), h('th', { class: 'num' }, 'Newly blocks'), h('th', {}, 'Unblocked by cohort'))), h('tbody', {}, amendRows))
          : h('div', { class: 'empty' }, 'The proposal adds no amendment to the baseline.')));
  }

  // ---- DMCT notices --------------------------------------------------------------------------
  async function loadNotices() {
    const out = $('notices');
    clear(out, h('p', { class: 'muted' }, 'Loading notices…'));
    const res = await api('GET', '/v1/dmct/notices');
    if (res.status !== 200) {
      clear(out, h('p', { class: 'error' }, errorText(res)));
      return;
    }
    const notices = res.data.notices;
    if (!notices.length) {
      clear(out, h('div', { class: 'card empty' }, 'No reclassification notices ' + (me.role === 'DCC' ? 'have been sent.' : 'were sent to ' + me.party + '.')));
      return;
    }
    const ref = (timeSel.as_of || (lastSummary && lastSummary.as_of) || new Date().toISOString()).slice(0, 10);
    const daysBetween = (a, b) => Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86400000);
    const rows = notices.map((n) => {
      const left = daysBetween(ref, n.referral_deadline);
      const before = daysBetween(ref, n.notified_at.slice(0, 10)) > 0;
      const open = n.status === 'NOTIFIED' && left >= 0 && !before;
      return h('tr', {},
        h('td', { class: 'mono' }, n.notice_id),
        me.role === 'DCC' ? h('td', {}, n.party) : null,
        h('td', {}, h('span', { class: 'mono' }, n.model + '@' + n.fw)),
        h('td', {}, n.notified_at),
        h('td', {}, h('b', {}, n.referral_deadline),
          h('div', { class: 'small ' + (open && left <= 3 ? 'due-soon' : 'muted') },
            before ? 'notified after the as-of date ' + ref
              : open ? (left === 0 ? 'last day to refer (as of ' + ref + ')' : left + ' calendar day' + (left === 1 ? '' : 's') + ' left (as of ' + ref + ')')
              : n.status === 'NOTIFIED' ? 'referral period over (as of ' + ref + ')' : '')),
        h('td', {}, pill(n.status)),
        h('td', {}, h('details', {}, h('summary', {}, 'notice text'), h('div', { class: 'notice-text' }, n.text))));
    });
    clear(out, h('div', { class: 'card' }, h('table', { id: 'notices-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Notice'), me.role === 'DCC' ? h('th', {}, 'Party') : null, h('th', {}, 'Display model'),
        h('th', {}, 'Notified'), h('th', {}, 'Referral deadline'), h('th', {}, 'Status'), h('th', {}, ''))),
      h('tbody', {}, rows))));
  }

  // ---- Wiring --------------------------------------------------------------------------------
  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', signIn);
    $('logout').addEventListener('click', () => signOut(''));
    for (const b of document.querySelectorAll('.tab')) b.addEventListener('click', () => show(b.dataset.view));
    $('lookup-form').addEventListener('submit', lookup);
    $('whatif-form').addEventListener('submit', runWhatIf);
    $('baseline').addEventListener('change', () => { $('baseline-at').hidden = $('baseline').value !== 'instant'; });
    $('apply-time').addEventListener('click', () => {
      timeSel.as_of = $('as-of').value.trim();
      timeSel.rules_at = $('rules-at').value.trim();
      $('time-note').textContent = timeSel.as_of ? '' : $('time-note').textContent;
      rulesCache = null;
      show(current);
    });
    $('token').focus();
  });
})();
