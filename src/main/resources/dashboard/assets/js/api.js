// JSON over fetch with the login cookie. Errors become ApiError carrying the server's problem+json.
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `Request failed (${status})`);
    this.status = status;
    this.problem = problem || {};
    this.violations = (problem && problem.violations) || [];
  }
}

export async function api(method, path, body) {
  return (await request(method, path, body)).data;
}

async function request(method, path, body) {
  // X-Requested-With: the server then answers a lapsed login with a plain 401, not a Basic challenge that
  // would make the browser pop up its own password dialog over the page.
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'chairside' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { title: 'No connection', detail: 'The server cannot be reached: check the network and try again' });
  }
  if (res.status === 401 && path !== '/api/me') {
    window.dispatchEvent(new CustomEvent('chairside:unauthorized'));
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text }; }
  }
  if (!res.ok) {
    if (res.status === 401) throw new ApiError(401, data || { title: 'Unauthorized', detail: 'Log in first' });
    if (res.status === 403) throw new ApiError(403, data || { title: 'Forbidden', detail: 'Your role does not allow this' });
    throw new ApiError(res.status, data);
  }
  return { data, res };
}

export const get = (p) => api('GET', p);
/** A list and the count the server gives beside it (X-Total-Count). */
export async function getCounted(p) {
  const { data, res } = await request('GET', p);
  return { data, total: Number(res.headers.get('X-Total-Count')) };
}
export const post = (p, b) => api('POST', p, b === undefined ? {} : b);
export const put = (p, b) => api('PUT', p, b);

export async function login(username, password) {
  const form = new URLSearchParams({ j_username: username, j_password: password });
  const res = await fetch('/j_security_check', {
    method: 'POST', credentials: 'same-origin', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form,
  });
  if (res.status === 200 || res.status === 204 || res.type === 'opaqueredirect') return { ok: true };
  // 429: too many wrong passwords; the server's detail says until when.
  if (res.status === 429) {
    let detail = null;
    try { detail = (await res.json()).detail; } catch { detail = null; }
    return { ok: false, message: `${detail || 'Too many failed logins: try again later'}.` };
  }
  return { ok: false, message: 'Wrong username or password.' };
}
