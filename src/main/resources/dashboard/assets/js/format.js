// Times and durations in words a nurse reads at a glance.
let offset = 0; // server clock minus this browser's clock, in ms

export function syncClock(serverTime) {
  if (serverTime) offset = Date.parse(serverTime) - Date.now();
}

/**
 * Orders two of the server's instants to the microsecond ("2026-12-02T01:00:00.123456Z"): Date.parse keeps milliseconds,
 * and two versions of an alert written within one millisecond (an acknowledgement, then a breach that re-activates
 * it) must not look alike. Negative when a is earlier, 0 when equal, positive when later.
 */
export function compareInstants(a, b) {
  const key = (t) => {
    const m = /^(.*?)(?:\.(\d+))?Z$/.exec(t);
    return m ? `${m[1]}.${(m[2] || '').padEnd(9, '0')}Z` : t;
  };
  const ka = key(a); const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function now() {
  return Date.now() + offset;
}

export function ms(instant) {
  return instant ? Date.parse(instant) : null;
}

export function span(millis) {
  const total = Math.max(0, Math.round(millis / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m >= 10) return `${m} min`;
  if (m > 0) return `${m} min ${sec} s`;
  return `${sec} s`;
}

export function ago(instant) {
  if (!instant) return '';
  const d = now() - ms(instant);
  if (d < 45000) return 'just now';
  return `${span(d).replace(/ \d+ s$/, '')} ago`;
}

export function minutes(millis) {
  return Math.max(0, Math.floor(millis / 60000));
}

// Made once: toLocaleTimeString with options builds a new formatter on every call, a tenth of a millisecond each, and
// a session view or the board formats hundreds of times on every event.
const CLOCK = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat([], { year: 'numeric', month: 'short', day: 'numeric' });

export function clock(instant) {
  if (!instant) return '';
  return CLOCK.format(ms(instant));
}

export function dateTime(instant) {
  if (!instant) return '';
  return DATE_TIME.format(ms(instant));
}

export function date(instant) {
  if (!instant) return '';
  return DATE.format(ms(instant));
}

export function patientName(p) {
  return p ? `${p.givenName} ${p.familyName}` : '';
}

export const PHASES = {
  CHECKED_IN: 'Checked in', INFUSING: 'Infusing', PAUSED: 'Paused', RECOVERY: 'Recovery',
  DISCHARGED: 'Discharged', STOPPED: 'Stopped early',
};

export const ACTIONS = {
  INFUSING: 'Start infusion', PAUSED: 'Pause pump', RECOVERY: 'End infusion: recovery',
  DISCHARGED: 'Discharge', STOPPED: 'Stop early',
};

/** IEC 60601-1-8 priority markers: the colour is never the only cue. */
export const PRIORITY = {
  HIGH: { icon: '!!!', word: 'HIGH', rank: 3 },
  MEDIUM: { icon: '!!', word: 'MEDIUM', rank: 2 },
  LOW: { icon: '!', word: 'LOW', rank: 1 },
};

/** ACVPU, as NEWS2 scores it. */
export const CONSCIOUSNESS = {
  ALERT: 'Alert', NEW_CONFUSION: 'New confusion', VOICE: 'Responds to voice', PAIN: 'Responds to pain', UNRESPONSIVE: 'Unresponsive',
};

/** A NEWS2 band in a word, and the RCP's clinical response to it. */
export const NEWS2_BAND = { LOW: 'low', LOW_MEDIUM: 'low-medium', MEDIUM: 'medium', HIGH: 'high' };
const NEWS2_RESPONSE = {
  LOW: 'low', LOW_MEDIUM: 'low-medium: a 3 in one parameter', MEDIUM: 'medium: urgent review', HIGH: 'high: emergency response',
};

/** "7 (high: emergency response)", or what the set lacks, or '' when the reading is no NEWS2 set at all. */
export function news2Words(r) {
  if (!r.news2) return '';
  if (r.news2.score != null) return `${r.news2.score} (${NEWS2_RESPONSE[r.news2.band]})`;
  return `no score: needs ${r.news2.missing.map((m) => NEWS2_PARAMETER[m] || m).join(', ')}`;
}

const NEWS2_PARAMETER = {
  respiratoryRate: 'resp. rate', spo2: 'SpO2', onOxygen: 'oxygen', systolic: 'BP', heartRate: 'HR', consciousness: 'consciousness',
  temperatureC: 'temp',
};

export function bp(r) {
  return r && r.systolic != null ? `${r.systolic}/${r.diastolic}` : '';
}
