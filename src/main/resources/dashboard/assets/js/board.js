// The live board: one tile per recliner with the patient, phase and time, the latest vitals with their age, a
// trend, when vitals are due, and the highest open alert; charting from the tile; "start session" on free chairs.
import { h, s, replace, ticking, keepOne } from './dom.js';
import { get, post } from './api.js';
import * as store from './store.js';
import { ago, span, now, ms, minutes, patientName, PHASES, bp, CONSCIOUSNESS, NEWS2_BAND } from './format.js';
import { badge, stateWords, ackControl } from './alerts.js';
import { field, clearErrors, showProblem, formError, timeToday, num } from './forms.js';
import { screeningQuestions, screeningAnswers } from './screening.js';

export function mount(view, ctx) {
  document.title = 'Board · Chairside';
  const grid = h('div', { class: 'board', id: 'board' });
  const empty = h('p', { class: 'muted', hidden: true, text: 'No recliners yet: an admin adds them on the Admin screen.' });
  view.append(h('h1', { class: 'visually-hidden', text: 'Live board' }), empty, grid);
  const tiles = new Map();

  function build() {
    dirty.clear();
    replace(grid);
    tiles.clear();
    for (const t of store.board.tiles.values()) {
      const el = tileElement(t, ctx);
      tiles.set(t.reclinerId, el);
      grid.appendChild(el.root);
    }
    empty.hidden = store.board.tiles.size > 0 || !store.board.loaded;
  }

  // Tiles the stream changed are drawn at the next frame, each once however many of its events came meanwhile, and no
  // more of them in one frame than its budget allows: a burst of events (the stream catching up after a pause) drawn
  // as it came was one task of up to 360 ms in which the screen could not move. The alarm sound and the banner do not
  // wait for a frame (main.js hears the store directly), so a hidden tab, which draws no frames, still sounds.
  const dirty = new Map();
  let frame = 0;
  function drawDirty() {
    frame = 0;
    const until = performance.now() + FRAME_BUDGET_MS;
    for (const [id, t] of dirty) {
      dirty.delete(id);
      const el = tiles.get(id);
      if (!el) {
        build();
        return;
      }
      el.update(t);
      if (performance.now() > until) break;
    }
    if (dirty.size) frame = requestAnimationFrame(drawDirty);
  }

  build();
  const off = store.subscribe((kind, detail) => {
    if (kind === 'reset') build();
    else if (kind === 'tile') {
      dirty.set(detail.reclinerId, detail);
      if (!frame) frame = requestAnimationFrame(drawDirty);
    }
  });
  return () => {
    off();
    cancelAnimationFrame(frame);
  };
}

/** Milliseconds of tile drawing a frame may take before the rest waits for the next one (a frame is 16.7 ms at 60 Hz). */
const FRAME_BUDGET_MS = 8;

