// Builds DOM nodes. Data (names, notes, messages) only ever becomes text: never innerHTML.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      // As the field's default too, so that replace() can tell a value someone typed from the one it was built with.
      else if (k === 'value') { if ('defaultValue' in el) el.defaultValue = v; el.value = v; }
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

/** Appends children as h() does: nested arrays flattened, null and false skipped (the DOM's own append writes "null"). */
export function appendChildren(el, ...children) {
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

const SVG = 'http://www.w3.org/2000/svg';
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'text') el.textContent = v; else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/**
 * Replaces a container's children, as live events do many times a minute. What someone is doing there survives: keyboard
 * focus (and the caret) stays on the element with the same data-key, and whatever was typed or chosen in a keyed field
 * (an acknowledgement note, a stop reason, a threshold being edited, an assessment half recorded) is put back into the
 * new one, with the error the server said about it. A child already in the container (a part kept by `keep()`) stays
 * where it is, with what is typed in it.
 */
export function replace(container, ...children) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.key : null;
  const caret = key && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
  const typed = typedValues(container);
  place(container, nodesOf(children, []));
  for (const [k, { value, checked, error, from }] of typed) {
    const field = container.querySelector(`[data-key="${CSS.escape(k)}"]`);
    if (!field || !('value' in field) || field === from) continue;
    if (checked !== undefined) {
      // a yes/no answer given before the redraw (the screening's questions) is put back as it was
      field.checked = checked;
      continue;
    }
    field.value = value;
    // what the form shows for a choice (the Aldrete items for the Aldrete scale) follows the choice put back
    field.dispatchEvent(new Event('change'));
    const slot = errorSlotOf(field);
    if (error && slot) {
      slot.textContent = error;
      field.setAttribute('aria-invalid', 'true');
    }
  }
  if (key) {
    const again = container.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again && again !== document.activeElement) {
      again.focus();
      if (caret && typeof again.setSelectionRange === 'function') {
        try { again.setSelectionRange(caret[0], caret[1]); } catch { /* a field type without a caret */ }
      }
    }
  }
}

function typedValues(container) {
  const out = new Map();
  container.querySelectorAll('input[data-key], textarea[data-key], select[data-key]').forEach((field) => {
    if (field.type === 'checkbox' || field.type === 'radio') {
      if (field.checked !== field.defaultChecked) out.set(field.dataset.key, { checked: field.checked, from: field });
      return;
    }
    if (edited(field)) {
      const slot = errorSlotOf(field);
      out.set(field.dataset.key, { value: field.value, error: slot ? slot.textContent : '', from: field });
    }
  });
  return out;
}

function nodesOf(children, out) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) nodesOf(c, out);
    else out.push(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return out;
}

/**
 * The container's children made the given nodes, in order. Those already there are not taken out and put back: the
 * browser would style and lay them out again as if new, and a session view's thousands of table cells and timeline
 * entries are most of what a live event would cost to draw.
 */
function place(container, nodes) {
  if (!nodes.some((n) => n.parentNode === container)) {
    container.replaceChildren(...nodes);
    return;
  }
  const wanted = new Set(nodes);
  for (const c of [...container.childNodes]) if (!wanted.has(c)) c.remove();
  let at = container.firstChild;
  for (const n of nodes) {
    if (n === at) at = at.nextSibling;
    else container.insertBefore(n, at);
  }
}

/** One node built from a key, as `keep()` builds many: the node built for the last key while the key stays the same. */
export function keepOne() {
  let heldKey = null;
  let held = null;
  return function node(key, build) {
    if (held === null || key !== heldKey) {
      held = build();
      heldKey = key;
    }
    return held;
  };
}

/**
 * Nodes built from keys: a key seen at the last call gives back the node built for it then, any other is built anew.
 * The key must name everything the node shows and does (a reading's id and whether it has been corrected, an alert's
 * whole state): a kept node keeps its listeners and whatever is typed in it.
 */
export function keep() {
  let held = new Map();
  return function nodes(items, keyOf, build) {
    const next = new Map();
    const out = items.map((item) => {
      const k = keyOf(item);
      const node = (!next.has(k) && held.get(k)) || build(item);
      next.set(k, node);
      return node;
    });
    held = next;
    return out;
  };
}

/** The error said about a field's value belongs to the value: it is put back with it. */
function errorSlotOf(field) {
  const id = field.getAttribute('aria-describedby');
  return id ? document.getElementById(id) : null;
}

function edited(field) {
  if (field.tagName === 'SELECT') {
    const initial = [...field.options].find((o) => o.defaultSelected) || field.options[0];
    return !!initial && field.value !== initial.value;
  }
  return field.value !== field.defaultValue;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** An element whose text is recomputed every second by the shell's ticker (ages, countdowns). */
export function ticking(tag, attrs, fn) {
  const el = h(tag, { ...attrs, dataset: { ...(attrs && attrs.dataset), tick: '1' } });
  el._tick = fn;
  el.textContent = fn();
  return el;
}
