// Admin: recliners, users and their roles, the clinic's threshold defaults, and the audit trail.
import { h, replace } from './dom.js';
import { get, post, put } from './api.js';
import { dateTime } from './format.js';
import { field, formError, submitter } from './forms.js';
import { thresholdEditor } from './thresholds.js';

export function mount(view, ctx) {
  document.title = 'Admin · Chairside';
  if (!ctx.hasRole('ADMIN')) {
    view.append(h('h1', { text: 'Admin' }), h('p', { class: 'error', text: 'Only an admin may manage recliners, users and clinic thresholds.' }));
    return null;
  }
  const recliners = h('section', { 'aria-labelledby': 'adm-rec' });
  const users = h('section', { 'aria-labelledby': 'adm-users' });
  const thresholds = h('section', { 'aria-labelledby': 'adm-thr' });
  const audit = h('section', { 'aria-labelledby': 'adm-audit' });
  view.append(h('h1', { text: 'Admin' }), h('div', { class: 'admin-grid' }, recliners, users), thresholds, audit);
  // A change made here shows in the trail at once, under whatever filter it has.
  const audited = () => loadAudit(audit, audit.dataset.entity || '', 0);
  loadRecliners(recliners, audited);
  loadUsers(users, ctx.me.username, audited);
  loadThresholds(thresholds, audited);
  loadAudit(audit, '', 0);
  return null;
}

async function loadRecliners(section, audited) {
  const list = await get('/api/recliners').catch((e) => { replace(section, h('p', { class: 'error', text: e.message })); return null; });
  if (!list) return;
  // Every board follows through the live stream; this list and the trail are read again.
  const changed = () => {
    loadRecliners(section, audited);
    audited();
  };
  const name = field('name', 'New recliner name', {}, { prefix: 'rec' });
  const form = h('form', {
    class: 'inline-form', novalidate: true,
    onsubmit: submitter(async () => {
      await post('/api/recliners', { name: name.input.value.trim() });
      changed();
    }),
  }, name.wrap, h('button', { type: 'submit', class: 'primary', text: 'Add recliner' }), formError());
  const listError = h('p', { class: 'form-error error', role: 'alert', id: 'recliner-error' });
  const act = (fn) => async () => {
    listError.textContent = '';
    try { if (await fn() !== false) changed(); } catch (err) { listError.textContent = err.message; }
  };
  replace(section, h('h2', { id: 'adm-rec', text: 'Recliners' }),
    h('ul', { class: 'plain-list recliners' }, list.map((r) => h('li', { dataset: { recliner: r.name } }, h('strong', { text: r.name }),
      h('span', { class: 'muted recliner-status', text: reclinerStatus(r) }), ' ',
      h('button', {
        type: 'button', class: 'link', 'aria-label': `Rename ${r.name}`,
        onclick: act(async () => {
          const to = window.prompt(`New name for ${r.name}`, r.name);
          if (to === null || to.trim() === r.name) return false;
          return put(`/api/recliners/${r.id}`, { name: to.trim() });
        }),
        text: 'Rename',
      }), ' ',
      r.inService
        ? h('button', {
          type: 'button', class: 'link', 'aria-label': `Take ${r.name} out of service`, disabled: !!r.session,
          title: r.session ? 'Discharge or stop its session first' : null,
          onclick: act(async () => {
            const reason = window.prompt(`Why is ${r.name} out of service? (optional)`, '');
            if (reason === null) return false;
            return post(`/api/recliners/${r.id}/out-of-service`, { reason: reason.trim() || null });
          }),
          text: 'Out of service',
        })
        : h('button', {
          type: 'button', class: 'link', 'aria-label': `Return ${r.name} to service`,
          onclick: act(() => post(`/api/recliners/${r.id}/in-service`)),
          text: 'Back in service',
        })))),
    listError, form);
}

function reclinerStatus(r) {
  if (r.session) return ` · occupied (${r.session.state.toLowerCase()})`;
  if (r.inService) return ' · free';
  return ` · out of service since ${dateTime(r.outOfServiceSince)}${r.outOfServiceReason ? ` (${r.outOfServiceReason})` : ''}`;
}

