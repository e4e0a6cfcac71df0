// Session view: header, legal transitions, moving to another recliner, trend chart with threshold lines and alert
// marks, readings table with amendments, timeline, and the effective thresholds (editable by a provider while the
// session is open).
import { h, s, replace, keep, appendChildren } from './dom.js';
import { get, post, put } from './api.js';
import { ago, clock, dateTime, ms, now, minutes, span, patientName, PHASES, ACTIONS, PRIORITY, bp, CONSCIOUSNESS, news2Words } from './format.js';
import { badge, stateWords, ackControl } from './alerts.js';
import { clearErrors, showProblem, formError } from './forms.js';
import { thresholdEditor } from './thresholds.js';
import { assessmentsTable, assessmentForm, aldreteSinceInfusion } from './assessments.js';
import { moveForm } from './move.js';
import { pumpLine, rateForm, rateEntries } from './rate.js';
import { screeningPanel, screeningNote, screeningEntries } from './screening.js';
import { readingList } from './readinglist.js';
import { linePoints } from './chartline.js';
import * as store from './store.js';

export function mount(view, ctx, id, readOnlyWanted) {
  let alive = true;
  let timer = null;
  // A refused phase change stays said while live events redraw the view, until someone presses a button again.
  const refused = { state: null, error: null };
  const screenAgain = { open: false };
  const readingsNow = readingList(id);
  // How many of the newest readings the table shows; "Show … earlier" raises it and it stays through redraws.
  const tableRows = { shown: TABLE_ROWS };
  let shownData = null;
  let onlyFigures = null;
  // The parts a live event rarely changes are kept from one drawing to the next, so that the browser styles and lays
  // out only what did change: the table's rows, the timeline's entries, the threshold editor.
  const parts = {
    trend: part('trend-title', 'Trend'),
    readings: part('readings-title', 'Readings'),
    assessments: part('assess-title', 'Assessments', 'assessments'),
    timeline: part('timeline-title', 'Alerts and timeline'),
    thresholds: part('thr-title', 'Effective thresholds'),
  };
  const table = readingsTable();
  const entries = timeline();
  const kept = { assessments: keep(), thresholds: keep() };
  const root = h('div', { class: 'session-view', id: 'session-view', dataset: { sessionId: id } }, h('p', { text: 'Loading session…' }));
  view.appendChild(root);

  const cannotShow = (e) => {
    if (alive) replace(root, h('p', { class: 'error', role: 'alert', text: `Cannot show session ${id}: ${e.message}` }));
  };
  const readOnlyFor = (session) => readOnlyWanted || session.state === 'DISCHARGED' || session.state === 'STOPPED' || !ctx.canChart();

  // After a reading or an alert only the session's figures, its readings, its alerts and the thresholds (a clinic's
  // change of them has no event of its own) can have changed: the other lists are kept from the last load.
  async function refresh() {
    try {
      const [session, readings, alerts, thresholds] = await Promise.all([get(`/api/sessions/${id}`), readingsNow(),
        get(`/api/alerts?sessionId=${id}`), get(`/api/sessions/${id}/thresholds`)]);
      if (!alive) return;
      render({ ...shownData, session, readings, alerts, thresholds, readOnly: readOnlyFor(session) });
    } catch (e) {
      cannotShow(e);
    }
  }

  async function load() {
    try {
      const first = get(`/api/sessions/${id}`);
      // the patient's series as soon as the session names them, while the larger lists are still on their way
      const seriesOf = first.then((s) => get(`/api/patients/${s.patient.id}/sessions`)).catch(() => null);
      const [session, readings, alerts, transitions, moves, thresholds, assessments, dose, screenings] = await Promise.all([
        first, readingsNow(), get(`/api/alerts?sessionId=${id}`),
        get(`/api/sessions/${id}/transitions`), get(`/api/sessions/${id}/moves`), get(`/api/sessions/${id}/thresholds`),
        get(`/api/sessions/${id}/assessments`), get(`/api/sessions/${id}/dose`), get(`/api/sessions/${id}/screenings`)]);
      const series = await seriesOf;
      if (!alive) return;
      render({ session, readings, alerts, transitions, moves, thresholds, assessments, dose, screenings, series, readOnly: readOnlyFor(session) });
    } catch (e) {
      cannotShow(e);
    }
  }

  function render(d) {
    shownData = d;
    const { session } = d;
    document.title = `${patientName(session.patient)} · Chairside`;
    const entry = d.series && d.series.sessions.find((x) => x.session.id === session.id);
    replace(root,
      h('header', { class: 'session-head' },
        h('h1', {}, h('a', { href: `#/patient/${session.patient.id}`, text: patientName(session.patient) }),
          h('span', { class: 'mrn', text: ` MRN ${session.patient.mrn}` })),
        h('p', { class: 'session-facts' },
          h('span', { class: `phase phase-${session.state.toLowerCase()}`, id: 'session-phase', text: PHASES[session.state] }),
          fact('Recliner', session.recliner.name),
          fact('Protocol', `${session.protocol.drug} ${session.protocol.doseMgPerKg} mg/kg (${session.protocol.totalDoseMg} mg) over ${session.protocol.plannedMinutes} min`),
          fact('Weight', `${session.weightKg} kg`),
          entry ? fact('Series', `infusion ${entry.number} of ${entry.of}`) : null,
          fact('Checked in', dateTime(session.createdAt)),
          session.startedAt ? fact('Started', clock(session.startedAt)) : null,
          session.closedAt ? fact('Closed', dateTime(session.closedAt)) : null),
        pumpLine(session, d.dose),
        d.readOnly ? h('p', { class: 'muted', text: 'Read-only view.' }) : null),
      d.readOnly ? null : screeningPanel(session, d.screenings, load, screenAgain),
      d.readOnly ? null : transitionsPanel(d, ctx, load, refused),
      d.readOnly ? null : rateForm(session, d.dose, load),
      d.readOnly ? null : moveForm(session, load),
      parts.trend(trendChart(d)),
      parts.readings(table(d, tableRows, () => render(shownData))),
      parts.assessments(kept.assessments([d], (x) => JSON.stringify([x.assessments, x.readOnly]),
        (x) => h('div', {}, assessmentsTable(x), x.readOnly ? null : assessmentForm(x, load)))),
      parts.timeline(entries(d, ctx)),
      parts.thresholds(kept.thresholds([d], (x) => JSON.stringify([x.thresholds, x.readOnly, ctx.hasRole('PROVIDER')]),
        (x) => thresholdsPanel(x, ctx, load))));
  }

  const listener = (type, data) => {
    if (!data) return;
    const sid = type === 'session' ? data.id : data.sessionId;
    if (sid !== id) return;
    // Do not pull the form from under someone typing in it.
    const typing = document.activeElement && root.contains(document.activeElement) && document.activeElement.matches('input, textarea, select');
    clearTimeout(timer);
    // Every event since the last load a reading or an alert: a refresh will do.
    onlyFigures = (onlyFigures ?? true) && (type === 'reading' || type === 'alert');
    timer = setTimeout(() => {
      const figures = onlyFigures && shownData !== null;
      onlyFigures = null;
      if (figures) refresh(); else load();
    }, typing ? 3000 : 150);
  };
  ctx.liveListeners.add(listener);
  load();
  return () => { alive = false; clearTimeout(timer); ctx.liveListeners.delete(listener); };
}

