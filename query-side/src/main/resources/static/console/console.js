// The ledger's console: a key signs in, its role decides the views, every figure comes from the
// ledger's own API (the query side for reads, the command side for actions) and links to what is behind it.
const app = {
  key: sessionStorage.getItem('ledger.key'),
  me: null,
  commandUrl: null,
  main: document.getElementById('main'),

  async start() {
    const config = await fetch('config.json').then(r => r.json());
    this.commandUrl = sessionStorage.getItem('ledger.commandUrl') || config.commandUrl
      || `${location.protocol}//${location.hostname}:8080`;
    document.getElementById('signout').onclick = () => { sessionStorage.removeItem('ledger.key'); this.key = null; location.hash = '#/'; this.route(); };
    window.onhashchange = () => this.route();
    this.route();
  },

  async call(path, options = {}) {
    const base = options.command ? this.commandUrl : '';
    const headers = {Authorization: 'Bearer ' + this.key};
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(base + path, {method: options.method || 'GET', headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body)});
    const text = await response.text();
    if (!response.ok) {
      const problem = text.startsWith('{') ? JSON.parse(text) : {detail: text};
      throw Object.assign(new Error(problem.detail || response.status), {status: response.status, problem});
    }
    return options.raw ? text : (text ? JSON.parse(text) : null);
  },

  async route() {
    if (!this.key) return this.signIn();
    try {
      this.me = this.me || await this.call('/v1/me');
    } catch (e) {
      sessionStorage.removeItem('ledger.key'); this.key = null;
      return this.signIn('That key was not accepted.');
    }
    this.header();
    const [, view, ...rest] = (location.hash || '#/').slice(1).split('/');
    const views = {'': () => this.home(), accounts: () => views.support(), support: () => this.support(rest[0]),
      account: () => this.account(decodeURIComponent(rest[0])), debit: () => this.debit(decodeURIComponent(rest[0]), decodeURIComponent(rest[1])),
      finance: () => this.finance(rest[0] || 'roll-forward'), cell: () => this.cell(rest[0], rest[1]),
      customer: () => this.customer()};
    try {
      await (views[view.split('?')[0]] || views[''])();
    } catch (e) {
      this.show(`<section><p class="refused" id="refused">${e.status === 403 ? 'Not for this key: ' : ''}${fmt.esc(e.message)}</p></section>`);
    }
  },

  signIn(message) {
    document.getElementById('nav').innerHTML = ''; document.getElementById('who').textContent = '';
    document.getElementById('signout').hidden = true;
    this.show(`<section><h1>Sign in</h1><p class="muted">With an API key. It stays in this tab only.</p>
      ${message ? `<p class="refused">${fmt.esc(message)}</p>` : ''}
      <form id="signin"><p><input id="key" type="password" size="48" placeholder="API key" autocomplete="off">
      <button type="submit">Sign in</button></p>
      <p class="muted"><label>Command side (for actions) <input id="commandUrl" size="32" value="${fmt.esc(this.commandUrl)}"></label></p>
      </form></section>`);
    document.getElementById('signin').onsubmit = event => {
      event.preventDefault();
      this.key = document.getElementById('key').value.trim();
      this.commandUrl = document.getElementById('commandUrl').value.trim().replace(/\/$/, '');
      sessionStorage.setItem('ledger.key', this.key);
      sessionStorage.setItem('ledger.commandUrl', this.commandUrl);
      this.me = null;
      // a new key starts at its own home, whatever the last one was looking at
      if (location.hash !== '#/') location.hash = '#/'; else this.route();
    };
  },

  header() {
    const role = this.me.role;
    const links = [];
    if (['SUPPORT', 'AUDITOR', 'ADMIN'].includes(role)) links.push('<a href="#/support">Accounts</a>');
    if (['FINANCE', 'AUDITOR', 'ADMIN'].includes(role)) links.push('<a href="#/finance">Finance</a>');
    if (role === 'CUSTOMER') links.push('<a href="#/customer">My account</a>');
    document.getElementById('nav').innerHTML = links.join('');
    document.getElementById('who').textContent = `${role}${this.me.accountId ? ' · ' + this.me.accountId : ''} · key ${this.me.keyId.slice(0, 8)}`;
    document.getElementById('signout').hidden = false;
  },

  home() {
    const home = {SUPPORT: '#/support', FINANCE: '#/finance', CUSTOMER: '#/customer', AUDITOR: '#/finance', ADMIN: '#/support'}[this.me.role];
    if (home) { location.hash = home; return; }
    this.show(`<section><p class="refused" id="refused">A ${fmt.esc(this.me.role)} key has no views in the console.</p></section>`);
  },

  show(html) { this.main.innerHTML = html; },

  table(headers, rows, options = {}) {
    const head = headers.map(h => `<th class="${h.num ? 'num' : ''}">${fmt.esc(h.title)}</th>`).join('');
    const body = rows.map((row, i) => `<tr data-row="${i}" class="${options.onRow ? 'clickable' : ''}">${headers.map(h => {
      const value = h.value(row);
      return `<td class="${h.num ? 'num' : ''}${h.cell ? ' clickable' : ''}" ${h.cell ? `data-cell="${fmt.esc(h.key)}"` : ''}>${
        h.html ? value : fmt.esc(h.num ? fmt.amount(value) : value)}</td>`;
    }).join('')}</tr>`).join('');
    return `<table id="${options.id || ''}"><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${headers.length}" class="muted">none</td></tr>`}</tbody></table>`;
  },

  bind(tableId, rows, onRow, onCell) {
    document.querySelectorAll(`#${tableId} tbody tr[data-row]`).forEach(tr => {
      if (onRow) tr.onclick = () => onRow(rows[tr.dataset.row]);
      if (onCell) tr.querySelectorAll('td[data-cell]').forEach(td => td.onclick = event => { event.stopPropagation(); onCell(rows[tr.dataset.row], td.dataset.cell); });
    });
  },

  // A CSV of the view, fetched with the key (a plain link could not carry it) and saved under its name.
  async download(path, name) {
    const csv = await this.call(path + (path.includes('?') ? '&' : '?') + 'format=csv', {raw: true});
    const link = Object.assign(document.createElement('a'), {href: URL.createObjectURL(new Blob([csv], {type: 'text/csv'})), download: name});
    document.body.appendChild(link); link.click(); link.remove();
  },

  // ---- support ----

  async support(prefix = '') {
    const found = await this.call('/v1/accounts?limit=100&prefix=' + encodeURIComponent(decodeURIComponent(prefix)));
    this.show(`<section><h1>Accounts</h1><form id="find" class="toolbar"><input id="prefix" placeholder="account id starts with" value="${fmt.esc(decodeURIComponent(prefix))}">
      <button type="submit">Find</button></form>
      ${this.table([{title: 'Account', value: a => a.accountId}, {title: 'Status', value: a => a.status},
        {title: 'Billing', value: a => a.billingMode}, {title: 'Currency', value: a => a.currency}, {title: 'Opened', value: a => fmt.time(a.openedAt)}],
        found.accounts, {id: 'accounts', onRow: true})}</section>`);
    document.getElementById('find').onsubmit = e => { e.preventDefault(); location.hash = '#/support/' + encodeURIComponent(document.getElementById('prefix').value); };
    this.bind('accounts', found.accounts, a => location.hash = '#/account/' + encodeURIComponent(a.accountId));
  },

  async account(id, asOf = new URLSearchParams(location.hash.split('?')[1] || '').get('asOf')) {
    const at = asOf ? '?asOf=' + encodeURIComponent(asOf) : '';
    const enc = encodeURIComponent(id.split('?')[0]);
    const [balance, history, holds, deliveries] = await Promise.all([
      this.call(`/v1/accounts/${enc}/balance${at}`),
      this.call(`/v1/accounts/${enc}/history${asOf ? '?to=' + encodeURIComponent(asOf) : ''}`),
      this.call(`/v1/accounts/${enc}/reservations?status=open`).then(h => asOf  // holds open now and already taken then
        ? {reservations: h.reservations.filter(r => Date.parse(r.occurredAt) <= Date.parse(asOf))} : h),
      ['SUPPORT', 'AUDITOR', 'ADMIN'].includes(this.me.role) ? this.call(`/v1/webhooks/deliveries?accountId=${enc}&limit=20`) : {deliveries: []}]);
    const events = history.events.slice().reverse();
    this.show(`<section><h1>Account ${fmt.esc(balance.accountId)}</h1>
      <form id="asof" class="toolbar"><label>As of <input id="asOf" placeholder="2025-03-31T23:59:59Z" value="${fmt.esc(asOf || '')}"></label>
      <button type="submit">Redraw</button><a href="#/account/${enc}">now</a></form>
      <div class="figures">${this.figure('Available', balance.available, 'available')}${this.figure('Reserved', balance.reserved, 'reserved')}
      ${this.figure('Overage', balance.overage, 'overage')}${this.figure('Currency', balance.currency)}</div></section>
      <section><h2>Balance over time</h2>${this.balanceChart(history.events)}</section>
      <section><h2>Lots</h2>${this.lotTable(balance.lots, 'lots')}</section>
      <section><h2>Open holds</h2>${this.table([{title: 'Hold', value: h => h.reservationId}, {title: 'Model', value: h => h.model || ''},
        {title: 'Held', num: true, value: h => h.held}, {title: 'Expires', value: h => fmt.time(h.expiresAt)}], holds.reservations, {id: 'holds'})}</section>
      <section><h2>Alerts</h2><p>${fmt.esc(JSON.stringify(balance.alerts || {}))}</p></section>
      <section><h2>Timeline</h2><p class="muted">Newest first; a debit opens its draws, journal lines and invoice.</p>
      ${this.table([{title: 'Position', value: e => e.position}, {title: 'Event', value: e => e.type},
        {title: 'Business time', value: e => fmt.time(e.businessTime)}, {title: 'Recorded', value: e => fmt.time(e.recordedAt)},
        {title: 'Actor', value: e => e.actor || ''}, {title: 'Change', num: true, value: e => e.balanceChange},
        {title: 'Balance', num: true, value: e => e.balanceAfter}], events, {id: 'timeline', onRow: true})}</section>
      <section><h2>Notices and webhook deliveries</h2>${this.table([{title: 'Type', value: d => d.type}, {title: 'Status', value: d => d.status},
        {title: 'Attempts', value: d => d.attempts}, {title: 'Created', value: d => fmt.time(d.createdAt)}], deliveries.deliveries, {id: 'deliveries'})}</section>
      ${this.accountActions(balance)}`);
    document.getElementById('asof').onsubmit = e => { e.preventDefault(); location.hash = `#/account/${enc}?asOf=` + encodeURIComponent(document.getElementById('asOf').value); };
    this.bind('timeline', events, e => {
      if (e.event && e.event.idempotencyKey && e.type.startsWith('Usage')) location.hash = `#/debit/${enc}/${encodeURIComponent(e.event.idempotencyKey)}`;
    });
    this.bindActions(balance);
  },

  figure(label, value, id) {
    return `<div class="figure"><div class="label">${fmt.esc(label)}</div><div class="value" ${id ? `id="${id}"` : ''}>${fmt.esc(id ? fmt.amount(value) : value)}</div></div>`;
  },

  lotTable(lots, id) {
    return this.table([{title: 'Lot', value: l => l.lotId}, {title: 'Kind', value: l => l.kind},
      {title: 'Granted', num: true, value: l => l.granted}, {title: 'Used', num: true, value: l => l.used},
      {title: 'Expired', num: true, value: l => l.expired}, {title: 'Refunded', num: true, value: l => l.refunded},
      {title: 'Remaining', num: true, value: l => l.remaining}, {title: 'Expires', value: l => fmt.time(l.expiresAt)},
      {title: 'Cost basis', num: true, value: l => l.allocatedCash}, {title: 'Deferred', num: true, value: l => l.deferred}], lots, {id});
  },

  // Posted balance after each event, what open holds kept, and what was left to spend.
  balanceChart(events) {
    const holds = {}; const posted = [], reserved = [], available = [];
    for (const e of events) {
      const p = e.event || {}; const id = p.reservationId;
      if (e.type === 'CreditReserved') holds[id] = fmt.plot(p.held);
      if (e.type === 'ReservationExtended') holds[id] = (holds[id] || 0) + fmt.plot(p.added);
      if (e.type === 'ReservationCaptured') holds[id] = fmt.plot(p.held);
      if (e.type === 'ReservationReleased' || e.type === 'ReservationExpired') holds[id] = 0;
      const t = Date.parse(e.businessTime), held = Object.values(holds).reduce((a, b) => a + b, 0), balance = fmt.plot(e.balanceAfter);
      posted.push([t, balance]); reserved.push([t, held]); available.push([t, balance - held]);
    }
    return charts.lines([{name: 'posted', points: posted}, {name: 'reserved', points: reserved}, {name: 'available', points: available}],
      t => new Date(t).toISOString().slice(0, 10));
  },

  accountActions(balance) {
    if (!['SUPPORT', 'ADMIN'].includes(this.me.role)) return '';
    const topUps = [...new Set(balance.lots.map(l => l.topUpId))];
    return `<section><h2>Actions</h2><form id="refund" class="toolbar">Refund <select id="refundTopUp">${topUps.map(t => `<option>${fmt.esc(t)}</option>`).join('')}</select>
      <input id="refundCredits" placeholder="credits, or empty for all"><input id="refundReason" placeholder="reason"><button type="submit">Request refund</button></form>
      <form id="suspend" class="toolbar"><input id="suspendReason" placeholder="reason"><button type="submit">Suspend account</button></form>
      <p id="actionResult"></p></section>`;
  },

  bindActions(balance) {
    const refund = document.getElementById('refund');
    if (!refund) return;
    const say = (text, good) => { const p = document.getElementById('actionResult'); p.textContent = text; p.className = good ? 'ok' : 'refused'; };
    const enc = encodeURIComponent(balance.accountId);
    refund.onsubmit = async e => {
      e.preventDefault();
      const credits = document.getElementById('refundCredits').value.trim();
      const body = {refundId: 'console-' + Date.now(), topUpId: document.getElementById('refundTopUp').value,
        reason: document.getElementById('refundReason').value || undefined, ...(credits ? {credits} : {all: true})};
      try {
        const r = await this.call(`/v1/accounts/${enc}/refunds`, {command: true, method: 'POST', body});
        say(`Refund ${r.refundId}: ${r.status}, ${fmt.amount(r.cashRefunded)} cash`, true);
      } catch (err) { say(err.message); }
    };
    document.getElementById('suspend').onsubmit = async e => {
      e.preventDefault();
      try {
        await this.call(`/v1/accounts/${enc}/suspend`, {command: true, method: 'POST', body: {reason: document.getElementById('suspendReason').value || undefined}});
        say('Suspended.', true);
      } catch (err) { say(err.message); }
    };
  },

  async debit(account, key) {
    const t = await this.call(`/v1/usage/${encodeURIComponent(account)}/${encodeURIComponent(key)}/trace`);
    this.show(`<section><h1>Debit ${fmt.esc(key)}</h1><p><a href="#/account/${encodeURIComponent(account)}">← ${fmt.esc(account)}</a></p>
      <div class="figures">${this.figure('Credits', t.usage.amount, 'debitAmount')}${this.figure('Model', t.usage.model || 'priced')}
      ${this.figure('Invoice', t.invoiceId || 'prepaid: none')}${this.figure('Position', t.usage.position)}</div></section>
      <section><h2>Draws from lots</h2>${this.table([{title: 'Lot', value: d => d.lotId}, {title: 'Credits', num: true, value: d => d.credits},
        {title: 'Revenue', num: true, value: d => d.revenue ?? ''}], t.draws, {id: 'draws'})}</section>
      <section><h2>Journal lines</h2>${this.journalTable(t.journalLines, 'debitLines')}</section>
      <section><h2>The event</h2><pre>${fmt.esc(JSON.stringify(t.usage, null, 2))}</pre></section>`);
  },

  journalTable(lines, id) {
    return this.table([{title: 'Position', value: l => l.position}, {title: 'Event', value: l => l.eventType},
      {title: 'Event id', value: l => l.eventId}, {title: 'Account', value: l => l.accountId}, {title: 'Code', value: l => l.accountCode},
      {title: 'Debit', num: true, value: l => l.debit}, {title: 'Credit', num: true, value: l => l.credit},
      {title: 'Business time', value: l => fmt.time(l.businessTime)}, {title: 'Call', value: l => l.idempotencyKey || ''}], lines, {id});
  },

  // ---- finance ----

  async finance(tab) {
    const tabs = {'roll-forward': 'Roll-forward', waterfall: 'Revenue waterfall', 'trial-balance': 'Trial balance', journal: 'Journal', periods: 'Periods', verify: 'Hash chain', simulation: 'What if'};
    const params = new URLSearchParams(location.hash.split('?')[1] || '');
    const year = params.get('year') || String(new Date().getUTCFullYear());
    const nav = Object.entries(tabs).map(([k, v]) => `<a href="#/finance/${k}?year=${year}" ${k === tab.split('?')[0] ? 'style="font-weight:700"' : ''}>${v}</a>`).join(' · ');
    const yearForm = `<form id="year" class="toolbar">Year <input id="yearInput" size="6" value="${fmt.esc(year)}">
      <select id="granularity"><option value="month">by month</option><option value="quarter" ${params.get('granularity') === 'quarter' ? 'selected' : ''}>by quarter</option></select>
      <button type="submit">Show</button></form>`;
    const name = tab.split('?')[0];
    const body = await this[{'roll-forward': 'rollForward', waterfall: 'waterfall', 'trial-balance': 'trialBalance', journal: 'journal', periods: 'periods', verify: 'verify', simulation: 'simulation'}[name] || 'rollForward'](year, params);
    this.show(`<section><h1>Finance</h1><p>${nav}</p>${yearForm}</section>${body.html}`);
    document.getElementById('year').onsubmit = e => { e.preventDefault();
      location.hash = `#/finance/${name}?year=${document.getElementById('yearInput').value}&granularity=${document.getElementById('granularity').value}`; };
    if (body.bind) body.bind();
  },

  async rollForward(year, params) {
    const granularity = params.get('granularity') || 'month';
    const path = `/v1/reports/deferred-revenue?from=${year}-01&to=${year}-12&granularity=${granularity}`;
    const rows = (await this.call(path)).rows;
    const money = ['openingBalance', 'topUpCash', 'planFees', 'usageRevenue', 'breakage', 'refunds', 'closingBalance'];
    const traced = ['topUpCash', 'planFees', 'usageRevenue', 'breakage', 'refunds'];
    const titles = {openingBalance: 'Opening', topUpCash: 'Top-up cash', planFees: 'Plan fees', usageRevenue: 'Usage revenue',
      breakage: 'Breakage', refunds: 'Refunds', closingBalance: 'Closing'};
    const headers = [{title: 'Period', value: r => r.period}, ...money.map(k => ({title: titles[k], key: k, num: true, cell: traced.includes(k), value: r => r[k]}))];
    return {
      html: `<section><h2>Deferred revenue roll-forward</h2><p><button id="csv">Download CSV</button> <span class="muted">Click a movement to see its journal lines and events.</span></p>
        ${this.table(headers, rows, {id: 'rollforward'})}</section>
        <section><h2>Opening, closing and movements</h2>${charts.bars(['opening', 'usage revenue', 'breakage', 'closing'],
          rows.map(r => ({label: r.period, values: [r.openingBalance, r.usageRevenue, r.breakage, r.closingBalance].map(fmt.plot)})))}</section>`,
      bind: () => {
        document.getElementById('csv').onclick = () => this.download(path, `deferred-revenue-${year}.csv`);
        this.bind('rollforward', rows, null, (row, column) => location.hash = `#/cell/${row.period}/${column}`);
      }
    };
  },

  async cell(period, column) {
    const t = await this.call(`/v1/reports/deferred-revenue/trace?period=${encodeURIComponent(period)}&column=${encodeURIComponent(column)}`);
    this.show(`<section><h1>${fmt.esc(column)} of ${fmt.esc(period)}: <span id="cellTotal">${fmt.esc(fmt.amount(t.total))}</span></h1>
      <p><a href="#/finance/roll-forward?year=${period.slice(0, 4)}">← roll-forward</a> · ${t.lines.length} journal lines, each naming its event</p>
      ${this.journalTable(t.lines, 'cellLines')}</section>`);
  },

  async waterfall() {
    const cohorts = (await this.call('/v1/reports/revenue-waterfall')).cohorts;
    const months = [...new Set(cohorts.flatMap(c => Object.keys(c.recognized)))].sort();
    const max = Math.max(1, ...cohorts.flatMap(c => Object.values(c.recognized).map(fmt.plot)));
    const cells = c => months.map(m => {
      const v = c.recognized[m];
      const shade = v ? Math.round(255 - fmt.plot(v) / max * 150) : 255;
      return `<td class="num" style="background: rgb(${shade}, ${shade}, 255)">${v ? fmt.esc(fmt.amount(v)) : ''}</td>`;
    }).join('');
    return {html: `<section><h2>Revenue by top-up cohort</h2><p><button id="csv">Download CSV</button></p><table id="waterfall"><thead><tr><th>Cohort</th>${
      months.map(m => `<th class="num">${m}</th>`).join('')}</tr></thead><tbody>${cohorts.map(c => `<tr><td>${fmt.esc(c.cohort)}</td>${cells(c)}</tr>`).join('')}</tbody></table></section>`,
      bind: () => document.getElementById('csv').onclick = () => this.download('/v1/reports/revenue-waterfall', 'revenue-waterfall.csv')};
  },

  async trialBalance() {
    const rows = (await this.call('/v1/reports/trial-balance')).accounts;
    return {html: `<section><h2>Trial balance</h2><p><button id="csv">Download CSV</button></p>${this.table([{title: 'Currency', value: r => r.currency},
      {title: 'Account', value: r => r.accountCode}, {title: 'Debit', num: true, value: r => r.debit}, {title: 'Credit', num: true, value: r => r.credit},
      {title: 'Balance', num: true, value: r => r.balance}], rows, {id: 'trialbalance'})}</section>`,
      bind: () => document.getElementById('csv').onclick = () => this.download('/v1/reports/trial-balance', 'trial-balance.csv')};
  },

  async journal(year) {
    const path = `/v1/reports/journal?from=${year}-01&to=${year}-12`;
    const lines = (await this.call(path)).lines;
    return {html: `<section><h2>Journal ${fmt.esc(year)}</h2><p><button id="csv">Download CSV</button></p>${this.journalTable(lines, 'journal')}</section>`,
      bind: () => document.getElementById('csv').onclick = () => this.download(path, `journal-${year}.csv`)};
  },

  async periods() {
    const periods = (await this.call('/v1/periods')).periods;
    const canAct = ['FINANCE', 'ADMIN'].includes(this.me.role);
    return {html: `<section><h2>Periods</h2>${this.table([{title: 'Period', value: p => p.period}, {title: 'Status', value: p => p.status},
      {title: 'Closed at', value: p => fmt.time(p.closedAt)}, {title: 'Digest', value: p => (p.reportDigest || '').slice(0, 16)},
      {title: 'Digest matches', value: p => p.status === 'open' ? '' : String(p.digestMatches)}], periods, {id: 'periods'})}
      ${canAct ? `<form id="close" class="toolbar"><input id="closePeriod" placeholder="YYYY-MM"><button type="submit">Close</button>
        <input id="reopenReason" placeholder="reason to reopen"><button type="button" id="reopen">Request reopen</button>
        <button type="button" id="approve">Approve reopen</button></form><p id="periodResult"></p>` : ''}</section>`,
      bind: () => {
        if (!canAct) return;
        const say = (text, good) => { const p = document.getElementById('periodResult'); p.textContent = text; p.className = good ? 'ok' : 'refused'; };
        const act = async (suffix, body) => {
          const p = document.getElementById('closePeriod').value.trim();
          try { const r = await this.call(`/v1/periods/${encodeURIComponent(p)}/${suffix}`, {command: true, method: 'POST', body});
            say(`${r.period}: ${r.status}`, true); } catch (err) { say(err.message); }
        };
        document.getElementById('close').onsubmit = e => { e.preventDefault(); act('close'); };
        document.getElementById('reopen').onclick = () => act('reopen', {reason: document.getElementById('reopenReason').value});
        document.getElementById('approve').onclick = () => act('reopen/approve');
      }};
  },

  async verify() {
    return {html: `<section><h2>Hash chain</h2><p>Recomputes every event's link from its stored bytes.</p><button id="verify">Verify the hash chain</button>
      <p id="verifyResult"></p></section>`,
      bind: () => document.getElementById('verify').onclick = async () => {
        const p = document.getElementById('verifyResult');
        p.textContent = 'verifying…';
        const v = await this.call('/v1/audit/verify');
        p.className = v.intact ? 'ok' : 'refused';
        p.textContent = v.intact ? `Intact: ${fmt.amount(String(v.eventsChecked))} events checked.`
          : `BROKEN at ${v.firstBrokenLink.aggregateId} event ${v.firstBrokenLink.sequenceNumber}: ${v.firstBrokenLink.reason}`;
      }};
  },

  // A what-if replay runs on the command side, where the pricing and lot rules live; it writes nothing.
  async simulation(year) {
    return {html: `<section><h2>What if: the real history under other terms</h2>
      <form id="simulate" class="toolbar"><input id="simAccount" placeholder="account (blank: the first 100)" size="28">
        <input id="simFrom" value="${fmt.esc(year)}-01" size="8"> to <input id="simTo" value="${fmt.esc(year)}-12" size="8">
        <select id="simBilling"><option value="">own billing</option><option value="prepaid">prepaid</option><option value="postpaid">metered (postpaid)</option></select>
        <input id="simValidity" placeholder="validity, e.g. P24M" size="14"><input id="simRateCard" placeholder="rate card version" size="16">
        <button type="submit">Replay</button></form><div id="simResult"></div></section>`,
      bind: () => document.getElementById('simulate').onsubmit = async e => {
        e.preventDefault();
        const value = id => document.getElementById(id).value.trim() || undefined;
        const out = document.getElementById('simResult');
        out.innerHTML = '<p class="muted">replaying…</p>';
        try {
          const r = await this.call('/v1/simulations', {command: true, method: 'POST', body: {accountId: value('simAccount'),
            from: value('simFrom'), to: value('simTo'), terms: {billing: value('simBilling'), principalValidity: value('simValidity'),
              rateCardVersion: value('simRateCard')}}});
          const months = {};
          r.results.forEach(a => a.months.forEach(m => (months[m.month] ||= []).push(m)));
          const rows = Object.entries(months).map(([month, ms]) => ({month, sim: ms.map(m => m.simulated), act: ms.map(m => m.actual)}));
          const sum = (list, k) => list.reduce((t, f) => t + fmt.plot(f[k]), 0);
          out.innerHTML = `<div class="figures">${this.figure('Simulated cost', r.total.simulated.cost, 'simCost')}
              ${this.figure('Actual cost', r.total.actual.cost, 'actCost')}${this.figure('Difference', r.total.difference.cost, 'simDifference')}
              ${this.figure('Simulated breakage', r.total.simulated.breakage, 'simBreakage')}${this.figure('Actual breakage', r.total.actual.breakage, 'actBreakage')}</div>
            <p class="muted">${r.accounts} accounts, ${fmt.amount(String(r.eventsReplayed))} events replayed${r.nextAfterAccountId ? '; more accounts follow' : ''}.</p>
            ${charts.bars(['simulated cost', 'actual cost', 'simulated revenue', 'actual revenue'], rows.map(row => ({label: row.month.slice(2),
              values: [sum(row.sim, 'cost'), sum(row.act, 'cost'), sum(row.sim, 'revenue'), sum(row.act, 'revenue')]})))}
            ${this.table([{title: 'Account', value: m => m.accountId}, {title: 'Month', value: m => m.month},
              {title: 'Cost (simulated)', num: true, value: m => m.simulated.cost}, {title: 'Cost (actual)', num: true, value: m => m.actual.cost},
              {title: 'Revenue (simulated)', num: true, value: m => m.simulated.revenue}, {title: 'Revenue (actual)', num: true, value: m => m.actual.revenue},
              {title: 'Expired (simulated)', num: true, value: m => m.simulated.creditsExpired}, {title: 'Expired (actual)', num: true, value: m => m.actual.creditsExpired}],
              r.results.flatMap(a => a.months.map(m => ({accountId: a.accountId, ...m}))), {id: 'simMonths'})}`;
        } catch (err) { out.innerHTML = `<p class="refused">${fmt.esc(err.message)}</p>`; }
      }};
  },

  // ---- customer ----

  async customer() {
    const id = this.me.accountId, enc = encodeURIComponent(id);
    // economics as of now, or of ?asOf= (a ledger on a manual clock lives at another instant)
    const asOf = new URLSearchParams(location.hash.split('?')[1] || '').get('asOf');
    const [balance, usage, invoices, economics] = await Promise.all([this.call(`/v1/accounts/${enc}/balance`),
      this.call(`/v1/accounts/${enc}/usage`), this.call(`/v1/invoices?accountId=${enc}`),
      this.call(`/v1/accounts/${enc}/economics${asOf ? '?asOf=' + encodeURIComponent(asOf) : ''}`)]);
    const advice = economics.recommendedTopUp;
    const topUps = Object.values(balance.lots.reduce((all, l) => {
      if (l.topUpId && l.allocatedCash) (all[l.topUpId] ||= {topUpId: l.topUpId, grantedAt: l.grantedAt, credits: [], cash: []}).credits.push(l.granted);
      return all;
    }, {}));
    const models = [...new Set(usage.days.map(d => d.model))];
    const days = [...new Set(usage.days.map(d => d.day))];
    this.show(`<section><h1>${fmt.esc(id)}</h1><div class="figures">${this.figure('Available credits', balance.available, 'available')}
      ${this.figure('Reserved', balance.reserved, 'reserved')}</div></section>
      <section><h2>Credits at risk at your measured spend</h2><p class="muted">Spending ${fmt.esc(fmt.amount(economics.burn.creditsPerDay90))}
        credits a day (last 90 days), these credits expire before you reach them.</p>${this.table([{title: 'Lot', value: l => l.lotId},
        {title: 'Credits at risk', num: true, value: l => l.credits}, {title: 'Lost on', value: l => fmt.time(l.lostAt)}], economics.atRisk, {id: 'atRisk'})}
        <p id="recommendation">${advice ? `Recommended top-up: <b>${fmt.esc(fmt.amount(advice.pack.amount))}</b> for
          ${fmt.esc(fmt.amount(advice.pack.credits))} credits, ${fmt.esc(advice.monthsCovered)} months of your spend
          (${fmt.esc(fmt.amount(advice.monthlySpend))} credits a month).` : 'No spend measured yet: no recommendation.'}</p></section>
      <section><h2>Prepaid or metered</h2>${this.table([{title: 'Top-up', value: t => t.topUpId}, {title: 'Paid', num: true, value: t => t.cashPaid},
        {title: 'Credits', num: true, value: t => t.creditsReceived}, {title: 'Used', num: true, value: t => t.creditsUsed},
        {title: 'Expired or at risk', num: true, value: t => t.projectedExpired},
        {title: 'Break-even expiry', value: t => t.breakEvenExpiryPercent ? t.breakEvenExpiryPercent + '%' : ''},
        {title: 'Expired', value: t => t.expiredPercent + '%'},
        {title: 'Against metered', num: true, value: t => t.netPositionVsMetered}, {title: '', value: t => t.netPositionFinal ? 'final' : 'projected'}],
        economics.topUps, {id: 'economics'})}</section>
      <section><h2>Lots</h2>${this.table([{title: 'Lot', value: l => l.lotId}, {title: 'Kind', value: l => l.kind},
        {title: 'Granted', num: true, value: l => l.granted}, {title: 'Used', num: true, value: l => l.used},
        {title: 'Remaining', num: true, value: l => l.remaining}, {title: 'Expires', value: l => fmt.time(l.expiresAt)}], balance.lots, {id: 'lots'})}</section>
      <section><h2>Usage by model and day</h2>${charts.bars(models, days.map(day => ({label: day.slice(5),
        values: models.map(m => fmt.plot((usage.days.find(d => d.day === day && d.model === m) || {credits: '0'}).credits))})))}
        ${this.table([{title: 'Day', value: d => d.day}, {title: 'Model', value: d => d.model}, {title: 'Calls', value: d => d.calls},
          {title: 'Credits', num: true, value: d => d.credits}], usage.days, {id: 'usage'})}</section>
      <section><h2>Invoices</h2>${this.table([{title: 'Month', value: i => i.month}, {title: 'Status', value: i => i.status},
        {title: 'Total', num: true, value: i => i.total}, {title: 'Open', num: true, value: i => i.open}, {title: 'Due', value: i => fmt.time(i.dueAt)}],
        invoices.invoices, {id: 'invoices'})}</section>
      <section><h2>Top-ups</h2>${this.table([{title: 'Top-up', value: t => t.topUpId}, {title: 'Bought', value: t => fmt.time(t.grantedAt)},
        {title: 'Lots', value: t => t.credits.map(fmt.amount).join(' + ')}], topUps, {id: 'topups'})}</section>`);
  }
};

app.start();
