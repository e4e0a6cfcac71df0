// The live board's state: one tile per recliner, kept current by the stream. Everything is keyed by id, so
// an event applied twice (snapshot and replay overlap) changes nothing.
import { get } from './api.js';
import { syncClock, PRIORITY, compareInstants } from './format.js';

const TREND = 12;
export const board = { tiles: new Map(), lastEventId: null, loaded: false };
const listeners = new Set();

export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed(kind, detail) {
  listeners.forEach((fn) => fn(kind, detail));
}

export async function load() {
  const snap = await get('/api/board');
  syncClock(snap.serverTime);
  board.tiles = new Map();
  for (const t of snap.tiles) {
    board.tiles.set(t.reclinerId, {
      reclinerId: t.reclinerId, reclinerName: t.reclinerName, session: t.session,
      readings: t.readings, alerts: new Map(t.alerts.map((a) => [a.id, a])),
    });
  }
  board.lastEventId = snap.lastEventId;
  board.loaded = true;
  changed('reset');
  return snap;
}

function tileOfSession(sessionId) {
  for (const t of board.tiles.values()) if (t.session && t.session.id === sessionId) return t;
  return null;
}

export function apply(type, data) {
  if (!data) return;
  if (type === 'session') applySession(data);
  else if (type === 'reading') applyReading(data);
  else if (type === 'alert') applyAlert(data);
  else if (type === 'recliner') applyRecliner(data);
}

function sortTiles() {
  board.tiles = new Map([...board.tiles.entries()].sort((a, b) => a[1].reclinerName.localeCompare(b[1].reclinerName)));
}

// A chair added, renamed, or taken out of service or back. A chair out of service leaves the board; one holding a
// session never does (the server refuses it), but its name follows.
function applyRecliner(r) {
  const tile = board.tiles.get(r.id);
  if (!r.inService && (!tile || !tile.session)) {
    if (tile) { board.tiles.delete(r.id); changed('reset'); }
    return;
  }
  if (!tile) {
    board.tiles.set(r.id, { reclinerId: r.id, reclinerName: r.name, session: null, readings: [], alerts: new Map() });
  } else if (tile.reclinerName !== r.name) {
    tile.reclinerName = r.name;
    if (tile.session) tile.session = { ...tile.session, recliner: { ...tile.session.recliner, name: r.name } };
  } else {
    return;
  }
  sortTiles();
  changed('reset');
}

function applySession(view) {
  const open = view.state !== 'DISCHARGED' && view.state !== 'STOPPED';
  let tile = board.tiles.get(view.recliner.id);
  if (!tile) {
    tile = { reclinerId: view.recliner.id, reclinerName: view.recliner.name, session: null, readings: [], alerts: new Map() };
    board.tiles.set(tile.reclinerId, tile);
    sortTiles();
    changed('reset');
  }
  if (!open) {
    if (tile.session && tile.session.id === view.id) {
      tile.session = null; tile.readings = []; tile.alerts = new Map();
    }
  } else {
    // A patient moved to this chair brings their trend and alerts; the chair they left is free.
    const left = tileOfSession(view.id);
    if (left && left !== tile) {
      tile.readings = left.readings; tile.alerts = left.alerts;
      left.session = null; left.readings = []; left.alerts = new Map();
      changed('tile', left);
    } else if (!tile.session || tile.session.id !== view.id) {
      tile.readings = []; tile.alerts = new Map();
    }
    tile.session = view;
  }
  changed('tile', tile);
}

function applyReading(r) {
  const tile = tileOfSession(r.sessionId);
  if (!tile) { changed('session-detail', r.sessionId); return; }
  tile.readings = tile.readings.filter((x) => x.id !== r.id);
  if (!r.amended) tile.readings.push(r);
  tile.readings.sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt) || a.id - b.id);
  if (tile.readings.length > TREND) tile.readings = tile.readings.slice(-TREND);
  const latest = tile.readings[tile.readings.length - 1];
  if (latest && tile.session && (!tile.session.lastReadingTakenAt || Date.parse(latest.takenAt) >= Date.parse(tile.session.lastReadingTakenAt))) {
    tile.session = { ...tile.session, lastReadingTakenAt: latest.takenAt, nextChartingDue: dueAfter(tile.session, latest.takenAt) };
  }
  changed('tile', tile);
}

/**
 * When the next vitals are due once a reading taken at {@code takenAt} is charted. The server's rule (ChartingSchedule):
 * the phase's interval after the later of the charting phase's start and the latest reading. The interval is the one the
 * server last used for this session: its due time less the time it counted from.
 */
export function dueAfter(session, takenAt) {
  if (!session.nextChartingDue) return session.nextChartingDue;
  const since = Date.parse(chartingSince(session));
  const from = (last) => Math.max(since, last ? Date.parse(last) : -Infinity);
  const interval = Date.parse(session.nextChartingDue) - from(session.lastReadingTakenAt);
  return new Date(from(takenAt) + interval).toISOString();
}

/** InfusionSession.chartingSince: a pause and a resume do not restart the infusing schedule. */
function chartingSince(session) {
  if ((session.state === 'INFUSING' || session.state === 'PAUSED') && session.startedAt) return session.startedAt;
  if (session.state === 'RECOVERY' && session.infusionEndedAt) return session.infusionEndedAt;
  return session.phaseSince;
}

function applyAlert(a) {
  const tile = tileOfSession(a.sessionId);
  if (!tile) { changed('session-detail', a.sessionId); return; }
  const known = tile.alerts.get(a.id);
  if (known && compareInstants(known.updatedAt, a.updatedAt) > 0) return;
  if (a.state === 'RESOLVED') tile.alerts.delete(a.id); else tile.alerts.set(a.id, a);
  changed('tile', tile);
  changed('alerts');
}

export function allOpenAlerts() {
  const out = [];
  for (const t of board.tiles.values()) for (const a of t.alerts.values()) out.push({ alert: a, tile: t });
  return out;
}

/**
 * The alert a tile shows: unacknowledged before acknowledged (an alert still to be acknowledged must not hide behind one
 * already seen to, whatever their priorities), then the highest priority, escalated first, newest first.
 */
export function topAlert(tile) {
  let best = null;
  for (const a of tile.alerts.values()) {
    if (!best || rank(a) > rank(best)) best = a;
  }
  return best;
}

function rank(a) {
  return (a.state === 'ACTIVE' ? 100 : 0) + PRIORITY[a.priority].rank * 10 + (a.escalated ? 1 : 0) + Date.parse(a.updatedAt) / 1e15;
}