/** A section of the view that stays in place; what it holds is replaced as `replace()` does. */
function part(titleId, title, id) {
  const heading = h('h2', { id: titleId, text: title });
  const el = h('section', { 'aria-labelledby': titleId, id }, heading);
  return (...children) => {
    replace(el, heading, ...children);
    return el;
  };
}

function fact(label, value) {
  return h('span', { class: 'fact' }, h('span', { class: 'fact-label', text: `${label}: ` }), h('span', { text: value }));
}

function baselineOf(readings) {
  const base = readings.filter((r) => r.baseline && !r.amended && r.systolic != null && r.heartRate != null && r.spo2 != null);
  return base.length ? base[base.length - 1] : null;
}

/** The newest pressure before the start, a cuff reading alone too: the server's pre-start gate judges it (Baseline). */
function prestartPressureOf(readings) {
  const withBp = readings.filter((r) => r.baseline && !r.amended && r.systolic != null && r.diastolic != null);
  return withBp.length ? withBp[withBp.length - 1] : null;
}

function transitionsPanel(d, ctx, reload, refused) {
  const { session } = d;
  const allowed = session.allowedTransitions;
  if (!allowed.length) return null;
  const reason = h('input', { id: 'transition-reason', name: 'reason', maxlength: 500, size: 40, dataset: { key: 'reason' } });
  const reasonError = h('span', { class: 'field-error', role: 'alert', dataset: { errorFor: 'reason' } });
  const general = formError();
  const notes = [];
  if (session.state === 'CHECKED_IN') {
    const base = baselineOf(d.readings);
    const pressure = prestartPressureOf(d.readings) || base;
    const limit = d.thresholds.effective.prestart;
    const screening = screeningNote(d.screenings, ctx.hasRole('PROVIDER'));
    if (screening) notes.push(screening);
    if (!base) {
      notes.push('Chart a complete baseline (blood pressure, heart rate and SpO2) before starting the infusion.');
    } else if (limit && (pressure.systolic >= limit.systolic || pressure.diastolic >= limit.diastolic)) {
      notes.push(`Blood pressure before the start ${bp(pressure)} mmHg is at or above the pre-start limit ${limit.systolic}/${limit.diastolic} mmHg: `
        + (ctx.hasRole('PROVIDER') ? 'as a provider you may clear the start; write the reason below.' : 'a provider must clear the start, with a reason.'));
    }
  }
  const discharge = d.thresholds.effective.discharge;
  if (session.state === 'RECOVERY' && discharge && discharge.aldreteAtLeast > 0) {
    const last = aldreteSinceInfusion(d);
    if (!last || last.score < discharge.aldreteAtLeast) {
      notes.push(`Discharge needs a modified Aldrete score of at least ${discharge.aldreteAtLeast} since the infusion ended (`
        + (last ? `the newest is ${last.score}` : 'none recorded yet') + '): record it under Assessments'
        + (ctx.hasRole('PROVIDER') ? ', or as a provider discharge with a reason below.' : ', or ask a provider to discharge with a reason.'));
    }
  }
  const observation = d.thresholds.dischargeObservation;
  if (session.state === 'RECOVERY' && observation && ms(observation.until) > now()) {
    notes.push(`Observe until ${clock(observation.until)} before discharge: ${observation.why}`
      + (ctx.hasRole('PROVIDER') ? '; as a provider you may discharge earlier with a reason below.' : '.'));
  }
  const form = h('form', { class: 'transitions', novalidate: true, onsubmit: (e) => e.preventDefault() });
  const buttons = allowed.map((to) => h('button', {
    type: 'button', class: to === 'STOPPED' ? 'danger' : 'primary', dataset: { key: `to-${to}`, to },
    onclick: async () => {
      clearErrors(form);
      refused.error = null;
      if (to === 'STOPPED' && !reason.value.trim()) {
        reasonError.textContent = 'A reason is required to stop a session early: write it, then press "Stop early" again.';
        reason.focus();
        return;
      }
      try {
        const body = { to };
        if (reason.value.trim()) body.reason = reason.value.trim();
        const updated = await post(`/api/sessions/${session.id}/transitions`, body);
        reason.value = ''; // said and recorded: not carried into the next phase's form
        store.apply('session', updated);
        reload();
      } catch (err) {
        refused.state = session.state;
        refused.error = err;
        // a live event redrew the view while the answer was on its way: draw again, the refusal with it
        if (form.isConnected) showProblem(form, err); else reload();
      }
    },
    text: ACTIONS[to],
  }));
  appendChildren(form, h('h2', { class: 'visually-hidden', text: 'Change phase' }),
    notes.length ? h('p', { class: 'prestart-note', role: 'note', text: notes.join(' ') }) : null,
    h('div', { class: 'transition-buttons' }, buttons),
    h('div', { class: 'field' }, h('label', { for: 'transition-reason', text: 'Reason (required to stop early, or to clear a start or a discharge)' }), reason, reasonError),
    general);
  if (refused.error && refused.state === session.state) showProblem(form, refused.error, undefined, { focus: false });
  return form;
}

