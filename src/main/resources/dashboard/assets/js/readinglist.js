// A session's readings, held between the session view's loads. A device-fed session has thousands of readings (4 MB
// at ten thousand) and the view reloads on every event of its session, one a second from a monitor: after the first
// load only what changed since the newest reading held is fetched and merged. The server counts the session's
// readings beside the changes; a merged list of another length (a reading committed late by another instance, whose
// id is below the newest held) is read whole again.
import { get, getCounted } from './api.js';
import { compareInstants } from './format.js';

export function readingList(sessionId) {
  let held = null;
  let newest = 0;
  const keep = (list) => {
    held = list;
    newest = list.reduce((m, r) => Math.max(m, r.id), 0);
    return held;
  };
  return async function current() {
    if (held && held.length) {
      const { data, total } = await getCounted(`/api/sessions/${sessionId}/readings?after=${newest}`);
      const merged = mergeReadings(held, data);
      if (merged.length === total) return keep(merged);
    }
    return keep(await get(`/api/sessions/${sessionId}/readings`));
  };
}

/**
 * The held list with the changed readings in place of their older copies (a correction leaves its original's time as
 * it was) and the new ones inserted where the server's order puts them. Not a sort of the whole list: ten thousand
 * readings, once a second.
 */
export function mergeReadings(held, changed) {
  if (!changed.length) return held;
  const at = new Map(held.map((r, i) => [r.id, i]));
  const merged = held.slice();
  const added = [];
  for (const r of changed) {
    const i = at.get(r.id);
    if (i === undefined) added.push(r); else merged[i] = r;
  }
  for (const r of added.sort(listOrder)) merged.splice(insertionPoint(merged, r), 0, r);
  return merged;
}

// The server's order: taken-at to the microsecond, then id (a correction keeps the original's time and follows it).
const listOrder = (a, b) => compareInstants(a.takenAt, b.takenAt) || (a.id - b.id);

function insertionPoint(list, r) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (listOrder(list[mid], r) <= 0) lo = mid + 1; else hi = mid;
  }
  return lo;
}