function tileElement(tile, ctx) {
  const status = h('div', { class: 'tile-status' });
  const actions = h('div', { class: 'tile-actions' });
  const formSlot = h('div', { class: 'tile-form' });
  const root = h('article', {
    class: 'tile', id: `tile-${tile.reclinerId}`, dataset: { reclinerId: tile.reclinerId },
    'aria-labelledby': `tile-title-${tile.reclinerId}`,
  }, status, actions, formSlot);
  let openForm = null; // 'chart' | 'start' | null
  let sessionId = tile.session ? tile.session.id : null;
  // A reading changes a tile's vitals, trend and due time; its name, patient, phase, alert and buttons are kept (a
  // board of hundreds of chairs at a reading a second each: the browser styles and lays out only what changed).
  const kept = { head: keepOne(), patient: keepOne(), elapsed: keepOne(), alert: keepOne(), actions: keepOne(),
    // the parts a reading changes: drawn once per session, then their text and lines updated in place
    vitals: keepOne(), trend: keepOne(), due: keepOne() };

  function closeForm(focusKey) {
    openForm = null;
    replace(formSlot);
    update(tile);
    if (focusKey) {
      const b = actions.querySelector(`[data-key="${focusKey}"]`);
      if (b) b.focus();
    }
  }

  function update(t) {
    tile = t;
    const sess = t.session;
    if ((sess ? sess.id : null) !== sessionId) {
      sessionId = sess ? sess.id : null;
      openForm = null;
      replace(formSlot);
    }
    const sid = sess ? String(sess.id) : '';
    if (root.dataset.sessionId !== sid) root.dataset.sessionId = sid;
    const top = store.topAlert(t);
    const cls = ['tile', sess ? 'occupied' : 'free',
      top ? `alert-${top.priority.toLowerCase()}` : '', top ? `alert-${top.state.toLowerCase()}` : '',
      top && top.escalated ? 'escalated' : ''].filter(Boolean).join(' ');
    if (root.className !== cls) root.className = cls;
    replace(status, ...(sess ? occupied(t, sess, top, ctx, kept) : free(t)));
    replace(actions, ...kept.actions(`${sid}|${openForm}`, () => tileActions(t, sess)));
  }

  function tileActions(t, sess) {
    if (!sess) {
      return ctx.canChart() && openForm !== 'start'
        ? [h('button', { type: 'button', class: 'primary', dataset: { key: 'start' }, onclick: () => openStart(), text: 'Start session' })]
        : [];
    }
    const out = [];
    if (ctx.canChart() && openForm !== 'chart') {
      out.push(h('button', {
        type: 'button', class: 'primary chart-open', dataset: { key: 'chart' }, 'aria-keyshortcuts': 'c',
        onclick: () => openChart(), text: 'Chart vitals',
      }));
    }
    out.push(h('a', { class: 'button', href: `#/session/${sess.id}`, dataset: { key: 'open' }, text: 'Open session' }));
    return out;
  }

  function openChart() {
    openForm = 'chart';
    replace(formSlot, chartForm(tile, () => closeForm('chart')));
    update(tile);
    formSlot.querySelector('input').focus();
  }

  function openStart() {
    openForm = 'start';
    replace(formSlot, startForm(tile, () => closeForm('start')));
    update(tile);
    formSlot.querySelector('input').focus();
  }

  root.addEventListener('keydown', (e) => {
    if (e.key === 'c' && e.target === root && tile.session && ctx.canChart()) { e.preventDefault(); openChart(); }
  });
  // In the Tab order, so that the 'c' shortcut (chart this chair) can be reached from the keyboard.
  root.tabIndex = 0;
  root.setAttribute('aria-keyshortcuts', 'c');
  update(tile);
  return { root, update };
}

function free(t) {
  return [
    h('header', { class: 'tile-head' }, h('h2', { id: `tile-title-${t.reclinerId}`, text: t.reclinerName }),
      h('span', { class: 'phase phase-free', text: 'Free' })),
    h('p', { class: 'muted', text: 'No patient in this recliner.' }),
  ];
}

function occupied(t, sess, top, ctx, kept) {
  const latest = latestValues(t.readings);
  return [
    kept.head(`${t.reclinerName}|${sess.state}`, () => h('header', { class: 'tile-head' }, h('h2', { id: `tile-title-${t.reclinerId}`, text: t.reclinerName }),
      h('span', { class: `phase phase-${sess.state.toLowerCase()}`, text: PHASES[sess.state] }))),
    kept.patient(JSON.stringify([sess.id, sess.patient]), () => h('p', { class: 'patient' },
      h('a', { href: `#/session/${sess.id}`, class: 'patient-name', text: patientName(sess.patient) }),
      h('span', { class: 'mrn', text: `MRN ${sess.patient.mrn}` }))),
    // what elapsedWords() reads of the session
    kept.elapsed(JSON.stringify([sess.state, sess.protocol.plannedMinutes, sess.createdAt, sess.startedAt, sess.phaseSince, sess.infusionEndedAt]),
      () => ticking('p', { class: 'elapsed' }, () => elapsedWords(sess))),
    kept.alert(JSON.stringify([top, t.alerts.size]), () => alertSlot(top, t, ctx)),
    kept.vitals(sess.id, vitalsList)(latest),
    kept.trend(sess.id, sparkline)(t.readings),
    kept.due(sess.id, dueLine)(sess),
  ];
}