const SERIES = [
  { key: 'systolic', label: 'Systolic', cls: 'sys', panel: 0 },
  { key: 'diastolic', label: 'Diastolic', cls: 'dia', panel: 0 },
  { key: 'heartRate', label: 'Heart rate', cls: 'hr', panel: 0 },
  { key: 'spo2', label: 'SpO2', cls: 'spo2', panel: 1 },
];
const VITAL_KEY = { SYSTOLIC: 'systolic', DIASTOLIC: 'diastolic', HEART_RATE: 'heartRate', SPO2: 'spo2' };

/** Most readings of one series the trend marks with a dot each. */
const DOTS_UP_TO = 300;

function trendChart(d) {
  const readings = d.readings.filter((r) => !r.amended);
  if (!readings.length) return h('p', { class: 'muted', text: 'No readings yet.' });
  const W = 900; const H = 360; const L = 48; const R = 150; const gap = 24;
  const panels = [{ top: 10, height: 220, lo: 30, hi: 220 }, { top: 10 + 220 + gap, height: 90, lo: 80, hi: 100 }];
  const t0 = ms(d.session.createdAt);
  const t1 = Math.max(d.session.closedAt ? ms(d.session.closedAt) : now(), ...readings.map((r) => ms(r.takenAt))) + 60000;
  const x = (t) => L + ((t - t0) / Math.max(1, t1 - t0)) * (W - L - R);
  const y = (p, v) => {
    const c = Math.min(p.hi, Math.max(p.lo, v));
    return p.top + p.height - ((c - p.lo) / (p.hi - p.lo)) * p.height;
  };
  const parts = [];
  panels.forEach((p, i) => {
    parts.push(s('rect', { x: L, y: p.top, width: W - L - R, height: p.height, class: 'plot' }));
    const ticks = i === 0 ? [40, 80, 120, 160, 200] : [80, 85, 90, 95, 100];
    ticks.forEach((v) => parts.push(s('text', { x: L - 6, y: y(p, v) + 4, class: 'axis', 'text-anchor': 'end', text: String(v) })));
  });
  // Threshold lines of the effective profile (limit rules only); labels are nudged apart so none overlap.
  const labels = [];
  for (const rule of d.thresholds.effective.rules.filter((r) => r.kind === 'LIMIT')) {
    for (const limit of rule.limits) {
      const key = VITAL_KEY[limit.vital];
      if (!key) continue;
      const p = panels[key === 'spo2' ? 1 : 0];
      if (limit.value < p.lo || limit.value > p.hi) continue;
      const yy = y(p, limit.value);
      parts.push(s('line', { x1: L, x2: W - R, y1: yy, y2: yy, class: `threshold prio-${limit.priority.toLowerCase()}` },
        s('title', { text: `${rule.label}: ${limit.vital.toLowerCase()} ${limit.operator.toLowerCase().replace(/_/g, ' ')} ${limit.value} (${limit.priority})` })));
      labels.push({ y: yy + 4, cls: `threshold-label prio-${limit.priority.toLowerCase()}`, text: `${limit.vital === 'HEART_RATE' ? 'HR' : limit.vital === 'SPO2' ? 'SpO2' : limit.vital.slice(0, 3)} ${limit.value} ${limit.priority}` });
    }
  }
  labels.sort((a, b) => a.y - b.y);
  let lastY = -Infinity;
  for (const l of labels) {
    const y = Math.max(l.y, lastY + 12);
    lastY = y;
    parts.push(s('text', { x: W - R + 4, y, class: l.cls, text: l.text }));
  }
  for (const ser of SERIES) {
    const p = panels[ser.panel];
    const pts = readings.filter((r) => r[ser.key] != null);
    if (!pts.length) continue;
    const line = linePoints(pts.map((r) => [x(ms(r.takenAt)), y(p, r[ser.key])]));
    parts.push(s('polyline', { class: `series ${ser.cls}`, points: line.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ') }));
    // A dot with its value per reading only where they can be told apart: a monitor's reading a second drew tens of
    // thousands of them on every event of the session, each a node of its own; the line and the table carry them.
    if (pts.length > DOTS_UP_TO) continue;
    pts.forEach((r) => parts.push(s('circle', { class: `dot ${ser.cls}`, cx: x(ms(r.takenAt)).toFixed(1), cy: y(p, r[ser.key]).toFixed(1), r: 3 },
      s('title', { text: `${ser.label} ${r[ser.key]} at ${clock(r.takenAt)}` }))));
  }
  // Alert marks at the time each alert was raised.
  for (const a of d.alerts) {
    const xx = x(ms(a.raisedAt));
    parts.push(s('line', { x1: xx, x2: xx, y1: 4, y2: H - 14, class: `alert-mark prio-${a.priority.toLowerCase()}` },
      s('title', { text: `${a.priority} alert ${clock(a.raisedAt)}: ${a.message}` })));
    parts.push(s('text', { x: xx + 2, y: H - 2, class: `alert-mark-label prio-${a.priority.toLowerCase()}`, text: PRIORITY[a.priority].icon }));
  }
  const legend = h('ul', { class: 'legend' }, SERIES.map((ser) => h('li', { class: ser.cls }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), ser.label)),
    h('li', { class: 'threshold-legend' }, 'dashed: thresholds'), h('li', { class: 'alert-legend' }, 'vertical: alerts (!!! high, !! medium)'));
  const label = `Trend chart of ${readings.length} readings with threshold lines and ${d.alerts.length} alert marks`;
  return h('figure', { class: 'trend' },
    s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'trend-chart' }, s('title', { text: label }), parts),
    legend);
}

