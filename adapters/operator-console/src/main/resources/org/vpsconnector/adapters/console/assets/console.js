'use strict';
// The operator console: reads /console/api as JSON and renders it with text nodes only (nothing a
// VPS name or an error message holds is ever parsed as HTML). Actions send the console's header,
// which the API requires of every change (see CrossSiteGuard).

const API = '/console/api/';
const REFRESH_MILLIS = 5000;
let selectedVps = null;

async function call(path, method = 'GET') {
  // From the origin alone: a page opened as http://user:password@host/ may not fetch a URL carrying them.
  const response = await fetch(new URL(API + path, window.location.origin), {
    method,
    credentials: 'same-origin',
    headers: method === 'GET' ? {} : { 'X-Vps-Console': '1' },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body && body.message ? body.message : response.status + ' ' + response.statusText);
  }
  return body;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    if (cell instanceof Node) {
      td.appendChild(cell);
    } else {
      td.textContent = cell === null || cell === undefined ? '' : String(cell);
    }
    tr.appendChild(td);
  }
  return tr;
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

function say(text, kind) {
  const message = document.getElementById('message');
  message.textContent = text;
  message.className = kind;
}

function button(label, action) {
  const node = element('button', label);
  node.type = 'button';
  node.addEventListener('click', async (event) => {
    event.stopPropagation();
    try {
      await action();
      await refresh();
    } catch (failure) {
      say(label + ' failed: ' + failure.message, 'error');
    }
  });
  return node;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value) {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

async function drain(host) {
  const reason = document.getElementById('drain-reason').value.trim();
  if (!reason) {
    throw new Error('give a reason first');
  }
  await call('drain' + query({ host, reason }), 'POST');
  say('drained ' + (host || 'the connector') + ': ' + reason, 'done');
}

async function undrain(host) {
  await call('undrain' + query({ host }), 'POST');
  say('undrained ' + (host || 'the connector'), 'done');
}

function renderDrains(drains) {
  const connector = drains.find((drain) => drain.scope === 'connector');
  const text = document.getElementById('connector-drain');
  text.textContent = connector
    ? 'Drained since ' + when(connector.drainedAt) + ': ' + connector.reason + '. New provisions are answered 503; work in flight goes on.'
    : 'Taking new VPSes.';
  text.className = connector ? 'drained' : 'up';
  text.dataset.drained = connector ? 'true' : 'false';
}

function renderHosts(hosts) {
  const rows = document.getElementById('host-rows');
  rows.replaceChildren();
  const select = document.getElementById('filter-host');
  const chosen = select.value;
  select.replaceChildren(element('option', 'any'));
  select.firstChild.value = '';
  for (const host of hosts) {
    const scope = host.kind + ':' + host.name;
    const health = host.up === null ? element('span', 'not checked yet', 'muted')
      : host.up ? element('span', 'up since ' + when(host.since), 'up')
        : element('span', 'down since ' + when(host.since) + ': ' + host.problem, 'down');
    const drained = host.drainedFor ? element('span', host.drainedFor, 'drained') : element('span', 'no', 'muted');
    const sold = (value, sellable) => value + (sellable === null ? ' (no limit)' : ' of ' + sellable);
    const action = host.drainedFor ? button('Undrain', () => undrain(scope)) : button('Drain', () => drain(scope));
    const tr = row([host.name, host.kind, health, drained, host.vpses, sold(host.memoryGbSold, host.memoryGbSellable),
      sold(host.cpusSold, host.cpusSellable), action]);
    tr.dataset.host = scope;
    rows.appendChild(tr);
    const option = element('option', scope);
    option.value = scope;
    select.appendChild(option);
  }
  select.value = chosen;
}

function renderVpses(vpses) {
  const rows = document.getElementById('vps-rows');
  rows.replaceChildren();
  for (const vps of vpses) {
    const state = element('span', vps.state + (vps.suspended ? ' (suspended)' : ''), vps.state === 'Error' ? 'failed' : '');
    const tr = row([element('span', vps.id, 'mono'), vps.name, element('span', vps.instanceId, 'mono'), vps.technology,
      vps.host, state, vps.lifecycle, vps.ipv4, vps.memoryGb + ' / ' + vps.diskspaceGb + ' / ' + vps.cpus, when(vps.modifiedAt)]);
    tr.className = 'selectable';
    tr.dataset.vps = vps.id;
    tr.addEventListener('click', () => {
      selectedVps = vps.id;
      showOperations().catch((failure) => say(failure.message, 'error'));
    });
    rows.appendChild(tr);
  }
  if (vpses.length === 0) {
    rows.appendChild(row(['no VPS matches']));
  }
}

async function showOperations() {
  const section = document.getElementById('vps-detail');
  if (!selectedVps) {
    section.hidden = true;
    return;
  }
  const operations = await call('vpses/' + selectedVps + '/operations');
  document.getElementById('detail-vps').textContent = selectedVps;
  const list = document.getElementById('operation-list');
  list.replaceChildren();
  for (const operation of operations) {
    const item = element('div', null, 'operation');
    item.dataset.operation = operation.id;
    item.dataset.status = operation.status;
    const title = element('div');
    title.appendChild(element('strong', operation.kind + ' ' + operation.status, operation.status === 'FAILED' ? 'failed' : ''));
    title.appendChild(element('span', '  attempts ' + operation.attempts + ', accepted ' + when(operation.createdAt)
      + (operation.transactionId ? ', transaction ' + operation.transactionId : ''), 'muted'));
    if (operation.status === 'FAILED') {
      title.appendChild(button('Retry', () => call('operations/' + operation.id + '/retry', 'POST')));
    }
    if (!operation.finished) {
      title.appendChild(button('Cancel', () => call('operations/' + operation.id + '/cancel', 'POST')));
    }
    item.appendChild(title);
    if (operation.lastError) {
      item.appendChild(element('div', 'last error: ' + operation.lastError, 'failed'));
    }
    const history = element('ol');
    for (const transition of operation.transitions) {
      history.appendChild(element('li', when(transition.at) + ': ' + (transition.from || 'new') + ' → ' + transition.to
        + ' (attempt ' + transition.attempts + ')' + (transition.info ? ': ' + transition.info : '')));
    }
    item.appendChild(history);
    list.appendChild(item);
  }
  section.hidden = false;
}

function renderFailures(failures) {
  const rows = document.getElementById('failure-rows');
  rows.replaceChildren();
  for (const operation of failures) {
    const tr = row([element('span', operation.id, 'mono'), element('span', operation.vpsId, 'mono'), operation.kind,
      when(operation.updatedAt), operation.lastError, button('Retry', () => call('operations/' + operation.id + '/retry', 'POST'))]);
    tr.dataset.operation = operation.id;
    rows.appendChild(tr);
  }
}

function renderUpdates(updates) {
  const rows = document.getElementById('update-rows');
  rows.replaceChildren();
  for (const update of updates) {
    rows.appendChild(row([element('span', update.resourceId, 'mono'), element('span', update.instanceId, 'mono'),
      update.status, update.attempts, when(update.nextAttemptAt), update.lastError, when(update.createdAt)]));
  }
}

async function refresh() {
  try {
    const filter = {
      instance: document.getElementById('filter-instance').value.trim(),
      state: document.getElementById('filter-state').value,
      host: document.getElementById('filter-host').value,
    };
    const [drains, hosts, vpses, failures, updates] = await Promise.all([
      call('drains'), call('hosts'), call('vpses' + query(filter)), call('failures'), call('updates')]);
    renderDrains(drains);
    renderHosts(hosts);
    renderVpses(vpses);
    renderFailures(failures);
    renderUpdates(updates);
    await showOperations();
    document.getElementById('refreshed').textContent = 'as of ' + new Date().toLocaleTimeString();
    document.body.dataset.loaded = 'true';
  } catch (failure) {
    say(failure.message, 'error');
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('vps-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  document.getElementById('drain-connector').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await drain(null);
      await refresh();
    } catch (failure) {
      say('Drain failed: ' + failure.message, 'error');
    }
  });
  document.getElementById('undrain-button').addEventListener('click', async () => {
    try {
      await undrain(null);
      await refresh();
    } catch (failure) {
      say('Undrain failed: ' + failure.message, 'error');
    }
  });
  refresh();
  setInterval(refresh, REFRESH_MILLIS);
});