function alertSlot(top, t, ctx) {
  if (!top) return h('p', { class: 'alert-slot none', text: 'No open alerts' });
  const others = t.alerts.size - 1;
  return h('div', { class: `alert-slot prio-${top.priority.toLowerCase()} state-${top.state.toLowerCase()}`, dataset: { alertId: top.id } },
    h('p', { class: 'alert-line' }, badge(top),
      top.escalated ? h('span', { class: 'escalated-tag', text: 'ESCALATED' }) : null,
      h('span', { class: 'alert-label', text: top.conditionLabel })),
    h('p', { class: 'alert-message', text: top.message }),
    h('p', { class: 'alert-state', text: stateWords(top) + (top.acknowledgeNote ? ` (“${top.acknowledgeNote}”)` : '') }),
    ackControl(top, ctx, `tile-${t.reclinerId}`),
    others > 0 ? h('p', { class: 'muted', text: `and ${others} more open alert${others > 1 ? 's' : ''}` }) : null);
}

function latestValues(readings) {
  const out = {};
  for (const r of readings) {
    if (r.systolic != null) out.bp = { value: bp(r), at: r.takenAt };
    if (r.heartRate != null) out.heartRate = { value: r.heartRate, at: r.takenAt };
    if (r.spo2 != null) out.spo2 = { value: r.spo2, at: r.takenAt };
    if (r.respiratoryRate != null) out.respiratoryRate = { value: r.respiratoryRate, at: r.takenAt };
    if (r.temperatureC != null) out.temperatureC = { value: r.temperatureC.toFixed(1), at: r.takenAt };
    // Only a complete set has a score; an incomplete one does not hide the last score (its age shows how old it is).
    if (r.news2 && r.news2.score != null) out.news2 = { value: r.news2.score, band: r.news2.band, at: r.takenAt };
  }
  return out;
}

const VITALS = [
  ['BP', 'bp', () => 'mmHg', 'bp'],
  ['HR', 'heartRate', () => '/min', 'hr'],
  ['SpO2', 'spo2', () => '%', 'spo2'],
  ['RR', 'respiratoryRate', () => '/min', 'rr'],
  ['Temp', 'temperatureC', () => '°C', 'temp'],
  ['NEWS2', 'news2', (v) => NEWS2_BAND[v.band], 'news2'],
];

/** Sets a text only when it differs: an unchanged text written again is still a change the browser lays out. */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** The latest vitals of a tile: their elements made once, their values and ages written into them. */
function vitalsList() {
  const rows = VITALS.map(([label, field, unitOf, key]) => {
    const value = h('span', { class: 'value' });
    const unit = h('span', { class: 'unit' });
    const age = h('span', { class: 'age', dataset: { tick: '1' } });
    return { field, unitOf, value, unit, age, el: h('div', { class: 'vital', dataset: { vital: key } }, h('dt', { text: label }), h('dd', {}, value, unit, age)) };
  });
  const el = h('dl', { class: 'vitals' }, rows.map((r) => r.el));
  return (latest) => {
    for (const r of rows) {
      const v = latest[r.field];
      setText(r.value, v ? String(v.value) : '–');
      setText(r.unit, v ? ` ${r.unitOf(v)}` : '');
      r.age._tick = v ? () => ago(v.at) : null;
      setText(r.age, v ? ago(v.at) : 'not charted');
    }
    return el;
  };
}

function elapsedWords(sess) {
  const planned = sess.protocol.plannedMinutes;
  const t = now();
  switch (sess.state) {
    case 'CHECKED_IN': return `Checked in ${ago(sess.createdAt)}; ${planned} min planned`;
    case 'INFUSING': return `Infusing ${minutes(t - ms(sess.startedAt))} of ${planned} min`;
    case 'PAUSED': return `Paused ${ago(sess.phaseSince).replace(' ago', '')}; ${minutes(ms(sess.phaseSince) - ms(sess.startedAt))} of ${planned} min infused`;
    case 'RECOVERY': return `Recovery ${span(t - ms(sess.infusionEndedAt))}; infusion ran ${minutes(ms(sess.infusionEndedAt) - ms(sess.startedAt))} of ${planned} min`;
    default: return PHASES[sess.state];
  }
}

