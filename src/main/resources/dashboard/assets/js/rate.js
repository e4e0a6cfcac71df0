// The pump: the rate set now, the dose given so far and when the planned dose is reached (the server works these out
// from the protocol, the phases and every rate change), and the form a nurse sets a new rate with.
import { h } from './dom.js';
import { post } from './api.js';
import { clock } from './format.js';
import { clearErrors, showProblem, field, formError } from './forms.js';

/** One line under the session's facts: "Rate 0.375 mg/kg/h (protocol 0.75) · 0.31 of 0.5 mg/kg given (21.7 mg) · planned dose at 10:52 at this rate". */
export function pumpLine(session, dose) {
  if (!dose || session.state === 'CHECKED_IN') return null;
  const rate = Number(dose.rateMgPerKgPerHour);
  const protocol = Number(dose.protocolRateMgPerKgPerHour);
  const parts = [`Rate ${rate} mg/kg/h` + (rate !== protocol ? ` (protocol ${protocol})` : '') + (dose.infusing ? '' : ', pump stopped')];
  parts.push(`${Number(dose.deliveredMgPerKg)} of ${Number(dose.plannedMgPerKg)} mg/kg given (${Number(dose.deliveredMg)} mg)`);
  if (dose.plannedDoseReachedAt) {
    const past = Date.parse(dose.plannedDoseReachedAt) <= Date.parse(dose.asOf);
    parts.push(past ? `planned dose reached at ${clock(dose.plannedDoseReachedAt)}` : `planned dose at ${clock(dose.plannedDoseReachedAt)} at this rate`);
  }
  return h('p', { class: 'pump', id: 'session-pump', text: parts.join(' · ') });
}

export function rateForm(session, dose, reload) {
  if (session.state !== 'INFUSING' && session.state !== 'PAUSED') return null;
  const rate = field('mgPerKgPerHour', 'New rate (mg/kg/h)', { inputmode: 'decimal', size: 6, dataset: { key: 'rate' } }, { prefix: 'rate' });
  const reason = field('reason', 'Reason for the rate change', { maxlength: 500, size: 40, dataset: { key: 'rate-reason' } }, { prefix: 'rate', hint: '(optional)' });
  const form = h('form', {
    class: 'rate-form', novalidate: true, 'aria-labelledby': 'rate-title',
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      const typed = rate.input.value.trim();
      // a number where it reads as one; anything else goes as typed, so the server names the field and the rule
      const body = { mgPerKgPerHour: typed === '' ? null : (Number.isFinite(Number(typed)) ? Number(typed) : typed) };
      if (reason.input.value.trim()) body.reason = reason.input.value.trim();
      try {
        await post(`/api/sessions/${session.id}/rate-changes`, body);
        reload();
      } catch (err) {
        showProblem(form, err);
      }
    },
  }, h('h2', { id: 'rate-title', text: 'Infusion rate' }),
  h('p', { class: 'muted', text: `Set now: ${Number(dose.rateMgPerKgPerHour)} mg/kg/h${session.state === 'PAUSED' ? ' (applies when the infusion resumes)' : ''}.` }),
  rate.wrap, reason.wrap,
  h('button', { type: 'submit', class: 'primary', dataset: { key: 'change-rate' }, text: 'Change rate' }), formError());
  return h('section', { class: 'rate' }, form);
}

/** The rate changes as timeline entries. */
export function rateEntries(dose) {
  return (dose ? dose.changes : []).map((c) => ({
    at: c.at,
    el: h('li', { class: 'timeline-rate' }, h('time', { text: clock(c.at) }),
      h('span', { text: `Rate set to ${Number(c.mgPerKgPerHour)} mg/kg/h by ${c.byUser}` }),
      c.reason ? h('span', { class: 'reason', text: ` · reason: ${c.reason}` }) : null),
  }));
}
