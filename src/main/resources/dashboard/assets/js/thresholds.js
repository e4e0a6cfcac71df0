// A threshold profile as a table; editable for whoever may change it (a provider for a session, an admin
// for the clinic). The server validates; its violations show next to the value they name.
import { h, replace } from './dom.js';
import { clearErrors, showProblem, formError, num } from './forms.js';

const OPS = { AT_OR_ABOVE: '≥', ABOVE: '>', BELOW: '<', AT_OR_BELOW: '≤' };
const VITALS = { SYSTOLIC: 'Systolic', DIASTOLIC: 'Diastolic', HEART_RATE: 'Heart rate', SPO2: 'SpO2', RESPIRATORY_RATE: 'Resp. rate', TEMPERATURE: 'Temp', NEWS2: 'NEWS2' };

/**
 * @param profile  the profile shown (effective for a session, the clinic's for admin)
 * @param onSave   (editedProfile, changedConditions) => Promise; null makes it read-only
 */
export function thresholdEditor(profile, onSave, { overridden = new Set() } = {}) {
  const editable = !!onSave;
  const inputs = [];
  const rows = [];
  profile.rules.forEach((rule, ri) => {
    rule.limits.forEach((limit, li) => {
      const path = `rules[${ri}].limits[${li}]`;
      const value = h('input', { name: `${path}.value`, inputmode: 'decimal', size: 5, value: String(limit.value), dataset: { key: `thr-${path}.value` },
        'aria-label': `${rule.label}: ${VITALS[limit.vital]} ${OPS[limit.operator]} value`, readonly: !editable });
      const prio = h('select', { name: `${path}.priority`, disabled: !editable, 'aria-label': `${rule.label}: priority`, dataset: { key: `thr-${path}.priority` } },
        ...['HIGH', 'MEDIUM', 'LOW'].map((p) => h('option', { value: p, text: p, selected: p === limit.priority })));
      inputs.push({ ri, li, value, prio });
      rows.push(h('tr', { dataset: { condition: rule.condition } },
        li === 0 ? h('th', { scope: 'row', rowspan: rule.limits.length }, rule.label,
          overridden.has(rule.condition) ? h('span', { class: 'tag', text: ' this session' }) : null,
          rule.kind === 'CHANGE_FROM_BASELINE' ? h('span', { class: 'hint', text: ' (rise over baseline)' }) : null) : null,
        h('td', { text: `${VITALS[limit.vital]} ${OPS[limit.operator]}` }),
        h('td', {}, value, h('span', { class: 'field-error', dataset: { errorFor: `${path}.value` } })),
        h('td', {}, prio, h('span', { class: 'field-error', dataset: { errorFor: `${path}.priority` } }))));
    });
  });
  const pre = profile.prestart || {};
  const ch = profile.charting || {};
  const extra = [
    ['prestart.systolic', 'Pre-start limit: systolic ≥', pre.systolic],
    ['prestart.diastolic', 'Pre-start limit: diastolic ≥', pre.diastolic],
    ['charting.infusingMinutes', 'Vitals every (min) while infusing', ch.infusingMinutes],
    ['charting.recoveryMinutes', 'Vitals every (min) in recovery', ch.recoveryMinutes],
    ['charting.graceMinutes', 'Overdue after (min) of grace', ch.graceMinutes],
    ['escalation.unacknowledgedSeconds', 'Escalate a HIGH alert after (s) unacknowledged', profile.escalation && profile.escalation.unacknowledgedSeconds],
    ['discharge.aldreteAtLeast', 'Discharge needs a modified Aldrete score ≥ (0: none)', profile.discharge && profile.discharge.aldreteAtLeast],
    ['discharge.recoveryMinutesAtLeast', 'Observe (min) after the infusion before discharge (0: no minimum)', profile.discharge && profile.discharge.recoveryMinutesAtLeast],
    ['discharge.esketamineMinutesAtLeast', 'Observe (min) after an esketamine dose (Spravato REMS: ≥ 120)', profile.discharge && profile.discharge.esketamineMinutesAtLeast],
  ].map(([name, label, v]) => ({ name, label, input: h('input', { name, inputmode: 'numeric', size: 5, value: v == null ? '' : String(v), readonly: !editable, 'aria-label': label, dataset: { key: `thr-${name}` } }) }));
  const general = formError();
  const status = h('p', { role: 'status', class: 'saved' });
  const form = h('form', {
    class: 'thresholds', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      if (!editable) return;
      clearErrors(form);
      status.textContent = '';
      const edited = JSON.parse(JSON.stringify(profile));
      const changed = new Set();
      for (const i of inputs) {
        const limit = edited.rules[i.ri].limits[i.li];
        const v = num(i.value.value);
        if (v !== limit.value || i.prio.value !== limit.priority) changed.add(edited.rules[i.ri].condition);
        limit.value = v;
        limit.priority = i.prio.value;
      }
      const val = (n) => num(extra.find((x) => x.name === n).input.value);
      edited.prestart = { systolic: val('prestart.systolic'), diastolic: val('prestart.diastolic') };
      edited.charting = { ...ch, infusingMinutes: val('charting.infusingMinutes'), recoveryMinutes: val('charting.recoveryMinutes'), graceMinutes: val('charting.graceMinutes') };
      edited.escalation = { unacknowledgedSeconds: val('escalation.unacknowledgedSeconds') };
      edited.discharge = {
        aldreteAtLeast: val('discharge.aldreteAtLeast'),
        recoveryMinutesAtLeast: val('discharge.recoveryMinutesAtLeast'),
        esketamineMinutesAtLeast: val('discharge.esketamineMinutesAtLeast'),
      };
      try {
        await onSave(edited, changed);
        status.textContent = 'Thresholds saved.';
      } catch (err) {
        showProblem(form, err);
      }
    },
  },
  h('table', { class: 'threshold-table' },
    h('thead', {}, h('tr', {}, h('th', { text: 'Condition' }), h('th', { text: 'Limit' }), h('th', { text: 'Value' }), h('th', { text: 'Priority' }))),
    h('tbody', {}, rows)),
  h('div', { class: 'threshold-extra' }, extra.map((x) => h('div', { class: 'field' },
    h('label', {}, x.label, ' ', x.input), h('span', { class: 'field-error', dataset: { errorFor: x.name } })))),
  general,
  editable ? h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', text: 'Save thresholds' }), status) : null);
  return form;
}

export function rename() {
  return (f) => f;
}

export { OPS, VITALS, replace };
