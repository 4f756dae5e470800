// Browser tests of the pages every user has in `adempauze serve`: the language switch, the
// password page, the error page and the skip link.
'use strict';

const assert = require('node:assert/strict');
const { after, afterEach, before, describe, test } = require('node:test');

const {
  DEMO_PASSWORD, catalogText, checkAxe, closePages, launchBrowser, login, newPage, screenshot,
  startServer,
} = require('./harness');

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

describe('language switch', () => {
  test('login page switches to English', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/login'));
    assert.equal(await page.textContent('h1'), catalogText('web.login.title', 'nl'));

    await Promise.all([page.waitForNavigation(), page.click('.lang-switch')]);
    assert.equal(new URL(page.url()).pathname, '/login', 'the switch left the page');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('h1'), catalogText('web.login.title', 'en'));
    await checkAxe(page, 'login page in English');

    await Promise.all([page.waitForNavigation(), page.click('.lang-switch')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('English error after switch', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/login'));
    await Promise.all([page.waitForNavigation(), page.click('.lang-switch')]);

    await page.fill('input[name="username"]', 'debiteuren');
    await page.fill('input[name="password"]', 'wrong-password-4471');
    await Promise.all([page.waitForNavigation(), page.click('form:has(input[name="password"]) [type="submit"]')]);
    assert.equal((await page.textContent('[role="alert"]')).trim(), catalogText('web.login.failed', 'en'));
    await page.context().close();
  });
});

describe('password page', () => {
  test('password page passes axe', async () => {
    const page = await newPage(browser);
    await login(page, 'maatschappelijk');
    await page.goto(server.url('/account/password'));

    assert.equal(await page.textContent('h1'), catalogText('web.password.title'));
    assert.equal(await page.getAttribute('.main-nav a[aria-current="page"]', 'href'), '/account/password');
    await checkAxe(page, 'password page');
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'wachtwoord-wijzigen');
    await page.context().close();
  });

  test('mismatched passwords show Dutch error', async () => {
    const page = await newPage(browser);
    await login(page, 'maatschappelijk');
    await page.goto(server.url('/account/password'));

    await page.fill('#current_password', DEMO_PASSWORD);
    await page.fill('#new_password', 'nieuw-wachtwoord-2026-a');
    await page.fill('#repeat_password', 'nieuw-wachtwoord-2026-b');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/account/password"] [type="submit"]')]);

    assert.equal((await page.textContent('[role="alert"]')).trim(), catalogText('web.password.mismatch'));
    await checkAxe(page, 'password page with error');
    await page.context().close();

    // The password did not change: the demo password still logs in.
    const again = await newPage(browser);
    await login(again, 'maatschappelijk');
    assert.notEqual(new URL(again.url()).pathname, '/login');
    await again.context().close();
  });
});

describe('error page and keyboard', () => {
  test('404 page passes axe', async () => {
    const page = await newPage(browser);
    await login(page, 'fgb');
    const response = await page.goto(server.url('/no-such-page'));

    assert.equal(response.status(), 404);
    assert.equal(await page.textContent('h1'), catalogText('web.error.title'));
    assert.equal((await page.textContent('main [role="alert"]')).trim(), catalogText('web.error.not_found'));
    await checkAxe(page, 'error page');
    await page.context().close();
  });

  test('skip link reaches main content', async () => {
    const page = await newPage(browser);
    await login(page, 'beheerder');

    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    const box = await page.locator('.skip-link').boundingBox();
    assert.ok(box.y >= 0, `the focused skip link is off screen (top ${box.y})`);
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).hash, '#main');
    await page.context().close();
  });
});