/**
 * What a checked-in chair's start still needs, from the server's judgement of it (the session's startCheck): the tile
 * says what pressing Start would answer. A server without it (an older instance mid-upgrade) gets the general reminder.
 */
export function startLine(check) {
  if (!check) return 'Screen for contraindications and chart baseline vitals before starting';
  const todo = [];
  if (!check.screened) todo.push('screen for contraindications');
  if (!check.baselineCharted) todo.push('chart baseline vitals');
  const clear = check.clearance.length ? `a provider must clear the start: ${check.clearance.join('; ')}` : '';
  if (todo.length) return `Before starting: ${todo.join(' and ')}${clear ? `; ${clear}` : ''}`;
  if (clear) return `Screened, baseline charted; ${clear}`;
  return 'Screened, baseline charted: ready to start';
}

/** When the next vitals are due, counting down each second; its element made once and told each new due time. */
function dueLine() {
  const el = h('p', { class: 'due', dataset: { tick: '1' } });
  return (sess) => {
    if (!sess.nextChartingDue) {
      el._tick = null;
      const clearance = sess.state === 'CHECKED_IN' && sess.startCheck && sess.startCheck.clearance.length > 0;
      el.classList.toggle('muted', !clearance);
      el.classList.toggle('needs-clearance', clearance);
      el.classList.remove('overdue');
      setText(el, sess.state === 'CHECKED_IN' ? startLine(sess.startCheck) : '');
      return el;
    }
    el.classList.remove('muted', 'needs-clearance');
    el._tick = () => {
      const left = ms(sess.nextChartingDue) - now();
      el.classList.toggle('overdue', left < 0);
      return left >= 0 ? `Next vitals due in ${span(left)}` : `Vitals OVERDUE by ${span(-left)}`;
    };
    setText(el, el._tick());
    return el;
  };
}

/** The tile's trend of its last readings: one drawing whose lines and label are replaced, or a line of text before two. */
function sparkline() {
  const w = 260; const hgt = 56;
  const title = s('title');
  const lines = { systolic: s('polyline', { class: 'sys' }), diastolic: s('polyline', { class: 'dia' }), heartRate: s('polyline', { class: 'hr' }) };
  const svg = s('svg', { class: 'sparkline', viewBox: `0 0 ${w} ${hgt}`, role: 'img', preserveAspectRatio: 'none' }, title, Object.values(lines));
  const note = h('p', { class: 'trend muted' });
  return (readings) => {
    const pts = readings.filter((r) => r.systolic != null || r.heartRate != null);
    if (pts.length < 2) {
      setText(note, pts.length ? 'Trend after the next reading' : 'No readings yet');
      return note;
    }
    const values = pts.flatMap((r) => [r.systolic, r.diastolic, r.heartRate]).filter((v) => v != null);
    const lo = Math.min(...values) - 5; const hi = Math.max(...values) + 5;
    const t0 = ms(pts[0].takenAt); const t1 = ms(pts[pts.length - 1].takenAt);
    const x = (r) => 4 + ((ms(r.takenAt) - t0) / Math.max(1, t1 - t0)) * (w - 8);
    const y = (v) => hgt - 4 - ((v - lo) / Math.max(1, hi - lo)) * (hgt - 8);
    for (const [key, line] of Object.entries(lines)) {
      const points = pts.filter((r) => r[key] != null).map((r) => `${x(r).toFixed(1)},${y(r[key]).toFixed(1)}`).join(' ');
      if (line.getAttribute('points') !== points) line.setAttribute('points', points);
    }
    const label = `Trend of the last ${pts.length} readings: systolic ${pts.map((r) => r.systolic ?? '–').join(', ')}; heart rate ${pts.map((r) => r.heartRate ?? '–').join(', ')}`;
    if (svg.getAttribute('aria-label') !== label) svg.setAttribute('aria-label', label);
    setText(title, label);
    return svg;
  };
}

