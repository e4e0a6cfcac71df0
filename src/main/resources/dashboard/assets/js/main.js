// The dashboard shell: login, header (who is logged in, live status in words, sound), the HIGH alert banner,
// and a hash router over the screens.
import { h, replace } from './dom.js';
import { api, get, post, login, ApiError } from './api.js';
import { LiveStream } from './live.js';
import * as store from './store.js';
import * as sound from './sound.js';
import { span } from './format.js';
import { renderBanner } from './alerts.js';
import * as boardView from './board.js';
import * as sessionView from './session.js';
import * as historyView from './history.js';
import * as adminView from './admin.js';
import { passwordButton } from './account.js';

const app = document.getElementById('app');
const ctx = {
  me: null, config: null, live: null,
  hasRole: (r) => ctx.me && ctx.me.roles.includes(r),
  canChart: () => ctx.hasRole('NURSE') || ctx.hasRole('PROVIDER'),
  liveListeners: new Set(),
};
let cleanup = null;
let liveStatusEl;
let soundEl;
let bannerEl;
let viewEl;
let ticker;

async function boot() {
  try {
    ctx.me = await api('GET', '/api/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showLogin();
    return showFatal(e);
  }
  ctx.config = await get('/api/config');
  sound.configure(ctx.config.audioPauseSeconds);
  showShell();
}

function showFatal(e) {
  replace(app, h('main', { class: 'login' }, h('h1', { text: 'Chairside' }),
    h('p', { class: 'error', role: 'alert', text: `The dashboard cannot start: ${e.message}` }),
    h('button', { type: 'button', onclick: () => location.reload(), text: 'Try again' })));
}

function showLogin(message) {
  stopLive();
  document.title = 'Log in · Chairside';
  const user = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert' });
  if (message) error.textContent = message;
  const button = h('button', { type: 'submit', class: 'primary', text: 'Log in' });
  const form = h('form', {
    class: 'login-form', 'aria-labelledby': 'login-title',
    onsubmit: async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      button.disabled = true;
      try {
        const result = await login(user.value.trim(), pass.value);
        if (!result.ok) {
          error.textContent = result.message;
          pass.value = '';
          pass.focus();
          return;
        }
        if (location.hash === '#/login' || location.hash === '') location.hash = '#/board';
        await boot();
      } catch (e) {
        error.textContent = `Cannot log in: ${e.message}`;
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h1', { id: 'login-title', text: 'Chairside' }),
  h('p', { class: 'muted', text: 'Infusion monitoring. Log in with your clinic account.' }),
  h('label', { for: 'login-username', text: 'Username' }), user,
  h('label', { for: 'login-password', text: 'Password' }), pass,
  error, button);
  replace(app, h('main', { class: 'login' }, form));
  user.focus();
}

function showShell() {
  const me = ctx.me;
  liveStatusEl = h('span', { id: 'live-status', class: 'live-status', role: 'status', 'aria-live': 'polite', dataset: { state: 'connecting' }, text: 'Connecting to live updates…' });
  soundEl = h('span', { id: 'sound-status', class: 'sound-status' });
  bannerEl = h('section', { id: 'banner', class: 'banner', 'aria-label': 'High priority alerts' });
  viewEl = h('main', { id: 'view', tabindex: '-1' });
  const nav = h('nav', { 'aria-label': 'Screens' },
    h('a', { href: '#/board', dataset: { nav: 'board' }, text: 'Board' }),
    h('a', { href: '#/history', dataset: { nav: 'history' }, text: 'History' }),
    ctx.hasRole('ADMIN') ? h('a', { href: '#/admin', dataset: { nav: 'admin' }, text: 'Admin' }) : null);
  const who = h('span', { id: 'current-user', class: 'user' },
    h('span', { class: 'user-name', text: me.displayName || me.username }),
    h('span', { class: 'user-roles', text: me.roles.map((r) => r.toLowerCase()).join(', ') }));
  const logout = h('button', { id: 'logout', type: 'button', onclick: doLogout, text: 'Log out' });
  replace(app,
    h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '#/board', text: 'Chairside' }), nav, liveStatusEl, soundEl, who, passwordButton(), logout),
    bannerEl, viewEl);
  sound.onChange(renderSound);
  store.subscribe((kind) => { if (kind === 'alerts' || kind === 'reset' || kind === 'tile') refreshAlerts(); });
  startLive();
  clearInterval(ticker);
  ticker = setInterval(tick, 1000);
  window.onhashchange = route;
  route();
}

