// Form helpers: labelled fields with an error slot each, and showing a problem+json next to the fields it names.
import { h } from './dom.js';
import { ApiError } from './api.js';

let seq = 0;

/** A labelled input with its own error slot (data-error-for = the server's field name). */
export function field(name, label, attrs = {}, { hint, prefix = '' } = {}) {
  const id = `${prefix || 'f'}-${name.replace(/[^a-zA-Z0-9]/g, '-')}-${++seq}`;
  const errId = `${id}-error`;
  const input = attrs.tag === 'select'
    ? h('select', { id, name, 'aria-describedby': errId, ...withoutTag(attrs) }, ...(attrs.options || []).map(([v, t]) => h('option', { value: v, text: t })))
    : h('input', { id, name, 'aria-describedby': errId, autocomplete: 'off', ...withoutTag(attrs) });
  if (attrs.tag === 'select' && attrs.value !== undefined) input.value = attrs.value;
  const error = h('span', { id: errId, class: 'field-error', role: 'alert', dataset: { errorFor: name } });
  const wrap = h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label, hint ? h('span', { class: 'hint', text: ` ${hint}` }) : null), input, error);
  return { wrap, input, error, name };
}

function withoutTag(attrs) {
  const { tag, options, ...rest } = attrs;
  return rest;
}

/** Clears earlier errors of a form. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error, .form-error').forEach((e) => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

/**
 * Shows an error: each violation next to the field it names (a field the form lacks goes to the form-level slot),
 * anything else as the form's message. Focuses the first bad field, unless told not to: a redraw repeating an
 * error must not take the focus from wherever the user is.
 */
export function showProblem(form, error, rename = (f) => f, { focus = true } = {}) {
  const general = form.querySelector('.form-error');
  if (!(error instanceof ApiError)) {
    if (general) general.textContent = String(error.message || error);
    return;
  }
  const leftover = [];
  let first = null;
  for (const v of error.violations) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(rename(v.field))}"]`);
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent}; ${v.rule}` : v.rule;
      const input = form.querySelector(`[name="${CSS.escape(rename(v.field))}"]`);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        first = first || input;
      }
    } else {
      leftover.push(`${v.field} ${v.rule}`);
    }
  }
  if (general) {
    if (!error.violations.length) general.textContent = error.message;
    else if (leftover.length) general.textContent = leftover.join('; ');
  }
  if (first && focus) first.focus();
}

/**
 * A form's submit handler: clears the form's earlier errors, runs the action, and shows a failure next to the
 * fields it names (rename maps the server's field names to the form's).
 */
export function submitter(action, rename) {
  return async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    clearErrors(form);
    try {
      await action(form);
    } catch (err) {
      showProblem(form, err, rename);
    }
  };
}

export function formError() {
  return h('p', { class: 'form-error error', role: 'alert' });
}

/** "14:05" today (or yesterday if that is in the future) as an ISO instant; empty means now (null). */
/**
 * The instant of a clock time typed for a reading ("14:05"). A time later than now is yesterday's only when it is more
 * than 12 hours ahead (23:50 typed at 00:10); nearer than that it is a slip, refused here with the reason, where the
 * server could only say the time falls before the session began.
 */
export function timeToday(value, nowMs = Date.now()) {
  if (!value) return null;
  const [hh, mm] = value.split(':').map(Number);
  const d = new Date(nowMs);
  d.setHours(hh, mm, 0, 0);
  const ahead = d.getTime() - nowMs;
  if (ahead > 12 * 3600000) d.setDate(d.getDate() - 1);
  else if (ahead > 60000) throw new Error(`${value} is later than now: vitals cannot be charted ahead of their time`);
  return d.toISOString();
}

export function num(value) {
  if (value === undefined || value === null) return null;
  const t = String(value).trim().replace(',', '.');
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t; // a non-number goes to the server, which names the field
}
