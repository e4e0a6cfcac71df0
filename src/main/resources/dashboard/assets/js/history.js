// History: past sessions searched on the server (patient name or MRN, recliner, dates, outcome), page by page;
// and a patient's page with the series numbered "infusion 4 of 6", peak BP and alert count, where a nurse or provider
// corrects the patient's details.
import { h, replace } from './dom.js';
import { get, put } from './api.js';
import { date, dateTime, patientName, PHASES, minutes, ms } from './format.js';
import { field, clearErrors, showProblem, formError, submitter, num } from './forms.js';

export function mountHistory(view, ctx, params) {
  document.title = 'History · Chairside';
  const q = field('q', 'Patient name or MRN', { type: 'search', value: params.get('q') || '' }, { prefix: 'hist' });
  const recliner = field('reclinerId', 'Recliner', { tag: 'select', options: [['', 'Any recliner']] }, { prefix: 'hist' });
  const from = field('from', 'From', { type: 'date', value: params.get('from') || '' }, { prefix: 'hist' });
  const to = field('to', 'To', { type: 'date', value: params.get('to') || '' }, { prefix: 'hist' });
  const outcome = field('outcome', 'Outcome', {
    tag: 'select', value: params.get('outcome') || 'CLOSED',
    options: [['CLOSED', 'Discharged or stopped'], ['DISCHARGED', 'Discharged'], ['STOPPED', 'Stopped early'], ['OPEN', 'Still open'], ['ANY', 'Any']],
  }, { prefix: 'hist' });
  const general = formError();
  const results = h('div', { id: 'history-results', 'aria-live': 'polite' });
  const form = h('form', {
    class: 'history-search', role: 'search', novalidate: true,
    onsubmit: (e) => { e.preventDefault(); go(0); },
  }, q.wrap, recliner.wrap, from.wrap, to.wrap, outcome.wrap,
  h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', text: 'Search' })), general);
  view.append(h('h1', { text: 'History' }), form, results);

  get('/api/recliners').then((list) => {
    list.forEach((r) => recliner.input.appendChild(h('option', { value: r.id, text: r.name })));
    recliner.input.value = params.get('reclinerId') || '';
  }).catch(() => {});

  // A later page carries the first page's asOf, so it lists what matched then: a session closed meanwhile would
  // otherwise push the list down by one and show a row of the page before again.
  function values(page, asOf) {
    const p = new URLSearchParams();
    if (q.input.value.trim()) p.set('q', q.input.value.trim());
    if (recliner.input.value) p.set('reclinerId', recliner.input.value);
    if (from.input.value) p.set('from', from.input.value);
    if (to.input.value) p.set('to', to.input.value);
    p.set('outcome', outcome.input.value);
    p.set('page', String(page));
    if (asOf) p.set('asOf', asOf);
    return p;
  }

  function go(page, asOf) {
    const p = values(page, asOf);
    const target = `#/history?${p}`;
    if (location.hash !== target) location.hash = target; else search(p);
  }

  async function search(p) {
    clearErrors(form);
    const api = new URLSearchParams(p);
    api.set('size', '20');
    api.set('tz', Intl.DateTimeFormat().resolvedOptions().timeZone);
    replace(results, h('p', { class: 'muted', text: 'Searching…' }));
    try {
      const page = await get(`/api/history/sessions?${api}`);
      renderResults(page, p);
    } catch (err) {
      replace(results);
      showProblem(form, err);
    }
  }

  function renderResults(page, p) {
    if (!page.total) {
      replace(results, h('p', { class: 'muted', id: 'history-count', text: 'No sessions match.' }));
      return;
    }
    const rows = page.items.map((x) => h('tr', { dataset: { sessionId: x.id } },
      h('td', { text: dateTime(x.createdAt) }),
      h('td', {}, h('a', { href: `#/patient/${x.patient.id}`, text: patientName(x.patient) })),
      h('td', { text: x.patient.mrn }),
      h('td', { text: x.recliner.name }),
      h('td', { text: x.drug }),
      h('td', { class: `outcome outcome-${x.state.toLowerCase()}` }, PHASES[x.state], x.stopReason ? h('span', { class: 'muted', text: ` (${x.stopReason})` }) : null),
      h('td', { text: x.startedAt && x.closedAt ? `${minutes(ms(x.closedAt) - ms(x.startedAt))} min` : '–' }),
      h('td', { text: x.peakBp ? `${x.peakBp.systolic}/${x.peakBp.diastolic}` : '–' }),
      h('td', { text: x.highAlertCount ? `${x.alertCount} (${x.highAlertCount} high)` : String(x.alertCount) }),
      h('td', {}, h('a', { href: `#/session/${x.id}?ro`, class: 'button', text: 'Open' }))));
    const first = page.page * page.size + 1;
    const last = first + page.items.length - 1;
    const nav = h('nav', { class: 'pager', 'aria-label': 'Result pages' },
      h('button', { type: 'button', disabled: page.page === 0, onclick: () => go(page.page - 1, page.asOf), text: '← Previous' }),
      h('span', { text: ` Page ${page.page + 1} of ${page.totalPages} ` }),
      h('button', { type: 'button', disabled: page.page + 1 >= page.totalPages, onclick: () => go(page.page + 1, page.asOf), text: 'Next →' }));
    const asOf = p.get('asOf') ? ` (as of ${dateTime(page.asOf)}; search again for sessions closed since)` : '';
    replace(results,
      h('p', { id: 'history-count', text: `Sessions ${first}–${last} of ${page.total}${asOf}` }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'history' },
        h('thead', {}, h('tr', {}, ['Checked in', 'Patient', 'MRN', 'Recliner', 'Drug', 'Outcome', 'Infused', 'Peak BP', 'Alerts', ''].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, rows))),
      page.totalPages > 1 ? nav : null);
  }

  if ([...params.keys()].length) search(params);
  q.input.focus();
  return null;
}

