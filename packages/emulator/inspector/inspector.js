// The inspector page: reads /inspector/api/state, follows /inspector/api/events (server-sent
// events) and posts actions and faults. Plain DOM, text only (never innerHTML), no dependency.
'use strict';

(() => {
  const api = (path) => `/inspector/api/${path}`;
  const $ = (id) => document.getElementById(id);
  const MAX_ROWS = 1000;

  let state = { hubs: [], faults: [] };
  let selected = null;
  let paused = false;
  const entries = [];
  let missed = 0;

  // ---- helpers ----
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('aria-') || k === 'role' || k === 'title') node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) node.append(c);
    return node;
  }

  function shortId(id) {
    return id.length > 10 ? `${id.slice(0, 8)}…` : id;
  }

  function time(ms) {
    return new Date(ms).toISOString().slice(11, 23);
  }

  function ago(ms) {
    const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : time(ms);
  }

  function say(text) {
    $('action-status').textContent = text;
  }

  async function call(path, method, body) {
    const res = await fetch(api(path), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const value = text ? JSON.parse(text) : {};
    if (!res.ok) throw new Error(value.message || `${res.status}`);
    return value;
  }

  function list(text) {
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  function hubFilter() {
    return $('hub-filter').value;
  }

  /** The hub an action goes to: the filter's, else the selected connection's, else the only one. */
  function actionHub() {
    if (hubFilter()) return hubFilter();
    if (selected) return selected.hub;
    if (state.hubs.length === 1) return state.hubs[0].name;
    throw new Error('Choose a hub first (the Hub menu at the top).');
  }

  // ---- state ----
  let refreshTimer = null;
  function refreshSoon() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void refresh();
    }, 150);
  }

  async function refresh() {
    try {
      state = await call('state', 'GET');
      renderState();
    } catch {
      setLive('offline', 'emulator unreachable');
    }
  }

  function visibleHubs() {
    const f = hubFilter();
    return state.hubs.filter((h) => !f || h.name === f);
  }

  function renderState() {
    const hubSelect = $('hub-filter');
    const current = hubSelect.value;
    const names = state.hubs.map((h) => h.name);
    if (
      [...hubSelect.options]
        .slice(1)
        .map((o) => o.value)
        .join() !== names.join()
    ) {
      hubSelect.replaceChildren(el('option', { value: '', text: 'all hubs' }));
      for (const n of names) hubSelect.append(el('option', { value: n, text: n }));
      hubSelect.value = names.includes(current) ? current : '';
    }
    renderConnections();
    renderGroupsAndUsers();
    renderFaults();
  }

  function renderConnections() {
    const q = $('connection-search').value.trim().toLowerCase();
    const body = $('connections').tBodies[0];
    const rows = [];
    let total = 0;
    for (const hub of visibleHubs()) {
      for (const c of hub.connections) {
        total++;
        const hay = [c.id, c.userId ?? '', hub.name, c.subprotocol ?? 'raw', ...c.groups]
          .join(' ')
          .toLowerCase();
        if (q && !hay.includes(q)) continue;
        const isSelected = selected && selected.id === c.id;
        const tr = el('tr', {
          dataset: { id: c.id, hub: hub.name },
          tabIndex: 0,
          'aria-selected': String(Boolean(isSelected)),
          title: 'Enter: select for actions',
        });
        const reliable = c.reliable ? `${c.reliable.state}, ${c.reliable.unacked} unacked` : '—';
        tr.append(
          el('td', { className: 'mono', title: c.id, text: shortId(c.id) }),
          el('td', { text: c.userId ?? '(anonymous)' }),
          el('td', { text: hub.name }),
          el('td', { text: c.subprotocol ?? 'raw' }),
          el('td', {}, ...c.groups.map((g) => el('span', { className: 'chip', text: g }))),
          el('td', {}, ...c.roles.map((r) => el('span', { className: 'chip', text: r }))),
          el('td', { text: c.connectedSince ? ago(c.connectedSince) : '' }),
          el('td', { text: reliable }),
          el('td', { className: 'mono', text: `${c.framesIn} / ${c.framesOut}` }),
        );
        tr.addEventListener('click', () => select(hub.name, c.id));
        tr.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            select(hub.name, c.id);
          }
        });
        rows.push(tr);
      }
    }
    const focused = document.activeElement?.closest?.('tr')?.dataset.id;
    body.replaceChildren(...rows);
    if (focused) body.querySelector(`tr[data-id="${CSS.escape(focused)}"]`)?.focus();
    $('connection-count').textContent = String(total);
    $('no-connections').hidden = total > 0;
  }

  function renderGroupsAndUsers() {
    const groups = [];
    const users = [];
    for (const hub of visibleHubs()) {
      for (const g of hub.groups) {
        groups.push(
          el(
            'li',
            { dataset: { group: g.name, hub: hub.name } },
            el('strong', { text: g.name }),
            el('span', { className: 'hint', text: ` ${g.members.length} member(s)` }),
            el(
              'div',
              {},
              ...g.members.map((m) =>
                el('span', { className: 'chip mono', title: m, text: shortId(m) }),
              ),
            ),
          ),
        );
      }
      for (const u of hub.users) {
        users.push(
          el(
            'li',
            { dataset: { user: u.id, hub: hub.name } },
            el('strong', { text: u.id }),
            el('span', { className: 'hint', text: ` ${u.connections.length} connection(s)` }),
          ),
        );
      }
    }
    $('groups').replaceChildren(
      ...(groups.length ? groups : [el('li', { className: 'empty', text: 'No groups.' })]),
    );
    $('users').replaceChildren(
      ...(users.length ? users : [el('li', { className: 'empty', text: 'No users.' })]),
    );
  }

  function renderFaults() {
    const items = state.faults.map((f) => {
      const clear = el('button', { type: 'button', text: 'Clear' });
      clear.setAttribute('aria-label', `Clear fault: ${f.description}`);
      clear.addEventListener('click', () =>
        run(() => call(`faults/${f.id}`, 'DELETE'), 'Fault cleared.'),
      );
      return el(
        'li',
        { dataset: { fault: f.id } },
        el('span', { text: `${f.description} · applied ${f.hits}× ` }),
        clear,
      );
    });
    $('faults').replaceChildren(
      ...(items.length ? items : [el('li', { className: 'empty', text: 'No faults in force.' })]),
    );
  }

  function select(hub, id) {
    selected = { hub, id };
    $('selected').textContent = `${shortId(id)} (${hub})`;
    for (const form of ['group-form', 'close-form', 'fault-form']) {
      $(form).elements.connectionId.value = id;
    }
    const send = $('send-form').elements;
    send.to.value = 'connection';
    send.name.value = id;
    renderConnections();
  }

  function unselect() {
    selected = null;
    $('selected').textContent = 'none';
    for (const form of ['group-form', 'close-form', 'fault-form']) {
      $(form).elements.connectionId.value = '';
    }
    renderConnections();
  }

  // ---- log ----
  function matchesFilters(e) {
    const f = new FormData($('log-filters'));
    const hub = hubFilter();
    if (hub && e.hub && e.hub.toLowerCase() !== hub.toLowerCase()) return false;
    const eq = (field, value) => !value || String(e[field] ?? '').includes(value);
    if (!eq('connectionId', f.get('connectionId'))) return false;
    if (!eq('userId', f.get('userId'))) return false;
    if (!eq('group', f.get('group'))) return false;
    if (!eq('event', f.get('event'))) return false;
    const kind = f.get('kind');
    if (kind && !(kind === 'frame' ? e.kind.startsWith('frame') : e.kind === kind)) return false;
    const outcome = f.get('outcome');
    return !outcome || e.outcome === outcome;
  }

  function entryRow(e) {
    const label = {
      'frame-in': 'frame in',
      'frame-out': 'frame out',
      rest: 'REST',
      upstream: 'upstream',
      connection: 'connection',
      fault: 'fault',
      action: 'action',
    }[e.kind];
    const who = [e.hub, e.userId && `user ${e.userId}`, e.connectionId && shortId(e.connectionId)]
      .filter(Boolean)
      .join(' · ');
    const extra = e.durationMs !== undefined ? ` (${e.durationMs} ms)` : '';
    const li = el(
      'li',
      { dataset: { kind: e.kind, outcome: e.outcome, seq: String(e.seq) } },
      el('span', { className: 'time', text: time(e.time) }),
      el('span', { className: 'kind', text: label }),
      el('span', { className: 'summary', text: `${e.summary}${extra}` }),
    );
    if (e.status !== undefined) li.dataset.status = String(e.status);
    const facts = { who, ...(e.detail ?? {}) };
    const details = el('details', {}, el('summary', { className: 'hint', text: who || 'details' }));
    details.append(el('pre', { className: 'mono', text: JSON.stringify(facts, null, 2) }));
    li.append(details);
    return li;
  }

  function renderLog() {
    const rows = entries.filter(matchesFilters).slice(-300).reverse().map(entryRow);
    $('log').replaceChildren(...rows);
  }

  function addEntry(e) {
    entries.push(e);
    if (entries.length > MAX_ROWS) entries.splice(0, entries.length - MAX_ROWS);
    if (e.kind !== 'frame-out') refreshSoon();
    if (paused) {
      missed++;
      $('paused-note').textContent =
        `Paused: ${missed} new entr${missed === 1 ? 'y' : 'ies'} not shown.`;
      return;
    }
    if (!matchesFilters(e)) return;
    const log = $('log');
    log.prepend(entryRow(e));
    while (log.children.length > 300) log.lastElementChild.remove();
  }

  function setLive(stateName, text) {
    const s = $('live-status');
    s.dataset.state = stateName;
    s.textContent = text;
  }

  function setPaused(value) {
    paused = value;
    $('pause').setAttribute('aria-pressed', String(paused));
    $('pause').textContent = paused ? 'Resume' : 'Pause';
    $('paused-note').hidden = !paused;
    $('paused-note').textContent = 'Paused: new entries are kept, not shown.';
    setLive(paused ? 'paused' : 'live', paused ? 'paused' : 'live');
    if (!paused) {
      missed = 0;
      renderLog();
    }
  }

  function follow() {
    const source = new EventSource(api('events'));
    source.addEventListener('open', () => {
      setLive(paused ? 'paused' : 'live', paused ? 'paused' : 'live');
      void refresh();
    });
    source.addEventListener('message', (m) => addEntry(JSON.parse(m.data)));
    source.addEventListener('error', () => setLive('offline', 'reconnecting…'));
  }

  // ---- actions and faults ----
  async function run(action, done) {
    try {
      const said = await action();
      say(typeof said === 'string' ? said : done);
      await refresh();
    } catch (err) {
      say(`Failed: ${err.message}`);
    }
  }

  function number(value) {
    return value === '' || value === null ? undefined : Number(value);
  }

  function faultBody(f) {
    const target = {};
    const hub = hubFilter();
    if (hub) target.hub = hub;
    for (const k of ['connectionId', 'userId', 'event']) if (f.get(k)) target[k] = f.get(k);
    const life = {};
    if (number(f.get('count'))) life.count = number(f.get('count'));
    if (number(f.get('durationMs'))) life.durationMs = number(f.get('durationMs'));
    const delayMs = number(f.get('delayMs')) ?? 0;
    switch (f.get('kind')) {
      case 'drop':
        return { type: 'drop', target };
      case 'close':
        return {
          type: 'close',
          target,
          code: number(f.get('code')) ?? 4000,
          reason: f.get('reason'),
        };
      case 'upstream-status':
        return { type: 'upstream', target, ...life, status: number(f.get('status')) ?? 500 };
      case 'upstream-timeout':
        return { type: 'upstream', target, ...life, timeout: true };
      case 'upstream-delay':
        return { type: 'upstream', target, ...life, delayMs };
      case 'delivery-delay':
        return { type: 'delivery', target, ...life, delayMs: Math.max(1, delayMs) };
      case 'delivery-pause':
        return { type: 'delivery', target, ...life, pause: true };
      default:
        return {
          type: 'throttleRest',
          target: hub ? { hub } : {},
          ...life,
          retryAfterSeconds: number(f.get('retryAfterSeconds')) ?? 1,
        };
    }
  }

  function wire() {
    $('hub-filter').addEventListener('change', () => {
      renderState();
      renderLog();
    });
    $('connection-search').addEventListener('input', renderConnections);
    $('log-filters').addEventListener('input', renderLog);
    $('log-filters').addEventListener('submit', (e) => e.preventDefault());
    $('pause').addEventListener('click', () => setPaused(!paused));
    $('clear-log').addEventListener('click', () => {
      entries.length = 0;
      renderLog();
    });

    $('send-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = new FormData(e.target);
      void run(
        () =>
          call('send', 'POST', {
            hub: actionHub(),
            to: f.get('to'),
            ...(f.get('to') === 'all' ? {} : { name: f.get('name') }),
            data: f.get('data'),
            dataType: f.get('dataType'),
          }),
        'Sent.',
      );
    });
    $('group-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = new FormData(e.target);
      const op = e.submitter?.value ?? 'add';
      void run(
        () =>
          call('group', 'POST', {
            hub: actionHub(),
            connectionId: f.get('connectionId'),
            group: f.get('group'),
            op,
          }),
        op === 'add' ? 'Added to the group.' : 'Removed from the group.',
      );
    });
    $('close-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = new FormData(e.target);
      void run(
        () =>
          call('close', 'POST', {
            hub: actionHub(),
            connectionId: f.get('connectionId'),
            reason: f.get('reason'),
          }),
        'Connection closed.',
      );
    });
    $('url-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = new FormData(e.target);
      void run(async () => {
        const { url } = await call('client-url', 'POST', {
          hub: actionHub(),
          ...(f.get('userId') ? { userId: f.get('userId') } : {}),
          roles: list(f.get('roles')),
          groups: list(f.get('groups')),
        });
        $('client-url').value = url;
      }, 'Client access URL minted (valid 60 min).');
    });
    $('copy-url').addEventListener('click', () => {
      const value = $('client-url').value;
      if (!value) return;
      navigator.clipboard.writeText(value).then(
        () => say('Copied.'),
        () => {
          $('client-url').select();
          say('Selected: press Ctrl+C to copy.');
        },
      );
    });
    $('fault-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const body = faultBody(new FormData(e.target));
      void run(
        async () => {
          const result = await call('faults', 'POST', body);
          if (!result.connections) return undefined;
          return `Fault applied to ${result.connections.length} connection(s).`;
        },
        body.type === 'drop' || body.type === 'close' ? 'Fault applied.' : 'Fault set.',
      );
    });
    $('clear-faults').addEventListener('click', () =>
      run(() => call('faults', 'DELETE'), 'Faults cleared.'),
    );

    document.addEventListener('keydown', (e) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if (e.key === 'Escape') {
        if (typing) e.target.blur();
        unselect();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        $('connection-search').focus();
      } else if (e.key === 'p') {
        setPaused(!paused);
      }
    });
    // "Since" columns stay true without a refresh storm.
    setInterval(() => void refresh(), 5000);
  }

  wire();
  void refresh();
  follow();
})();
