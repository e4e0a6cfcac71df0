// Alarm sound after IEC 60601-1-8: a HIGH tone repeats while an unacknowledged HIGH alert is on, a MEDIUM tone
// less often. "Pause" silences for 2 minutes (the visual stays); an alert of a higher priority breaks through.
import { PRIORITY } from './format.js';

const tones = {
  HIGH: { src: '/assets/sounds/alarm-high.wav', every: 6000 },
  MEDIUM: { src: '/assets/sounds/alarm-medium.wav', every: 20000 },
};
const players = {};
let lastPlayed = 0;
let heard = new Set();
let pausedUntil = 0;
let pausedRank = 0;
let pauseSeconds = 120;
let blocked = false;
const listeners = new Set();

export function configure(seconds) {
  if (seconds) pauseSeconds = seconds;
}

export function onChange(fn) {
  listeners.add(fn);
}

function player(priority) {
  if (!players[priority]) players[priority] = new Audio(tones[priority].src);
  return players[priority];
}

export function state() {
  const remaining = Math.max(0, pausedUntil - Date.now());
  return { paused: remaining > 0, remaining, blocked, level: currentLevel };
}

let currentLevel = null;

function sounding(alerts) {
  return alerts.filter((a) => a.state === 'ACTIVE' && !a.historical && (a.priority === 'HIGH' || a.priority === 'MEDIUM'));
}

/** Called whenever alerts change and once a second. */
export function update(alerts) {
  const active = sounding(alerts);
  const top = active.reduce((best, a) => (!best || PRIORITY[a.priority].rank > PRIORITY[best.priority].rank ? a : best), null);
  currentLevel = top ? top.priority : null;
  const nowMs = Date.now();
  if (top && pausedUntil > nowMs && PRIORITY[top.priority].rank > pausedRank) {
    pausedUntil = 0; // a higher alarm breaks through the pause
  }
  const fresh = active.filter((a) => !heard.has(`${a.id}:${a.priority}`));
  active.forEach((a) => heard.add(`${a.id}:${a.priority}`));
  if (!top || pausedUntil > nowMs) {
    publish();
    return;
  }
  const due = nowMs - lastPlayed >= tones[top.priority].every;
  if (due || fresh.some((a) => a.priority === top.priority)) {
    play(top.priority);
  }
  publish();
}

function play(priority) {
  lastPlayed = Date.now();
  const p = player(priority);
  p.currentTime = 0;
  const done = p.play();
  document.documentElement.dataset.lastTone = priority;
  document.documentElement.dataset.tonesPlayed = String(Number(document.documentElement.dataset.tonesPlayed || 0) + 1);
  if (done && done.catch) {
    // Only NotAllowedError is the browser's autoplay policy; an AbortError is this play cut short by a pause (a
    // nurse pausing while the tone still loads), which must not read as "blocked".
    done.then(() => { if (blocked) { blocked = false; publish(); } })
      .catch((e) => { if (e && e.name === 'NotAllowedError') { blocked = true; publish(); } });
  }
}

export function pause() {
  pausedUntil = Date.now() + pauseSeconds * 1000;
  pausedRank = currentLevel ? PRIORITY[currentLevel].rank : PRIORITY.HIGH.rank;
  Object.values(players).forEach((p) => p.pause());
  publish();
}

export function resume() {
  pausedUntil = 0;
  lastPlayed = 0;
  publish();
}

/** After the browser blocked autoplay, a click on "enable sound" plays the tone once. */
export function unblock() {
  blocked = false;
  lastPlayed = 0;
  if (currentLevel) play(currentLevel);
  publish();
}

export function reset() {
  heard = new Set();
  pausedUntil = 0;
  currentLevel = null;
  Object.values(players).forEach((p) => p.pause());
}

// Published after every event of every chair: what it writes into the page is written only when it changes, as any
// change to the page's top makes the browser paint the whole page again.
function publish() {
  const st = state();
  const audio = st.paused ? 'paused' : (st.level ? st.level.toLowerCase() : 'off');
  if (document.documentElement.dataset.audio !== audio) document.documentElement.dataset.audio = audio;
  listeners.forEach((fn) => fn(st));
}
