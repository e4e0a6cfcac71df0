// A session's readings, held between the session view's loads. A device-fed session has thousands of readings (4 MB
// at ten thousand) and the view reloads on every event of its session, one a second from a monitor: after the first
// load only what changed since the newest reading held is fetched and merged. The server counts the session's
// readings beside the changes; a merged list of another length (a reading committed late by another instance, whose
// id is below the newest held) is read whole again.
import { get, getCounted } from './api.js';
import { ms } from './format.js';

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

/** The held list with the changed readings in place of their older copies and the new ones added, in the server's order. */
export function mergeReadings(held, changed) {
  if (!changed.length) return held;
  const byId = new Map(held.map((r) => [r.id, r]));
  for (const r of changed) byId.set(r.id, r);
  // The server's order: taken-at, then id (a correction keeps the original's time and follows it).
  return [...byId.values()].sort((a, b) => (ms(a.takenAt) - ms(b.takenAt)) || (a.id - b.id));
}
