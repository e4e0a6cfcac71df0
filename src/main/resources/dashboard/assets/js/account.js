// The logged-in user's own password: asked for again (the current one), so an unlocked screen is not enough.
import { h } from './dom.js';
import { put } from './api.js';
import { field, formError, submitter } from './forms.js';

export function passwordButton() {
  return h('button', { id: 'change-password', type: 'button', onclick: openDialog, text: 'Password' });
}

function openDialog() {
  const current = field('currentPassword', 'Current password', { type: 'password', autocomplete: 'current-password' }, { prefix: 'me' });
  const next = field('newPassword', 'New password (10-72 characters)', { type: 'password', autocomplete: 'new-password' }, { prefix: 'me' });
  const dialog = h('dialog', { id: 'password-dialog', 'aria-labelledby': 'password-dialog-title' });
  const opener = document.getElementById('change-password');
  // Back to the button that opened it, as after any dialog; otherwise focus falls to the page's start.
  const close = () => { dialog.close(); dialog.remove(); if (opener) opener.focus(); };
  const form = h('form', {
    class: 'inline-form', novalidate: true,
    onsubmit: submitter(async (form) => {
      await put('/api/me/password', { currentPassword: current.input.value, newPassword: next.input.value });
      form.replaceChildren(h('p', { role: 'status', text: 'Your password is changed. Use the new one from your next login.' }),
        h('button', { type: 'button', class: 'primary', onclick: close, text: 'Done' }));
    }),
  }, current.wrap, next.wrap, formError(),
  h('div', { class: 'transition-buttons' },
    h('button', { type: 'submit', class: 'primary', text: 'Change password' }),
    h('button', { type: 'button', onclick: close, text: 'Cancel' })));
  dialog.append(h('h2', { id: 'password-dialog-title', text: 'Change your password' }), form);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
  document.body.append(dialog);
  dialog.showModal();
  current.input.focus();
}