/**
 * The table's rows at first, the newest. A device-fed session has thousands of readings: drawn whole, ten thousand rows
 * took seconds on every event of the session (one a second from a monitor), and nobody reads them all at the chair.
 */
const TABLE_ROWS = 200;

/** The readings table of one view: its rows are kept while their readings are, a corrected one drawn again. */
function readingsTable() {
  const rowsOf = keep();
  const tbody = h('tbody');
  const wrap = h('div', { class: 'table-wrap' }, h('table', { class: 'readings' },
    h('thead', {}, h('tr', {}, ['Taken', 'Phase', 'BP mmHg', 'HR /min', 'SpO2 %', 'RR /min', 'Temp °C', 'Oxygen', 'Consciousness', 'NEWS2', 'Charted by', 'Amendment'].map((t) => h('th', { scope: 'col', text: t })))),
    tbody));
  return (d, rows, redraw) => {
    if (!d.readings.length) return h('p', { class: 'muted', text: 'No readings yet.' });
    const corrections = new Map(d.readings.filter((r) => r.amendsId).map((r) => [r.id, r]));
    const from = Math.max(0, d.readings.length - rows.shown);
    const earlier = from > 0 ? h('p', { class: 'table-more' },
      h('span', { class: 'muted', id: 'readings-shown', text: `The newest ${d.readings.length - from} of ${d.readings.length} readings.` }), ' ',
      h('button', { type: 'button', class: 'link', dataset: { key: 'earlier-readings' },
        onclick: () => { rows.shown += TABLE_ROWS; redraw(); }, text: `Show ${Math.min(TABLE_ROWS, from)} earlier` })) : null;
    // A reading is never changed but by its correction, which supersedes it: its id and its corrector name its row.
    replace(tbody, rowsOf(d.readings.slice(from), (r) => `${r.id}:${r.supersededById ?? ''}`, (r) => readingRow(r, corrections)));
    return [earlier, wrap];
  };
}

