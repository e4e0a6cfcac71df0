// The live stream: EventSource on /api/stream, resuming from the last event id after any break, and a
// watchdog that says in words when nothing (not even a heartbeat) has arrived for longer than the interval.
const TYPES = ['session', 'reading', 'alert', 'recliner', 'reset'];

export class LiveStream {
  constructor({ heartbeatMillis, onEvent, onStatus, onRefused }) {
    this.heartbeatMillis = heartbeatMillis || 10000;
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.onRefused = onRefused;
    this.lastId = null;
    this.es = null;
    this.lastHeard = 0;
    this.status = null;
    this.watchdog = null;
    this.reopenTimer = null;
    this.stopped = true;
  }

  start(lastId) {
    this.stopped = false;
    this.lastId = lastId;
    this.lastHeard = Date.now();
    this.open();
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => this.check(), 500);
  }

  stop() {
    this.stopped = true;
    clearInterval(this.watchdog);
    clearTimeout(this.reopenTimer);
    if (this.es) this.es.close();
    this.es = null;
  }

  open() {
    if (this.es) this.es.close();
    // requestedWith: a refused stream must not open the browser's own password dialog (EventSource sends no headers).
    const query = new URLSearchParams({ heartbeat: 'event', requestedWith: 'chairside' });
    if (this.lastId !== null && this.lastId !== undefined) query.set('lastEventId', String(this.lastId));
    const es = new EventSource(`/api/stream?${query}`);
    this.es = es;
    this.openedAt = Date.now();
    this.setStatus('connecting');
    es.addEventListener('heartbeat', () => this.heard());
    for (const type of TYPES) {
      es.addEventListener(type, (e) => {
        if (es !== this.es) return;
        this.heard();
        if (e.lastEventId) this.lastId = Number(e.lastEventId);
        let data = null;
        try { data = JSON.parse(e.data); } catch { data = null; }
        this.onEvent(type, data, Number(e.lastEventId));
      });
    }
    es.onerror = () => {
      if (es !== this.es) return;
      this.setStatus('broken');
      // The browser retries by itself unless the stream failed for good (401, wrong type): then we do, from our id,
      // after asking whether the login itself is gone (logged out in another tab, say).
      if (es.readyState === EventSource.CLOSED) {
        if (this.onRefused) this.onRefused();
        this.reopenSoon(3000);
      }
    };
  }

  heard() {
    this.lastHeard = Date.now();
    this.setStatus('live');
  }

  reopenSoon(delay) {
    clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => { if (!this.stopped) this.open(); }, delay);
  }

  check() {
    const silent = Date.now() - this.lastHeard;
    if (silent > this.heartbeatMillis * 1.5) {
      this.setStatus('stale');
      // A stream that stays silent is replaced by a new one that resumes from the last id we saw.
      if (silent > this.heartbeatMillis * 3 && Date.now() - this.openedAt > this.heartbeatMillis * 3) this.open();
    }
  }

  setStatus(status) {
    if (status === this.status && status !== 'stale') return;
    this.status = status;
    this.onStatus(status, Date.now() - this.lastHeard);
  }
}