export function mountPatient(view, ctx, id) {
  const root = h('div', { class: 'patient-view', id: 'patient-view' }, h('p', { text: 'Loading patient…' }));
  view.appendChild(root);
  get(`/api/patients/${id}/sessions`).then((d) => {
    document.title = `${patientName(d.patient)} · Chairside`;
    const rows = d.sessions.map((e) => h('tr', { dataset: { sessionId: e.session.id } },
      h('th', { scope: 'row', text: `Infusion ${e.number} of ${e.of}` }),
      h('td', { text: date(e.session.createdAt) }),
      h('td', { text: e.session.recliner.name }),
      h('td', { text: e.session.drug }),
      h('td', { text: PHASES[e.session.state] }),
      h('td', { text: e.session.peakBp ? `${e.session.peakBp.systolic}/${e.session.peakBp.diastolic}` : '–' }),
      h('td', { text: e.session.highAlertCount ? `${e.session.alertCount} (${e.session.highAlertCount} high)` : String(e.session.alertCount) }),
      h('td', {}, h('a', { class: 'button', href: `#/session/${e.session.id}${e.session.closedAt ? '?ro' : ''}`, text: 'Open' }))));
    const correct = ctx.canChart()
      ? h('button', { type: 'button', id: 'correct-patient', onclick: () => correct.replaceWith(correctionForm(d.patient, () => { replace(view); mountPatient(view, ctx, id); })), text: 'Correct details' })
      : null;
    replace(root,
      h('h1', {}, patientName(d.patient), h('span', { class: 'mrn', text: ` MRN ${d.patient.mrn}` })),
      correct,
      h('p', { class: 'muted', text: `Born ${d.patient.birthDate}${d.patient.weightKg ? ` · ${d.patient.weightKg} kg` : ''} · ${d.total} session${d.total === 1 ? '' : 's'}` }),
      d.sessions.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'series' },
        h('thead', {}, h('tr', {}, ['Series', 'Date', 'Recliner', 'Drug', 'Outcome', 'Peak BP', 'Alerts', ''].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, rows))) : h('p', { class: 'muted', text: 'No sessions yet.' }));
  }).catch((e) => replace(root, h('p', { class: 'error', role: 'alert', text: `Cannot show patient ${id}: ${e.message}` })));
  return null;
}

// The whole record, as created: every field is sent, so a cleared optional weight is cleared. The server keeps
// the old values in the audit trail.
function correctionForm(patient, done) {
  const mrn = field('mrn', 'MRN', { value: patient.mrn }, { prefix: 'pat' });
  const givenName = field('givenName', 'Given name', { value: patient.givenName }, { prefix: 'pat' });
  const familyName = field('familyName', 'Family name', { value: patient.familyName }, { prefix: 'pat' });
  const birthDate = field('birthDate', 'Birth date', { type: 'date', value: patient.birthDate }, { prefix: 'pat' });
  const weightKg = field('weightKg', 'Weight (kg)', { inputmode: 'decimal', value: patient.weightKg ?? '' }, { prefix: 'pat' });
  return h('form', {
    class: 'inline-form', id: 'patient-correction', novalidate: true, 'aria-label': 'Correct the patient\'s details',
    onsubmit: submitter(async () => {
      await put(`/api/patients/${patient.id}`, {
        mrn: mrn.input.value.trim(), givenName: givenName.input.value.trim(), familyName: familyName.input.value.trim(),
        birthDate: birthDate.input.value || null, weightKg: num(weightKg.input.value),
      });
      done();
    }),
  }, mrn.wrap, givenName.wrap, familyName.wrap, birthDate.wrap, weightKg.wrap, formError(),
  h('div', { class: 'transition-buttons' },
    h('button', { type: 'submit', class: 'primary', text: 'Save details' }),
    h('button', { type: 'button', onclick: done, text: 'Cancel' })));
}
