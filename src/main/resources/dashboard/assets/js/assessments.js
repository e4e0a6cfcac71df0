// Assessments of a session: sedation, dissociation and the discharge score, listed and recorded on the session view.
import { h } from './dom.js';
import { post } from './api.js';
import { clock, ms } from './format.js';
import { field, clearErrors, showProblem, formError, num } from './forms.js';

export const SCALES = {
  MOAA_S: 'MOAA/S sedation (0-5)', MOAA_S_1_6: 'MOAA/S sedation (1-6)', RASS: 'RASS (-5 to +4)',
  CADSS_6: 'CADSS dissociation, 6 items (0-24)', CADSS_23: 'CADSS dissociation, 23 items (0-92)', ALDRETE: 'Modified Aldrete (discharge)',
};

const ITEMS = [
  ['activity', 'Activity', ['moves 4 limbs', 'moves 2 limbs', 'moves none']],
  ['respiration', 'Respiration', ['breathes deeply, coughs', 'dyspnoea, shallow', 'apnoea']],
  ['circulation', 'Circulation', ['BP within 20 % of baseline', '20-50 %', 'beyond 50 %']],
  ['consciousness', 'Consciousness', ['fully awake', 'arousable', 'not responding']],
  ['oxygenSaturation', 'SpO2', ['> 92 % on air', 'needs O2 for > 90 %', '< 90 % with O2']],
];

/** The newest current Aldrete score taken since the infusion ended, or null. */
export function aldreteSinceInfusion(d) {
  if (!d.session.infusionEndedAt) return null;
  const since = ms(d.session.infusionEndedAt);
  const found = d.assessments.filter((a) => a.scale === 'ALDRETE' && !a.amended && ms(a.takenAt) >= since);
  return found.length ? found[found.length - 1] : null;
}

export function assessmentsTable(d) {
  if (!d.assessments.length) return h('p', { class: 'muted', text: 'No assessments yet.' });
  const rows = d.assessments.map((a) => {
    const cell = (v) => h('td', {}, a.amended ? h('s', { text: v }) : v);
    const items = a.items ? ITEMS.map(([k, label]) => `${label} ${a.items[k]}`).join(', ') : '';
    const note = a.amended ? `Amended by ${a.supersededBy} at ${clock(a.supersededAt)}` : a.amendsId ? `Correction: ${a.amendReason}` : '';
    return h('tr', { class: a.amended ? 'amended' : '', dataset: { assessmentId: a.id } },
      h('td', { text: clock(a.takenAt) }), cell(a.scaleLabel), cell(String(a.score)), cell(items), cell(a.note || ''),
      h('td', { text: a.chartedBy }), h('td', { class: 'amend-note', text: note }));
  });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'assessments' },
    h('thead', {}, h('tr', {}, ['Taken', 'Scale', 'Score', 'Items', 'Note', 'By', 'Amendment'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, rows)));
}

/** Records one score: the scale first; the Aldrete score asks for its five items instead of a number. */
export function assessmentForm(d, reload) {
  // keyed: a live redraw of the session view puts back a score half recorded
  const key = (name) => ({ key: `assess-${name}` });
  const scale = field('scale', 'Scale', { tag: 'select', options: [['', 'Choose a scale'], ...Object.entries(SCALES)], dataset: key('scale') }, { prefix: 'assess' });
  const score = field('score', 'Score', { inputmode: 'numeric', size: 4, dataset: key('score') }, { prefix: 'assess' });
  const items = ITEMS.map(([k, label, words]) => field(`items.${k}`, label,
    { tag: 'select', options: [['', '–'], ['2', `2: ${words[0]}`], ['1', `1: ${words[1]}`], ['0', `0: ${words[2]}`]], dataset: key(k) },
    { prefix: 'assess' }));
  const itemsBox = h('fieldset', { class: 'aldrete-items', hidden: true }, h('legend', { text: 'Modified Aldrete items' }), items.map((i) => i.wrap));
  const note = field('note', 'Note', { maxlength: 500, size: 40, dataset: key('note') }, { prefix: 'assess', hint: '(optional)' });
  const general = formError();
  const status = h('p', { role: 'status', class: 'saved' });
  scale.input.addEventListener('change', () => {
    const aldrete = scale.input.value === 'ALDRETE';
    itemsBox.hidden = !aldrete;
    score.wrap.hidden = aldrete;
  });
  const form = h('form', {
    class: 'assessment-form', 'aria-label': 'Record an assessment', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      status.textContent = '';
      const body = {};
      if (scale.input.value) body.scale = scale.input.value;
      if (scale.input.value === 'ALDRETE') {
        body.items = {};
        ITEMS.forEach(([k], i) => { body.items[k] = num(items[i].input.value); });
      } else {
        body.score = num(score.input.value);
      }
      if (note.input.value.trim()) body.note = note.input.value.trim();
      try {
        const saved = await post(`/api/sessions/${d.session.id}/assessments`, body);
        status.textContent = `${saved.scaleLabel} ${saved.score} recorded.`;
        form.reset(); // recorded: nothing left for the redraw to put back
        reload();
      } catch (err) {
        // a live event may have redrawn the view while the answer was on its way: say it on the form shown now
        showProblem(form.isConnected ? form : document.querySelector('form.assessment-form') || form, err);
      }
    },
  }, h('div', { class: 'chart-grid' }, scale.wrap, score.wrap, note.wrap), itemsBox, general,
  h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', text: 'Record assessment' }), status));
  return form;
}
