// The contraindication screening a start needs: the newest one's answer, the form that records one (each question
// answered yes or no; nothing is preselected, since an unanswered question is not a "no"), and the timeline's entries.
import { h } from './dom.js';
import { post } from './api.js';
import { clock } from './format.js';
import { clearErrors, showProblem, formError } from './forms.js';

const QUESTIONS = [
  ['unstableCardiovascular', 'Unstable cardiovascular disease'],
  ['aneurysmalVascular', 'Aneurysmal vascular disease'],
  ['uncontrolledHypertension', 'Uncontrolled hypertension'],
  ['psychosisOrMania', 'Active psychosis or mania'],
];

export function newestScreening(screenings) {
  return screenings && screenings.length ? screenings[screenings.length - 1] : null;
}

/** What the transitions panel says about the screening before a start, or null when it holds nothing up. */
export function screeningNote(screenings, isProvider) {
  const newest = newestScreening(screenings);
  if (!newest) return 'Record the contraindication screening before starting the infusion.';
  if (!newest.present.length) return null;
  return `The screening lists ${newest.summary}: `
    + (isProvider ? 'as a provider you may clear the start; write the reason below.' : 'a provider must clear the start, with a reason.');
}

/**
 * The four questions, each a pair of radios named {@code prefix + question} (the field the server names in a 422) and
 * keyed {@code keyPrefix + name + "-true"/"-false"}: the keys carry the answers through a live redraw, so two forms on
 * one screen (two tiles' check-ins) need keys of their own.
 */
export function screeningQuestions(prefix = '', keyPrefix = '') {
  return QUESTIONS.map(([question, label]) => {
    const name = prefix + question;
    return h('fieldset', { class: 'screening-question', dataset: { field: name } },
      h('legend', { text: label }),
      ...[['true', 'Present'], ['false', 'Absent']].map(([value, text]) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name, value, dataset: { key: `${keyPrefix}${name}-${value}` } }), ` ${text}`)),
      h('span', { class: 'field-error', role: 'alert', dataset: { errorFor: name } }));
  });
}

/** The answers given in a form's questions (null where none was chosen), and whether any was. */
export function screeningAnswers(form, prefix = '') {
  const answers = {};
  let any = false;
  for (const [question] of QUESTIONS) {
    const checked = form.querySelector(`input[name="${prefix}${question}"]:checked`);
    answers[question] = checked ? checked.value === 'true' : null;
    any = any || !!checked;
  }
  return { answers, any };
}

/** The panel of a checked-in session; {@code again} remembers, across the live redraws, whether "Screen again" is open. */
export function screeningPanel(session, screenings, reload, again) {
  if (session.state !== 'CHECKED_IN') return null;
  const newest = newestScreening(screenings);
  const fieldsets = screeningQuestions();
  const note = h('input', { id: 'screening-note', name: 'note', maxlength: 500, size: 40, dataset: { key: 'screening-note' } });
  const form = h('form', {
    class: 'screening-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      const body = screeningAnswers(form).answers;
      if (note.value.trim()) body.note = note.value.trim();
      try {
        await post(`/api/sessions/${session.id}/screenings`, body);
        form.reset(); // recorded: the redrawn form keeps what was typed in it, and must not offer these answers again
        again.open = false;
        reload();
      } catch (err) {
        showProblem(form, err);
      }
    },
  }, ...fieldsets,
  h('div', { class: 'field' }, h('label', { for: 'screening-note' }, 'Note', h('span', { class: 'hint', text: ' (optional)' })), note,
    h('span', { class: 'field-error', role: 'alert', dataset: { errorFor: 'note' } })),
  h('button', { type: 'submit', class: 'primary', dataset: { key: 'record-screening' }, text: 'Record screening' }), formError());
  return h('section', { class: 'screening', 'aria-labelledby': 'screening-title' },
    h('h2', { id: 'screening-title', text: 'Contraindication screening' }),
    newest
      ? h('p', { id: 'screening-newest', class: newest.present.length ? 'screening-positive' : 'screening-clear',
        text: `Screened at ${clock(newest.at)} by ${newest.byUser}: ${newest.summary}${newest.note ? ` (${newest.note})` : ''}.` })
      : h('p', { id: 'screening-newest', class: 'muted', text: 'Not screened yet: ask each question before the start.' }),
    newest ? h('details', { open: again.open, ontoggle: (e) => { again.open = e.target.open; } },
      h('summary', { text: 'Screen again' }), form) : form);
}

/** The screenings as timeline entries. */
export function screeningEntries(screenings) {
  return (screenings || []).map((s) => ({
    at: s.at,
    el: h('li', { class: 'timeline-screening' }, h('time', { text: clock(s.at) }),
      h('span', { text: `Screened by ${s.byUser}: ${s.summary}` }),
      s.note ? h('span', { class: 'reason', text: ` · ${s.note}` }) : null),
  }));
}