function readingRow(r, corrections) {
  const cell = (v) => h('td', {}, r.amended ? h('s', { text: v }) : v);
  const correction = r.supersededById ? corrections.get(r.supersededById) : null;
  const note = r.amended
    ? `Amended by ${r.supersededBy} at ${clock(r.supersededAt)}${correction && correction.amendReason ? `: ${correction.amendReason}` : ''}`
    : r.amendsId ? `Correction of an earlier entry: ${r.amendReason || ''}` : '';
  return h('tr', { class: r.amended ? 'amended' : '', dataset: { readingId: r.id } },
    h('td', { text: clock(r.takenAt) }),
    h('td', { text: r.baseline ? 'baseline' : PHASES[r.phase] }),
    cell(bp(r) || '–'), cell(r.heartRate ?? '–'), cell(r.spo2 ?? '–'), cell(r.respiratoryRate ?? '–'),
    cell(r.temperatureC != null ? r.temperatureC.toFixed(1) : '–'),
    cell(r.onOxygen == null ? '–' : r.onOxygen ? 'O2' : 'air'),
    cell(r.consciousness ? CONSCIOUSNESS[r.consciousness] : '–'),
    h('td', { class: `news2${r.news2 && r.news2.band ? ` band-${r.news2.band.toLowerCase()}` : ''}` }, r.amended ? h('s', { text: news2Words(r) }) : news2Words(r)),
    h('td', { text: `${r.chartedBy} (${r.source.toLowerCase()})` }),
    h('td', { class: 'amend-note', text: note }));
}

