// The playground page's drawing: messages arrive already rendered from Block Kit and escaped on the
// server (src/playground/render); this module only places them — channel, DM, thread panel, App Home.

export const $ = (id) => document.getElementById(id);
export const state = { meta: null, messages: new Map(), view: 'channel', thread: null, home: null };
export const unread = { channel: 0, dm: 0 };
const listNodes = new Map();
const threadNodes = new Map();

/** Forgets drawn nodes: after a reconnect everything is drawn afresh. */
export function forget(id) {
  if (id === undefined) {
    listNodes.clear();
    threadNodes.clear();
  } else {
    listNodes.delete(id);
    threadNodes.delete(id);
  }
}
let homeShown = null;
let shownView = null;

const conversationOf = (view) => (view === 'dm' ? state.meta.dm : state.meta.channel);
export const viewOf = (conversation) => (conversation === state.meta.dm ? 'dm' : 'channel');
const isTopLevel = (m) => !m.threadTs || m.threadTs === m.ts;
const repliesOf = (m) =>
  [...state.messages.values()].filter(
    (r) => r.conversation === m.conversation && r.threadTs === m.ts && r.id !== m.id,
  );

function messageNode(cache, m) {
  let el = cache.get(m.id);
  if (!el) {
    el = document.createElement('div');
    el.className = 'msg';
    el.dataset.messageId = m.id;
    cache.set(m.id, el);
  }
  if (el.dataset.rev !== String(m.rev)) {
    el.innerHTML = m.html; // rendered and escaped by the server's Block Kit renderer
    el.classList.toggle('msg-is-ephemeral', m.ephemeral);
    const time = el.querySelector('.msg-time');
    if (time)
      time.textContent = new Date(m.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    el.dataset.rev = String(m.rev);
  }
  return el;
}

function withReplies(el, m) {
  el.querySelector(':scope > .msg-replies')?.remove();
  const count = repliesOf(m).length;
  if (count === 0) return el;
  const link = document.createElement('button');
  link.type = 'button';
  link.className = 'msg-replies';
  link.textContent = `${count} ${count === 1 ? 'reply' : 'replies'}`;
  link.addEventListener('click', () => openThread(m));
  el.append(link);
  return el;
}

export function render() {
  const { view } = state;
  for (const item of document.querySelectorAll('.side-item'))
    item.classList.toggle('active', item.dataset.view === view);
  for (const badge of document.querySelectorAll('[data-badge]')) {
    const n = unread[badge.dataset.badge] ?? 0;
    badge.hidden = n === 0;
    badge.textContent = String(n);
  }
  $('pane-title').textContent = { channel: '# codex-demo', dm: 'Codex Pulse', home: 'Codex Pulse' }[view];
  $('pane-sub').textContent = {
    channel: 'Try the bot here before you create a Slack app',
    dm: 'Messages — where per-user files and App Home reports arrive',
    home: 'App Home — what people see when they open the app',
  }[view];
  $('home').hidden = view !== 'home';
  $('messages').hidden = view === 'home';
  $('composer').hidden = view !== 'channel';
  const box = $('messages');
  // Measured before the thread panel or new messages change the layout: stay pinned to the bottom.
  const stick = shownView !== view || box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  shownView = view;
  renderThread();
  if (view === 'home') {
    if (homeShown !== state.home)
      $('home').innerHTML = state.home ?? '<p class="empty">Opening App Home…</p>';
    homeShown = state.home;
    return;
  }
  const conversation = conversationOf(view);
  const top = [...state.messages.values()].filter((m) => m.conversation === conversation && isTopLevel(m));
  box.replaceChildren(intro(view), ...top.map((m) => withReplies(messageNode(listNodes, m), m)));
  if (stick) box.scrollTop = box.scrollHeight;
}

function intro(view) {
  const el = document.createElement('div');
  el.className = 'intro';
  const title = document.createElement('h2');
  const text = document.createElement('p');
  title.textContent =
    view === 'dm' ? 'Your DM with Codex Pulse' : 'This is the very beginning of #codex-demo';
  text.textContent =
    view === 'dm'
      ? 'Chart images for answers only you see, per-user exports and reports from App Home arrive here.'
      : 'Type a /codex command below, or click a suggestion. Answers only you see are marked “Only visible to you”; “Share to channel” posts a public copy.';
  el.append(title, text);
  return el;
}

function openThread(m) {
  state.thread = { conversation: m.conversation, ts: m.ts };
  render();
}

function renderThread() {
  const panel = $('thread');
  const t = state.thread;
  const parent =
    t && [...state.messages.values()].find((m) => m.conversation === t.conversation && m.ts === t.ts);
  panel.hidden = !parent;
  if (!parent) return;
  $('thread-messages').replaceChildren(
    messageNode(threadNodes, parent),
    ...repliesOf(parent).map((m) => messageNode(threadNodes, m)),
  );
}
