// Alert presentation shared by the banner, the tiles and the session view: priority colour, the IEC marker
// (!!!, !!, !) and the priority in words, so colour is never the only cue; one-click acknowledge.
import { h, replace, ticking } from './dom.js';
import { post, ApiError } from './api.js';
import { PRIORITY, ago, clock, patientName } from './format.js';
import * as store from './store.js';
import * as sound from './sound.js';

export function badge(alert) {
  const p = PRIORITY[alert.priority];
  return h('span', { class: `badge prio-${alert.priority.toLowerCase()}` },
    h('span', { class: 'prio-icon', 'aria-hidden': 'true', text: p.icon }), ` ${p.word}`);
}

export function stateWords(a) {
  if (a.state === 'ACKNOWLEDGED') return `Acknowledged by ${a.acknowledgedBy} at ${clock(a.acknowledgedAt)}`;
  if (a.state === 'RESOLVED') return `Resolved ${clock(a.resolvedAt)}`;
  if (a.conditionCleared) return 'Value back in range: acknowledge to clear';
  return 'Unacknowledged';
}

/** Acknowledge button with an optional note; the result shows on every dashboard through the stream. */
export function ackControl(alert, ctx, key) {
  if (!ctx.canChart() || alert.state !== 'ACTIVE') return null;
  const note = h('input', { type: 'text', class: 'ack-note', maxlength: 500, placeholder: 'note (optional)',
    'aria-label': 'Acknowledgement note (optional)', dataset: { key: `${key}-note-${alert.id}` } });
  const error = h('span', { class: 'error', role: 'alert' });
  const button = h('button', {
    type: 'button', class: 'ack', dataset: { key: `${key}-ack-${alert.id}`, alertId: alert.id },
    onclick: async () => {
      button.disabled = true;
      error.textContent = '';
      try {
        const updated = await post(`/api/alerts/${alert.id}/acknowledge`, note.value.trim() ? { note: note.value.trim() } : {});
        store.apply('alert', updated);
      } catch (e) {
        error.textContent = e instanceof ApiError ? e.message : String(e);
        button.disabled = false;
      }
    },
    text: 'Acknowledge',
  });
  note.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); button.click(); } });
  return h('span', { class: 'ack-control' }, button, note, error);
}

const bannerShown = new WeakMap();

export function renderBanner(el, open, ctx) {
  const high = open.filter(({ alert }) => alert.priority === 'HIGH' && alert.state === 'ACTIVE')
    .sort((a, b) => Date.parse(b.alert.raisedAt) - Date.parse(a.alert.raisedAt));
  const st = sound.state();
  // Asked after every event of every chair; the banner is at the top of every screen, and any change there makes the
  // browser paint the whole page again: drawn only when what it shows changes.
  const shown = JSON.stringify([high.map(({ alert, tile }) => [alert, tile.reclinerName, patientName(tile.session && tile.session.patient)]),
    st.paused, ctx.canChart()]);
  if (bannerShown.get(el) === shown) return;
  bannerShown.set(el, shown);
  if (!high.length) {
    el.hidden = true;
    replace(el);
    return;
  }
  el.hidden = false;
  const items = high.map(({ alert, tile }) => h('li', {
    class: `banner-item prio-high state-${alert.state.toLowerCase()}${alert.escalated ? ' escalated' : ''}`,
    dataset: { alertId: alert.id, sessionId: alert.sessionId },
  },
  badge(alert),
  alert.escalated ? h('span', { class: 'escalated-tag', text: 'ESCALATED' }) : null,
  h('strong', { class: 'banner-where', text: `${tile.reclinerName}: ${patientName(tile.session && tile.session.patient)}` }),
  h('span', { class: 'banner-message', text: alert.message }),
  ticking('span', { class: 'muted' }, () => `raised ${ago(alert.raisedAt)}`),
  h('span', { class: 'banner-state', text: stateWords(alert) }),
  ackControl(alert, ctx, 'banner')));
  const pause = st.paused
    ? h('span', { class: 'muted', text: 'Sound paused; a higher alarm breaks through.' })
    : h('button', { type: 'button', class: 'pause-sound', dataset: { key: 'pause-sound' }, onclick: () => sound.pause(), text: 'Pause sound 2 min' });
  replace(el, h('h2', { class: 'visually-hidden', text: 'High priority alerts' }), h('ul', { class: 'banner-list' }, items), pause);
}
