// Moving a session's patient to another recliner (a chair failing mid-infusion, a bay needed): the free chairs in
// service to choose from, a reason, and the move. The server decides what may move where; its refusals show here.
import { h } from './dom.js';
import { post } from './api.js';
import { clearErrors, showProblem, field, formError } from './forms.js';
import * as store from './store.js';

/** The board's free chairs: a chair out of service is not on it. */
function freeChairs(except) {
  return [...store.board.tiles.values()].filter((t) => !t.session && t.reclinerId !== except);
}

export function moveForm(session, reload) {
  const free = freeChairs(session.recliner.id);
  const chair = field('reclinerId', 'Move to recliner', {
    tag: 'select', dataset: { key: 'move-recliner' },
    options: [['', free.length ? 'Choose a free recliner' : 'No free recliner'], ...free.map((t) => [String(t.reclinerId), t.reclinerName])],
  }, { prefix: 'move' });
  const reason = field('reason', 'Reason for the move', { maxlength: 500, size: 40, dataset: { key: 'move-reason' } }, { prefix: 'move', hint: '(optional)' });
  const form = h('form', {
    class: 'move-form', novalidate: true, 'aria-labelledby': 'move-title',
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      const body = { reclinerId: chair.input.value ? Number(chair.input.value) : null };
      if (reason.input.value.trim()) body.reason = reason.input.value.trim();
      try {
        const moved = await post(`/api/sessions/${session.id}/moves`, body);
        store.apply('session', moved);
        reload();
      } catch (err) {
        showProblem(form, err);
      }
    },
  }, h('h2', { id: 'move-title', text: 'Move to another recliner' }), chair.wrap, reason.wrap,
  h('button', { type: 'submit', class: 'primary', dataset: { key: 'move' }, text: 'Move patient' }), formError());
  return h('section', { class: 'move' }, form);
}
