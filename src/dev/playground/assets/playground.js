// The playground page's controls: the event stream from the server, the message box, suggested
// commands, buttons in messages and App Home, and the digest control. No framework, no build step.
import { $, forget, render, state, unread, viewOf } from './playground-view.js';

function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    el.hidden = true;
  }, 6000);
}

async function api(path, body = {}) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
}

function show(view) {
  // As in Slack: a thread belongs to its conversation, so moving elsewhere closes the panel.
  if (view !== state.view) state.thread = null;
  state.view = view;
  if (view !== 'home') unread[view] = 0;
  if (view === 'home') api('/api/home').catch((e) => toast(`App Home: ${e.message}`));
  render();
}

function send(text) {
  if (text.trim() === '') return;
  api('/api/command', { text }).catch((e) => toast(`Not sent: ${e.message}`));
}

// Whether the simulated Codex API runs: the server says so at each (re)connect, a click changes it.
let apiRunning = true;

function showApiRunning(running) {
  apiRunning = running;
  $('codex-api').textContent = running ? 'Stop the Codex API' : 'Start the Codex API';
}

function setup(meta, live) {
  const chips = $('chips');
  chips.replaceChildren(
    chips.querySelector('legend'),
    ...meta.suggestions.map((command) => {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.textContent = command;
      chip.addEventListener('click', () => send(command));
      return chip;
    }),
  );
  const digests = $('run-digests');
  digests.disabled = !meta.digests;
  digests.title = meta.digests
    ? 'Delivers the digests that are due to #codex-demo now (a demo subscription is created if there is none)'
    : 'Scheduled digests arrive with the digest scheduler';
  const alerts = $('spike-alerts');
  alerts.disabled = !meta.alerts;
  alerts.title = meta.alerts
    ? 'Restates the newest closed day with a spike, syncs it, then judges the alert rules (a credits anomaly rule for #codex-demo is created if there is none)'
    : 'Alerts need the simulator and the digest store';
  const codexApi = $('codex-api');
  codexApi.disabled = !meta.codexApi;
  codexApi.title = meta.codexApi
    ? 'Stops (or starts again) the simulated Codex API and syncs once: answers keep coming from the warehouse, with its age'
    : 'Stopping the Codex API needs the in-process simulator';
  showApiRunning(live.codexApiRunning !== false);
}

function connect() {
  const events = new EventSource('/api/events');
  const status = $('status');
  events.addEventListener('reset', (e) => {
    const data = JSON.parse(e.data);
    state.meta = data.meta;
    state.messages = new Map(data.messages.map((m) => [m.id, m]));
    state.home = data.home;
    forget();
    setup(data.meta, data.live ?? {});
    status.textContent = 'live';
    status.classList.add('live');
    render();
  });
  events.addEventListener('upsert', (e) => {
    const m = JSON.parse(e.data);
    const view = viewOf(m.conversation);
    if (!state.messages.has(m.id) && view !== state.view) unread[view] += 1;
    state.messages.set(m.id, m);
    render();
  });
  events.addEventListener('remove', (e) => {
    const { id } = JSON.parse(e.data);
    state.messages.delete(id);
    forget(id);
    render();
  });
  events.addEventListener('home', (e) => {
    state.home = JSON.parse(e.data).html;
    render();
  });
  events.addEventListener('error', () => {
    status.textContent = 'reconnecting…';
    status.classList.remove('live');
  });
}

document.addEventListener('click', (e) => {
  const button = e.target.closest('button[data-action-id]');
  if (!button) return;
  const holder = button.closest('[data-message-id]');
  const click = {
    messageId: holder ? holder.dataset.messageId : 'home',
    actionId: button.dataset.actionId,
    blockId: button.dataset.blockId,
    value: button.dataset.value,
    label: button.textContent.trim(),
  };
  button.disabled = true;
  api('/api/action', click)
    .then(() => {
      if (click.messageId === 'home')
        toast('Sent — the report arrives in Messages (your DM with Codex Pulse).');
    })
    .catch((err) => toast(`That button failed: ${err.message}`))
    .finally(() => {
      button.disabled = false;
    });
});

// Images load after their message is placed: keep the list pinned to the bottom as they grow it.
$('messages').addEventListener(
  'load',
  () => {
    const box = $('messages');
    if (box.scrollHeight - box.scrollTop - box.clientHeight < 600) box.scrollTop = box.scrollHeight;
  },
  true,
);

for (const item of document.querySelectorAll('.side-item'))
  item.addEventListener('click', () => show(item.dataset.view));
$('thread-close').addEventListener('click', () => {
  state.thread = null;
  render();
});
$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = $('input');
  send(input.value);
  input.value = '';
});
$('run-digests').addEventListener('click', () => {
  const button = $('run-digests');
  button.disabled = true;
  show('channel');
  toast('Running the digest scheduler…');
  api('/api/digests/run')
    .then((data) => toast(data.summary))
    .catch((e) => toast(e.message))
    .finally(() => {
      button.disabled = !state.meta.digests;
    });
});

$('spike-alerts').addEventListener('click', () => {
  const button = $('spike-alerts');
  button.disabled = true;
  show('channel');
  toast('Syncing a spike and judging the alert rules…');
  api('/api/alerts/spike')
    .then((data) => toast(data.summary))
    .catch((e) => toast(e.message))
    .finally(() => {
      button.disabled = !state.meta.alerts;
    });
});

$('codex-api').addEventListener('click', () => {
  const button = $('codex-api');
  button.disabled = true;
  toast(apiRunning ? 'Stopping the Codex API and syncing…' : 'Starting the Codex API and syncing…');
  api('/api/codex-api', { running: !apiRunning })
    .then((data) => {
      showApiRunning(data.running);
      toast(data.summary);
    })
    .catch((e) => toast(e.message))
    .finally(() => {
      button.disabled = !state.meta.codexApi;
    });
});

connect();