/** Keyboard charting in the order nurses read a monitor; Enter saves, Escape cancels. */
function chartForm(tile, close) {
  const pre = `chart-${tile.reclinerId}`;
  const f = {
    systolic: field('systolic', 'Systolic', { inputmode: 'numeric', size: 4 }, { prefix: pre }),
    diastolic: field('diastolic', 'Diastolic', { inputmode: 'numeric', size: 4 }, { prefix: pre }),
    heartRate: field('heartRate', 'Heart rate', { inputmode: 'numeric', size: 4 }, { prefix: pre }),
    spo2: field('spo2', 'SpO2 %', { inputmode: 'numeric', size: 4 }, { prefix: pre }),
    respiratoryRate: field('respiratoryRate', 'Resp. rate', { inputmode: 'numeric', size: 4 }, { prefix: pre, hint: '(optional)' }),
    temperatureC: field('temperatureC', 'Temp °C', { inputmode: 'decimal', size: 4 }, { prefix: pre, hint: '(optional)' }),
    onOxygen: field('onOxygen', 'Oxygen', { tag: 'select', options: [['', '–'], ['false', 'Room air'], ['true', 'Supplemental O2']] },
      { prefix: pre, hint: '(NEWS2)' }),
    consciousness: field('consciousness', 'Consciousness', { tag: 'select', options: [['', '–'], ...Object.entries(CONSCIOUSNESS)] },
      { prefix: pre, hint: '(NEWS2)' }),
    takenAt: field('takenAt', 'Taken at', { type: 'time' }, { prefix: pre, hint: '(empty = now)' }),
  };
  const general = formError();
  const vitalsError = h('span', { class: 'field-error', role: 'alert', dataset: { errorFor: 'vitals' } });
  const saved = h('span', { class: 'saved', role: 'status' });
  const form = h('form', {
    class: 'chart-form', 'aria-label': `Chart vitals for ${tile.reclinerName}`, novalidate: true,
    onkeydown: (e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } },
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      const body = {};
      for (const k of ['systolic', 'diastolic', 'heartRate', 'spo2', 'respiratoryRate', 'temperatureC']) {
        const v = num(f[k].input.value);
        if (v !== null) body[k] = v;
      }
      if (f.onOxygen.input.value) body.onOxygen = f.onOxygen.input.value === 'true';
      if (f.consciousness.input.value) body.consciousness = f.consciousness.input.value;
      let at;
      try {
        at = timeToday(f.takenAt.input.value);
      } catch (slip) {
        f.takenAt.error.textContent = slip.message;
        f.takenAt.input.setAttribute('aria-invalid', 'true');
        f.takenAt.input.focus();
        return;
      }
      if (at) body.takenAt = at;
      submit.disabled = true;
      try {
        const res = await post(`/api/sessions/${tile.session.id}/readings`, body);
        store.apply('reading', res.reading);
        res.alerts.forEach((a) => store.apply('alert', a));
        close();
      } catch (err) {
        showProblem(form, err);
      } finally {
        submit.disabled = false;
      }
    },
  });
  const submit = h('button', { type: 'submit', class: 'primary', text: 'Save (Enter)' });
  form.append(
    h('div', { class: 'chart-grid' }, ...Object.values(f).map((x) => x.wrap)),
    vitalsError, general,
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', onclick: close, text: 'Cancel (Esc)' }), saved));
  return form;
}

