// Admin: recliners, users and their roles, and the clinic's threshold defaults.
import { h, replace } from './dom.js';
import { get, post, put } from './api.js';
import { dateTime } from './format.js';
import { field, clearErrors, showProblem, formError } from './forms.js';
import { thresholdEditor } from './thresholds.js';
import * as store from './store.js';

export function mount(view, ctx) {
  document.title = 'Admin · Chairside';
  if (!ctx.hasRole('ADMIN')) {
    view.append(h('h1', { text: 'Admin' }), h('p', { class: 'error', text: 'Only an admin may manage recliners, users and clinic thresholds.' }));
    return null;
  }
  const recliners = h('section', { 'aria-labelledby': 'adm-rec' });
  const users = h('section', { 'aria-labelledby': 'adm-users' });
  const thresholds = h('section', { 'aria-labelledby': 'adm-thr' });
  view.append(h('h1', { text: 'Admin' }), h('div', { class: 'admin-grid' }, recliners, users), thresholds);
  loadRecliners(recliners);
  loadUsers(users);
  loadThresholds(thresholds);
  return null;
}

async function loadRecliners(section) {
  const list = await get('/api/recliners').catch((e) => { replace(section, h('p', { class: 'error', text: e.message })); return null; });
  if (!list) return;
  const name = field('name', 'New recliner name', {}, { prefix: 'rec' });
  const general = formError();
  const form = h('form', {
    class: 'inline-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      try {
        await post('/api/recliners', { name: name.input.value.trim() });
        await store.load();
        loadRecliners(section);
      } catch (err) { showProblem(form, err); }
    },
  }, name.wrap, h('button', { type: 'submit', class: 'primary', text: 'Add recliner' }), general);
  replace(section, h('h2', { id: 'adm-rec', text: 'Recliners' }),
    h('ul', { class: 'plain-list' }, list.map((r) => h('li', {}, h('strong', { text: r.name }),
      h('span', { class: 'muted', text: r.session ? ` · occupied (${r.session.state.toLowerCase()})` : ' · free' })))),
    form);
}

async function loadUsers(section) {
  const list = await get('/api/users').catch((e) => { replace(section, h('p', { class: 'error', text: e.message })); return null; });
  if (!list) return;
  const username = field('username', 'Username', {}, { prefix: 'usr' });
  const displayName = field('displayName', 'Display name', {}, { prefix: 'usr' });
  const password = field('password', 'Password (10+ characters)', { type: 'password', autocomplete: 'new-password' }, { prefix: 'usr' });
  const roles = ['NURSE', 'PROVIDER', 'ADMIN'].map((r) => ({ r, box: h('input', { type: 'checkbox', name: 'roles', value: r, id: `role-${r}` }) }));
  const rolesError = h('span', { class: 'field-error', role: 'alert', dataset: { errorFor: 'roles' } });
  const general = formError();
  const form = h('form', {
    class: 'inline-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      try {
        await post('/api/users', {
          username: username.input.value.trim(), displayName: displayName.input.value.trim() || null,
          password: password.input.value, roles: roles.filter((x) => x.box.checked).map((x) => x.r),
        });
        loadUsers(section);
      } catch (err) { showProblem(form, err, (f) => f.replace(/^roles\[\d+\]$/, 'roles')); }
    },
  }, username.wrap, displayName.wrap, password.wrap,
  h('fieldset', { class: 'roles' }, h('legend', { text: 'Roles' }), roles.map((x) => h('label', { for: x.box.id }, x.box, ` ${x.r.toLowerCase()}`)), rolesError),
  h('button', { type: 'submit', class: 'primary', text: 'Add user' }), general);
  replace(section, h('h2', { id: 'adm-users', text: 'Users and roles' }),
    h('table', { class: 'users' }, h('thead', {}, h('tr', {}, ['Username', 'Name', 'Roles', 'Created'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, list.map((u) => h('tr', {}, h('td', { text: u.username }), h('td', { text: u.displayName || '' }),
        h('td', { text: u.roles.map((r) => r.toLowerCase()).join(', ') }), h('td', { text: dateTime(u.createdAt) }))))),
    form);
}

async function loadThresholds(section) {
  const profile = await get('/api/thresholds').catch((e) => { replace(section, h('p', { class: 'error', text: e.message })); return null; });
  if (!profile) return;
  replace(section, h('h2', { id: 'adm-thr', text: 'Clinic threshold defaults' }),
    h('p', { class: 'muted', text: 'Every session uses these unless a provider sets the patient\'s own. The medical director signs them off; every change is audited.' }),
    thresholdEditor(profile, async (edited) => {
      await put('/api/thresholds', edited);
      loadThresholds(section);
    }));
}