async function startLive() {
  stopLive();
  try {
    await store.load();
  } catch (e) {
    setLiveStatus('broken', 0, `Not live: the board cannot be loaded (${e.message}). Retrying…`);
    setTimeout(() => { if (ctx.me) startLive(); }, 3000);
    return;
  }
  ctx.live = new LiveStream({
    heartbeatMillis: ctx.config.heartbeatMillis,
    onEvent: (type, data, id) => {
      if (type === 'reset') { startLive(); return; }
      store.apply(type, data);
      ctx.liveListeners.forEach((fn) => fn(type, data, id));
    },
    onStatus: (status, silentFor) => setLiveStatus(status, silentFor),
    onRefused: checkLogin,
  });
  ctx.live.start(store.board.lastEventId);
  refreshAlerts();
}

// The stream cannot say why it was refused; /api/me can. A lapsed login shows the login form.
async function checkLogin() {
  try {
    await api('GET', '/api/me');
  } catch (e) {
    if (e.status === 401) window.dispatchEvent(new CustomEvent('chairside:unauthorized'));
  }
}

function stopLive() {
  if (ctx.live) ctx.live.stop();
  ctx.live = null;
}

function setLiveStatus(status, silentFor, text) {
  if (!liveStatusEl) return;
  liveStatusEl.dataset.state = status;
  const words = text || {
    live: 'Live',
    connecting: 'Connecting to live updates…',
    broken: 'NOT LIVE: connection lost, reconnecting…',
    stale: `NOT LIVE: no update for ${span(silentFor)}, reconnecting…`,
  }[status];
  if (liveStatusEl.textContent !== words) liveStatusEl.textContent = words;
  document.documentElement.dataset.live = status;
}

function refreshAlerts() {
  if (!bannerEl) return;
  const open = store.allOpenAlerts();
  renderBanner(bannerEl, open, ctx);
  sound.update(open.map((x) => x.alert));
}

const soundShown = new WeakMap();

function renderSound(st) {
  if (!soundEl) return;
  // after every event of every chair: drawn again only when what it says changes
  const shown = `${st.blocked}|${st.paused ? span(st.remaining) : ''}|${st.level}`;
  if (soundShown.get(soundEl) === shown) return;
  soundShown.set(soundEl, shown);
  let content;
  if (st.blocked) {
    content = h('button', { type: 'button', class: 'warn', dataset: { key: 'sound-unblock' }, onclick: () => sound.unblock(), text: 'Sound blocked by the browser: enable sound' });
  } else if (st.paused) {
    content = [h('span', { text: `Sound paused (${span(st.remaining)} left)` }), ' ',
      h('button', { type: 'button', dataset: { key: 'sound-resume' }, onclick: () => sound.resume(), text: 'Resume sound' })];
  } else {
    content = st.level
      ? [h('span', { text: `Sounding: ${st.level.toLowerCase()} alarm` }), ' ',
        h('button', { type: 'button', dataset: { key: 'sound-pause' }, onclick: () => sound.pause(), text: 'Pause sound 2 min' })]
      : h('span', { text: 'Sound on' });
  }
  replace(soundEl, content);
}

function tick() {
  if (ctx.live && ctx.live.status === 'stale') setLiveStatus('stale', Date.now() - ctx.live.lastHeard);
  sound.update(store.allOpenAlerts().map((x) => x.alert));
  document.querySelectorAll('[data-tick]').forEach((el) => {
    const fn = el._tick;
    if (fn) {
      const t = fn();
      if (el.textContent !== t) el.textContent = t;
    }
  });
}

async function doLogout() {
  try {
    await post('/api/logout');
  } catch (e) {
    // already logged out: fine
  }
  stopLive();
  sound.reset();
  ctx.me = null;
  if (cleanup) cleanup();
  cleanup = null;
  clearInterval(ticker);
  location.hash = '#/login';
  showLogin('You are logged out.');
}

window.addEventListener('chairside:unauthorized', () => {
  if (ctx.me) {
    ctx.me = null;
    stopLive();
    showLogin('You are no longer logged in (the login expired or ended in another tab): log in again.');
  }
});

function route() {
  if (!ctx.me) return;
  const hash = location.hash || '#/board';
  const [path, query] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean);
  const params = new URLSearchParams(query || '');
  if (cleanup) cleanup();
  cleanup = null;
  replace(viewEl);
  let screen = parts[0] || 'board';
  document.querySelectorAll('nav a').forEach((a) => a.toggleAttribute('aria-current', a.dataset.nav === screen));
  if (screen === 'login') { location.hash = '#/board'; return; }
  if (screen === 'board') cleanup = boardView.mount(viewEl, ctx);
  else if (screen === 'session' && parts[1]) cleanup = sessionView.mount(viewEl, ctx, Number(parts[1]), params.has('ro'));
  else if (screen === 'history') cleanup = historyView.mountHistory(viewEl, ctx, params);
  else if (screen === 'patient' && parts[1]) cleanup = historyView.mountPatient(viewEl, ctx, Number(parts[1]));
  else if (screen === 'admin') cleanup = adminView.mount(viewEl, ctx);
  else viewEl.appendChild(h('p', { text: 'No such screen.' }));
}

boot();
