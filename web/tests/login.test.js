// Browser tests of the login page of `adempauze serve` on a demo database: accessibility,
// security headers, the Dutch error for a wrong password, the start page after login, and
// logout.
'use strict';

const assert = require('node:assert/strict');
const { after, afterEach, before, describe, test } = require('node:test');

const {
  DEMO_USERS, catalogText, checkAxe, closePages, displayName, httpGet, launchBrowser, login,
  newPage, screenshot, startServer,
} = require('./harness');

// The policy that every response of the server must carry, directive by directive.
const EXPECTED_CSP = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'frame-ancestors': "'none'",
  'form-action': "'self'",
  'base-uri': "'none'",
};

// Referrer policies that send no path (and so no dossier id) to another site.
const PRIVATE_REFERRER_POLICIES = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterEach(closePages);

after(async () => {
  await browser?.close();
  await server?.stop();
});

function parseCsp(header) {
  const directives = {};
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = values.join(' ');
  }
  return directives;
}

function assertSecurityHeaders(headers, request) {
  const csp = headers['content-security-policy'];
  assert.ok(csp, `${request}: no Content-Security-Policy header`);
  const directives = parseCsp(csp);
  for (const [name, value] of Object.entries(EXPECTED_CSP)) {
    assert.equal(directives[name], value, `${request}: CSP directive ${name} in "${csp}"`);
  }
  assert.equal(headers['x-content-type-options'], 'nosniff', `${request}: X-Content-Type-Options`);
  assert.ok(PRIVATE_REFERRER_POLICIES.includes(headers['referrer-policy']),
    `${request}: Referrer-Policy "${headers['referrer-policy']}"`);
}

async function submitLogin(page, username, password) {
  await page.goto(server.url('/login'));
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await Promise.all([
    page.waitForNavigation(),
    page.click('form:has(input[name="password"]) [type="submit"]'),
  ]);
}

describe('login page', () => {
  test('login page passes axe', async () => {
    const page = await newPage(browser);
    const response = await page.goto(server.url('/login'));

    assert.equal(response.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.textContent('h1'), catalogText('web.login.title'));
    await checkAxe(page, 'login page');
    assert.deepEqual(page.problems, [], 'console errors, CSP violations or failed requests');
    await screenshot(page, 'aanmelden');
    await page.context().close();
  });

  test('security headers on every response', async () => {
    const login = await httpGet(server.url('/login'));
    assert.equal(login.status, 200);
    assertSecurityHeaders(login.headers, 'GET /login');

    const stylesheet = await httpGet(server.url('/static/app.css'));
    assert.equal(stylesheet.status, 200);
    assertSecurityHeaders(stylesheet.headers, 'GET /static/app.css');

    const missing = await httpGet(server.url('/no-such-page'));
    assert.equal(missing.status, 404);
    assertSecurityHeaders(missing.headers, 'GET /no-such-page');
  });

  test('vendor assets are served', async () => {
    for (const asset of ['/static/vendor/htmx.min.js', '/static/vendor/pico.min.css', '/static/app.js', '/static/favicon.svg']) {
      const response = await httpGet(server.url(asset));
      assert.equal(response.status, 200, `GET ${asset}`);
      assert.ok(response.body.length > 0, `GET ${asset} is empty`);
    }
  });

  test('wrong password shows Dutch error', async () => {
    const page = await newPage(browser);
    const wrongPassword = 'fout-wachtwoord-9137';
    await submitLogin(page, 'debiteuren', wrongPassword);

    const alert = page.locator('[role="alert"]');
    assert.equal((await alert.textContent()).trim(), catalogText('web.login.failed'));
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.inputValue('input[name="password"]'), '', 'the password is shown again');
    assert.ok(!(await page.content()).includes(wrongPassword), 'the page contains the typed password');
    const cookies = await page.context().cookies();
    assert.equal(cookies.find((cookie) => cookie.name === 'adempauze_session'), undefined,
      'a failed login set a session cookie');
    await checkAxe(page, 'login page with error');
    await page.context().close();
  });

  test('login lands on start page', async () => {
    const page = await newPage(browser);
    await login(page, 'debiteuren');

    assert.notEqual(new URL(page.url()).pathname, '/login');
    const name = displayName(server, 'debiteuren');
    assert.ok(name.length > 0, 'the demo user has no display name');
    assert.match(await page.textContent('header'), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(await page.textContent('header'), new RegExp(catalogText('auth.role.debtor_team')));

    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'adempauze_session');
    assert.ok(session, 'no session cookie after login');
    assert.equal(session.httpOnly, true, 'the session cookie is readable by scripts');
    assert.ok(['Strict', 'Lax'].includes(session.sameSite), `session cookie SameSite=${session.sameSite}`);

    await checkAxe(page, 'start page');
    assert.deepEqual(page.problems, [], 'console errors, CSP violations or failed requests');
    await screenshot(page, 'startpagina-debiteurenteam');
    await page.context().close();
  });

  test('every demo account logs in', async () => {
    for (const user of DEMO_USERS) {
      const page = await newPage(browser);
      await login(page, user);

      assert.notEqual(new URL(page.url()).pathname, '/login', `${user} stayed on the login page`);
      assert.match(await page.textContent('header'), new RegExp(displayName(server, user)), `${user}: name not shown`);
      await page.context().close();
    }
  });

  test('logout ends the session', async () => {
    const page = await newPage(browser);
    await login(page, 'debiteuren');
    const [sessionBefore] = (await page.context().cookies()).filter((cookie) => cookie.name === 'adempauze_session');
    assert.ok(sessionBefore, 'no session cookie after login');

    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action="/logout"] [type="submit"]'),
    ]);
    assert.ok(await page.isVisible('input[name="password"]'), 'logout did not show the login form');

    // The start page redirects to the login page again.
    await page.goto(server.url('/'));
    assert.equal(new URL(page.url()).pathname, '/login');

    // The old session id is dead on the server, not only deleted in this browser.
    const replay = await newPage(browser);
    await replay.context().addCookies([{ ...sessionBefore }]);
    await replay.goto(server.url('/'));
    assert.equal(new URL(replay.url()).pathname, '/login', 'the session id still works after logout');
    await replay.context().close();
    await page.context().close();
  });

  test('logout needs the CSRF token', async () => {
    const page = await newPage(browser);
    await login(page, 'debiteuren');

    // A forged logout without the form's token must be rejected and leave the session alive.
    const response = await page.request.post(server.url('/logout'), { form: { _csrf: 'forged' } });
    assert.equal(response.status(), 403);
    await page.goto(server.url('/'));
    assert.notEqual(new URL(page.url()).pathname, '/login', 'a forged logout ended the session');
    await page.context().close();
  });
});

describe('server lifecycle', () => {
  test('SIGTERM stops the server cleanly', async () => {
    const exit = await server.stop();
    assert.equal(exit.timedOut, undefined, 'the server did not stop within the timeout');
    assert.equal(exit.signal, null, `the server was ended by ${exit.signal}`);
    assert.equal(exit.code, 0);
  });
});
