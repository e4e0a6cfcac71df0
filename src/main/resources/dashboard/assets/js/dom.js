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
 * new one, with the error the server said about it.
 */
export function replace(container, ...children) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.key : null;
  const caret = key && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
  const typed = typedValues(container);
  container.replaceChildren();
  append(container, children);
  for (const [k, { value, checked, error }] of typed) {
    const field = container.querySelector(`[data-key="${CSS.escape(k)}"]`);
    if (!field || !('value' in field)) continue;
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
    if (again) {
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
      if (field.checked !== field.defaultChecked) out.set(field.dataset.key, { checked: field.checked });
      return;
    }
    if (edited(field)) {
      const slot = errorSlotOf(field);
      out.set(field.dataset.key, { value: field.value, error: slot ? slot.textContent : '' });
    }
  });
  return out;
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