async function loadUsers(section, me, audited, managing = null) {
  const list = await get('/api/users').catch((e) => { replace(section, h('p', { class: 'error', text: e.message })); return null; });
  if (!list) return;
  const reload = (id, changed = true) => {
    loadUsers(section, me, audited, id);
    if (changed) audited();
  };
  const username = field('username', 'Username', {}, { prefix: 'usr' });
  const displayName = field('displayName', 'Display name', {}, { prefix: 'usr' });
  const password = field('password', 'Password (10-72 characters)', { type: 'password', autocomplete: 'new-password' }, { prefix: 'usr' });
  const roles = roleBoxes('role', []);
  const general = formError();
  const form = h('form', {
    class: 'inline-form', novalidate: true,
    onsubmit: submitter(async () => {
      await post('/api/users', {
        username: username.input.value.trim(), displayName: displayName.input.value.trim() || null,
        password: password.input.value, roles: roles.checked(),
      });
      reload(null);
    }, roleField),
  }, username.wrap, displayName.wrap, password.wrap, roles.fieldset,
  h('button', { type: 'submit', class: 'primary', text: 'Add user' }), general);
  const managed = list.find((u) => u.id === managing);
  replace(section, h('h2', { id: 'adm-users', text: 'Users and roles' }),
    h('table', { class: 'users' },
      h('thead', {}, h('tr', {}, ['Username', 'Name', 'Roles', 'Status', 'Created', ''].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, list.map((u) => h('tr', { class: u.active ? null : 'user-disabled', dataset: { user: u.username } },
        h('td', { text: u.username }), h('td', { text: u.displayName || '' }),
        h('td', { text: u.roles.map((r) => r.toLowerCase()).join(', ') }),
        h('td', { class: 'user-status', text: u.active ? 'active' : `disabled ${dateTime(u.disabledAt)} by ${u.disabledBy}` }),
        h('td', { text: dateTime(u.createdAt) }),
        h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': `Manage ${u.username}`, onclick: () => reload(u.id, false), text: 'Manage' })))))),
    managed ? userEditor(managed, me, reload, audited) : null,
    h('h3', { text: 'Add a user' }), form);
  if (managed) section.querySelector('.user-editor h3').focus();
}

const roleField = (f) => f.replace(/^roles\[\d+\]$/, 'roles');

function roleBoxes(prefix, current) {
  const boxes = ['NURSE', 'PROVIDER', 'ADMIN'].map((r) => ({
    r, box: h('input', { type: 'checkbox', name: 'roles', value: r, id: `${prefix}-${r}`, checked: current.includes(r) }),
  }));
  const error = h('span', { class: 'field-error', role: 'alert', dataset: { errorFor: 'roles' } });
  return {
    fieldset: h('fieldset', { class: 'roles' }, h('legend', { text: 'Roles' }),
      boxes.map((x) => h('label', { for: x.box.id }, x.box, ` ${x.r.toLowerCase()}`)), error),
    checked: () => boxes.filter((x) => x.box.checked).map((x) => x.r),
  };
}

// One user's roles, password and access. An admin cannot disable themselves or drop their own admin role (the
// server refuses it too), so the clinic always keeps an admin who can log in.
function userEditor(user, me, reload, audited) {
  const self = user.username === me;
  const roles = roleBoxes('edit-role', user.roles);
  const rolesForm = h('form', {
    class: 'inline-form', novalidate: true, 'aria-label': `Roles of ${user.username}`,
    onsubmit: submitter(async () => {
      await put(`/api/users/${user.id}/roles`, { roles: roles.checked() });
      reload(user.id);
    }, roleField),
  }, roles.fieldset, h('button', { type: 'submit', text: 'Save roles' }), formError());

  const password = field('password', 'New password (10-72 characters)', { type: 'password', autocomplete: 'new-password' }, { prefix: 'edit' });
  const passwordDone = h('p', { class: 'muted', role: 'status' });
  const passwordForm = h('form', {
    class: 'inline-form', novalidate: true, 'aria-label': `Password of ${user.username}`,
    onsubmit: submitter(async () => {
      passwordDone.textContent = '';
      await put(`/api/users/${user.id}/password`, { password: password.input.value });
      password.input.value = '';
      passwordDone.textContent = `Password set: ${user.username}'s old password no longer works.`;
      audited();
    }),
  }, password.wrap, h('button', { type: 'submit', text: 'Set password' }), formError(), passwordDone);

  const accessError = formError();
  const access = h('div', { class: 'inline-form' },
    user.active
      ? h('button', {
        type: 'button', class: 'danger', disabled: self,
        onclick: async () => {
          if (!window.confirm(`Disable ${user.username}? They are logged out everywhere and cannot log in until enabled again.`)) return;
          try { await post(`/api/users/${user.id}/disable`); reload(user.id); } catch (err) { accessError.textContent = err.message; }
        },
        text: 'Disable user',
      })
      : h('button', {
        type: 'button',
        onclick: async () => {
          try { await post(`/api/users/${user.id}/enable`); reload(user.id); } catch (err) { accessError.textContent = err.message; }
        },
        text: 'Enable user',
      }),
    self ? h('p', { class: 'muted', text: 'Another admin has to disable you or take away your admin role.' }) : null,
    accessError);

  return h('section', { class: 'user-editor', 'aria-label': `Manage ${user.username}` },
    h('h3', { tabindex: '-1', text: `Manage ${user.username}${user.active ? '' : ' (disabled)'}` }),
    rolesForm, passwordForm, access,
    h('button', { type: 'button', class: 'link', onclick: () => reload(null, false), text: 'Close' }));
}

async function loadThresholds(section, audited) {
  const profile = await get('/api/thresholds').catch((e) => { replace(section, h('p', { class: 'error', text: e.message })); return null; });
  if (!profile) return;
  replace(section, h('h2', { id: 'adm-thr', text: 'Clinic threshold defaults' }),
    h('p', { class: 'muted', text: 'Every session uses these unless a provider sets the patient\'s own. The medical director signs them off; every change is audited.' }),
    thresholdEditor(profile, async (edited) => {
      await put('/api/thresholds', edited);
      loadThresholds(section, audited);
      audited();
    }));
}

const AUDITED = [['', 'everything'], ['user', 'users'], ['recliner', 'recliners'], ['thresholds', 'thresholds'], ['session', 'sessions (start clearances, thresholds)'], ['patient', 'patient corrections']];

// The newest changes first, a page at a time; who made each and what it was.
async function loadAudit(section, entity, page) {
  const query = new URLSearchParams({ page: String(page), size: '25' });
  if (entity) query.set('entity', entity);
  const result = await get(`/api/audit?${query}`).catch((e) => { replace(section, h('p', { class: 'error', text: e.message })); return null; });
  if (!result) return;
  section.dataset.entity = entity;
  const filter = h('select', { id: 'audit-entity', onchange: () => loadAudit(section, filter.value, 0) },
    AUDITED.map(([value, label]) => h('option', { value, text: label })));
  filter.value = entity;
  const rows = result.items.map((e) => h('tr', {},
    h('td', { text: dateTime(e.at) }), h('td', { text: e.actor }), h('td', { text: e.action.toLowerCase().replaceAll('_', ' ') }),
    h('td', { text: e.subject ? `${e.entity} ${e.subject}` : `${e.entity} ${e.entityId || ''}`.trim() }),
    h('td', { class: 'audit-detail', text: e.detail || '' })));
  replace(section, h('h2', { id: 'adm-audit', text: 'Audit trail' }),
    h('p', {}, h('label', { for: 'audit-entity', text: 'Show ' }), filter,
      h('span', { id: 'audit-count', class: 'muted', text: ` ${result.total} change${result.total === 1 ? '' : 's'}, newest first` })),
    h('div', { class: 'table-wrap' }, h('table', { class: 'audit' },
      h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'What', 'Detail'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows))),
    result.totalPages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Audit pages' },
      h('button', { type: 'button', disabled: page === 0, onclick: () => loadAudit(section, entity, page - 1), text: '← Newer' }),
      h('span', { text: ` Page ${page + 1} of ${result.totalPages} ` }),
      h('button', { type: 'button', disabled: page + 1 >= result.totalPages, onclick: () => loadAudit(section, entity, page + 1), text: 'Older →' })) : null);
}
