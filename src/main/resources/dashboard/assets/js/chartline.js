// The points of a trend line as the screen can show them. A device-fed session has a reading a second: ten thousand
// points on a line 700 units wide, most of them drawn over one another. Per column of one unit the line keeps the
// first, the lowest, the highest and the last point, in time order: what it looks like is unchanged, a single reading
// beyond the others (the one that raised an alert) still shows, and a redraw on every event stays cheap.

/** [[x, y], …] in time order → the same line with at most four points per unit of x. */
export function linePoints(points) {
  if (points.length <= 4) return points;
  const kept = [];
  let column = [];
  const flush = () => {
    if (!column.length) return;
    const first = column[0];
    const last = column[column.length - 1];
    let low = first;
    let high = first;
    for (const p of column) {
      if (p[1] < low[1]) low = p;
      if (p[1] > high[1]) high = p;
    }
    // each point once, in the order they were taken
    const order = [first, low, high, last].filter((p, i, all) => all.indexOf(p) === i);
    order.sort((a, b) => column.indexOf(a) - column.indexOf(b));
    kept.push(...order);
    column = [];
  };
  let at = null;
  for (const p of points) {
    const c = Math.round(p[0]);
    if (c !== at) {
      flush();
      at = c;
    }
    column.push(p);
  }
  flush();
  return kept;
}