/** Seats a patient: find one by name or MRN (or register a new one), then the protocol. */
function startForm(tile, close) {
  const pre = `start-${tile.reclinerId}`;
  let chosen = null;
  const search = field('q', 'Patient (name or MRN)', { type: 'search' }, { prefix: pre });
  const results = h('ul', { class: 'patient-results', 'aria-label': 'Matching patients' });
  const chosenLine = h('p', { class: 'chosen', role: 'status' });
  const patientError = h('span', { class: 'field-error', role: 'alert', dataset: { errorFor: 'patientId' } });
  const np = {
    mrn: field('patient.mrn', 'MRN', {}, { prefix: pre }),
    givenName: field('patient.givenName', 'Given name', {}, { prefix: pre }),
    familyName: field('patient.familyName', 'Family name', {}, { prefix: pre }),
    birthDate: field('patient.birthDate', 'Birth date', { type: 'date' }, { prefix: pre }),
  };
  const newBox = h('fieldset', { class: 'new-patient', hidden: true }, h('legend', { text: 'New patient' }), ...Object.values(np).map((x) => x.wrap));
  const newToggle = h('button', {
    type: 'button', onclick: () => {
      newBox.hidden = !newBox.hidden;
      chosen = null;
      chosenLine.textContent = newBox.hidden ? '' : 'Registering a new patient';
      if (!newBox.hidden) np.mrn.input.focus();
    }, text: 'New patient…',
  });
  const weight = field('weightKg', 'Weight kg', { inputmode: 'decimal', size: 5 }, { prefix: pre });
  const drug = field('protocol.drug', 'Drug', { value: 'ketamine' }, { prefix: pre });
  const dose = field('protocol.doseMgPerKg', 'Dose mg/kg', { inputmode: 'decimal', value: '0.5', size: 5 }, { prefix: pre });
  const planned = field('protocol.plannedMinutes', 'Planned minutes', { inputmode: 'numeric', value: '40', size: 5 }, { prefix: pre });
  const general = formError();
  let timer;
  search.input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = search.input.value.trim();
      if (!q) { replace(results); return; }
      try {
        const found = await get(`/api/patients?q=${encodeURIComponent(q)}`);
        replace(results, ...found.slice(0, 8).map((p) => h('li', {}, h('button', {
          type: 'button', class: 'link', onclick: () => {
            chosen = p;
            newBox.hidden = true;
            chosenLine.textContent = `Selected: ${patientName(p)}, MRN ${p.mrn}`;
            if (p.weightKg != null && !weight.input.value) weight.input.value = p.weightKg;
            replace(results);
            weight.input.focus();
          }, text: `${patientName(p)} · MRN ${p.mrn} · born ${p.birthDate}`,
        }))), found.length ? null : h('li', { class: 'muted', text: 'No patient found: register a new one' }));
      } catch (err) {
        showProblem(form, err);
      }
    }, 250);
  });
  const form = h('form', {
    class: 'start-form', 'aria-label': `Start a session in ${tile.reclinerName}`, novalidate: true,
    onkeydown: (e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } },
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      try {
        let patient = chosen;
        if (!patient && !newBox.hidden) {
          try {
            patient = await post('/api/patients', {
              mrn: np.mrn.input.value.trim(), givenName: np.givenName.input.value.trim(),
              familyName: np.familyName.input.value.trim(), birthDate: np.birthDate.input.value || null,
              weightKg: num(weight.input.value),
            });
            chosen = patient;
          } catch (err) {
            showProblem(form, err, (fld) => (fld === 'weightKg' ? fld : `patient.${fld}`));
            return;
          }
        }
        const body = {
          patientId: patient ? patient.id : null, reclinerId: tile.reclinerId, weightKg: num(weight.input.value),
          protocol: { drug: drug.input.value.trim(), doseMgPerKg: num(dose.input.value), plannedMinutes: num(planned.input.value) },
        };
        // asked at the desk, the screening goes with the check-in (one write); none answered, it is asked later
        const screening = screeningAnswers(form, 'screening.');
        if (screening.any) body.screening = screening.answers;
        const session = await post('/api/sessions', body);
        store.apply('session', session);
      } catch (err) {
        showProblem(form, err);
      }
    },
  },
  search.wrap, results, chosenLine, patientError, newToggle, newBox,
  h('div', { class: 'chart-grid' }, weight.wrap, drug.wrap, dose.wrap, planned.wrap),
  h('details', { class: 'start-screening' }, h('summary', { text: 'Contraindication screening (now, or before the start)' }),
    h('div', { class: 'screening-form' }, screeningQuestions('screening.', `${pre}-`))),
  general,
  h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', text: 'Check in' }),
    h('button', { type: 'button', onclick: close, text: 'Cancel (Esc)' })));
  return form;
}