/** The timeline of one view: an alert's entry is kept while the alert is as it was (hundreds in a long session). */
function timeline() {
  const alertsOf = keep();
  const list = h('ol', { class: 'timeline' });
  return (d, ctx) => {
    const canAck = ctx.canChart() && !d.readOnly;
    const items = alertsOf(d.alerts, (a) => `${canAck}:${JSON.stringify(a)}`, (a) => ({ at: a.raisedAt, el: alertEntry(a, canAck) }));
    for (const t of d.transitions) {
      items.push({ at: t.at, el: h('li', { class: 'timeline-transition' }, h('time', { text: clock(t.at) }),
        h('span', { text: `${PHASES[t.fromState]} → ${PHASES[t.toState]} by ${t.byUser}` }),
        t.reason ? h('span', { class: 'reason', text: ` · reason: ${t.reason}` }) : null,
        t.clearance ? h('span', { class: 'tag', text: ' provider clearance' }) : null) });
    }
    for (const m of d.moves) {
      items.push({ at: m.at, el: h('li', { class: 'timeline-move' }, h('time', { text: clock(m.at) }),
        h('span', { text: `Moved from ${m.fromReclinerName} to ${m.toReclinerName} by ${m.byUser}` }),
        m.reason ? h('span', { class: 'reason', text: ` · reason: ${m.reason}` }) : null) });
    }
    items.push(...rateEntries(d.dose), ...screeningEntries(d.screenings));
    if (!items.length) return h('p', { class: 'muted', text: 'Nothing yet.' });
    items.sort((a, b) => ms(a.at) - ms(b.at));
    replace(list, items.map((i) => i.el));
    return list;
  };
}

function alertEntry(a, canAck) {
  return h('li', { class: `timeline-alert prio-${a.priority.toLowerCase()} state-${a.state.toLowerCase()}${a.escalated ? ' escalated' : ''}`, dataset: { alertId: a.id } },
    h('time', { text: clock(a.raisedAt) }), badge(a), a.escalated ? h('span', { class: 'escalated-tag', text: 'ESCALATED' }) : null,
    h('span', { class: 'alert-message', text: a.message }),
    a.breachCount > 1 ? h('span', { class: 'muted', text: ` (${a.breachCount} readings)` }) : null,
    h('span', { class: 'alert-state', text: ` · ${stateWords(a)}` }),
    a.acknowledgeNote ? h('span', { class: 'ack-note-text', text: ` · note: ${a.acknowledgeNote}` }) : null,
    ackControl(a, { canChart: () => canAck }, 'session'));
}

function thresholdsPanel(d, ctx, reload) {
  const { thresholds, session } = d;
  const overridden = new Set((thresholds.overrides.rules || []).map((r) => r.condition));
  const canEdit = !d.readOnly && ctx.hasRole('PROVIDER');
  const save = canEdit ? async (edited, changed) => {
    const keep = new Set([...overridden, ...changed]);
    const indexMap = [];
    const rules = [];
    edited.rules.forEach((r, i) => { if (keep.has(r.condition)) { indexMap.push(i); rules.push(r); } });
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    const body = {
      rules,
      prestart: thresholds.overrides.prestart || !same(edited.prestart, thresholds.effective.prestart) ? edited.prestart : null,
      charting: thresholds.overrides.charting || !same(edited.charting, thresholds.effective.charting) ? edited.charting : null,
      escalation: thresholds.overrides.escalation || !same(edited.escalation, thresholds.effective.escalation) ? edited.escalation : null,
      discharge: thresholds.overrides.discharge || !same(edited.discharge, thresholds.effective.discharge) ? edited.discharge : null,
    };
    try {
      await put(`/api/sessions/${session.id}/thresholds`, body);
    } catch (err) {
      // Name the edited table's row: the body held only the overridden rules.
      err.violations = err.violations.map((v) => ({ ...v, field: v.field.replace(/^rules\[(\d+)\]/, (m, k) => `rules[${indexMap[Number(k)]}]`) }));
      throw err;
    }
    reload();
  } : null;
  return h('div', {},
    canEdit ? h('p', { class: 'muted', text: 'As a provider you may set this patient\'s own limits; every change is audited.' })
      : h('p', { class: 'muted', text: d.readOnly ? 'Read-only.' : 'Only a provider may change these limits.' }),
    thresholdEditor(thresholds.effective, save, { overridden }));
}
