// Browser tests of web/static/ (app.js, app.css, the vendor files) on the fixture pages of
// web/tests/fixtures/, served by a small node server with the product's
// Content-Security-Policy. They need no adempauze executable.
'use strict';

const assert = require('node:assert/strict');
const { after, afterEach, before, describe, test } = require('node:test');

const {
  checkAxe, closePages, launchBrowser, newPage, removeTempDir, screenshot,
} = require('./harness');
const { startFixtureServer } = require('./fixture-server');

// A file large enough that the browser reports upload progress before the upload ends.
const UPLOAD = {
  name: 'debiteuren.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from('dossiernummer;voornaam;naam\n' + '2026-00001;An;Peeters\n'.repeat(50_000)),
};

let server;
let browser;

before(async () => {
  server = await startFixtureServer();
  browser = await launchBrowser();
});

afterEach(closePages);

after(async () => {
  await browser?.close();
  await server?.close();
  removeTempDir();
});

async function openUploadPage(action) {
  const page = await newPage(browser);
  await page.goto(server.url('/fixtures/upload.html'));
  await page.$eval('form[data-upload]', (form, value) => form.setAttribute('action', value), action);
  await page.setInputFiles('form[data-upload] input[type="file"]', UPLOAD);
  return page;
}

function lastRequest(pathname) {
  const matching = server.requests.filter((request) => request.path === pathname);
  assert.ok(matching.length > 0, `the server got no POST ${pathname}`);
  return matching[matching.length - 1];
}

describe('vendor files and CSP', () => {
  test('pages load without CSP violations', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/fixtures/upload.html'));
    await page.waitForFunction(() => window.htmx !== undefined);
    await page.waitForLoadState('load');

    assert.deepEqual(page.problems, []);
    assert.equal(await page.evaluate(() => document.querySelectorAll('style').length), 0,
      'htmx added a <style> element: includeIndicatorStyles must be off');
    const config = await page.evaluate(() => ({
      includeIndicatorStyles: window.htmx.config.includeIndicatorStyles,
      allowEval: window.htmx.config.allowEval,
      historyCacheSize: window.htmx.config.historyCacheSize,
      version: window.htmx.version,
    }));
    assert.equal(config.includeIndicatorStyles, false);
    assert.equal(config.allowEval, false);
    assert.equal(config.historyCacheSize, 0);
    assert.match(config.version, /^2\./, 'htmx must be major version 2');
    await page.context().close();
  });

  test('pico and app.css are applied', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/fixtures/styles.html'));

    const looks = await page.evaluate(() => ({
      // Pico sets box-sizing on every element, and app.css sets the monospace number font.
      boxSizing: getComputedStyle(document.body).boxSizing,
      numberFont: getComputedStyle(document.querySelector('.nn')).fontFamily,
      headerBackground: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
    }));
    assert.equal(looks.boxSizing, 'border-box');
    assert.match(looks.numberFont, /mono/i);
    assert.equal(looks.headerBackground, 'rgb(18, 50, 79)');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('focus ring is visible', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/fixtures/styles.html'));

    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      return { className: element.className, outline: style.outlineStyle, width: style.outlineWidth, top: element.getBoundingClientRect().top };
    });
    assert.equal(skip.className, 'skip-link');
    assert.equal(skip.outline, 'solid');
    assert.equal(skip.width, '3px');
    assert.ok(skip.top >= 0, 'the skip link must move into view on focus');

    await page.focus('.filters input[name="q"]');
    const input = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(input, 'solid');
    await page.context().close();
  });
});

describe('accessibility of app.css', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`style sample passes axe in ${colorScheme} mode`, async () => {
      const page = await newPage(browser, { colorScheme });
      await page.goto(server.url('/fixtures/styles.html'));

      const results = await checkAxe(page, `styles.html (${colorScheme})`);
      const contrast = results.violations.find((violation) => violation.id === 'color-contrast');
      assert.equal(contrast, undefined, 'colour contrast below WCAG 2.1 AA');
      assert.deepEqual(page.problems, []);
      await screenshot(page, `stijlstaal-${colorScheme}`);
      await page.context().close();
    });
  }
});

describe('upload with progress', () => {
  test('sends file and CSRF field', async () => {
    const page = await openUploadPage('/upload/html');
    await page.click('form[data-upload] button[type="submit"]');
    await page.waitForSelector('#replaced');

    const request = lastRequest('/upload/html');
    assert.match(request.headers['content-type'], /^multipart\/form-data; boundary=/);
    const body = request.body.toString('utf8');
    assert.match(body, /name="_csrf"\r\n\r\ntoken-of-the-form\r\n/);
    assert.match(body, /name="action"\r\n\r\nimport\r\n/, 'the submit button\'s value is missing');
    assert.match(body, /name="file"; filename="debiteuren.csv"/);
    assert.ok(request.body.length > UPLOAD.buffer.length, 'the file was not sent whole');
    await page.context().close();
  });

  test('HTML response replaces page', async () => {
    const page = await openUploadPage('/upload/html');
    await page.click('form[data-upload] button[type="submit"]');
    await page.waitForSelector('#replaced');

    assert.equal(await page.textContent('h1'), 'Validatierapport');
    assert.equal(await page.title(), 'Validatierapport - adempauze');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
    assert.equal(new URL(page.url()).pathname, '/fixtures/upload.html');

    // htmx works on the new content: its button posts and swaps the response in.
    await page.click('button[hx-post="/htmx-echo"]');
    await page.waitForSelector('#echo-result');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('error page replaces page', async () => {
    const page = await openUploadPage('/upload/html-error');
    await page.click('form[data-upload] button[type="submit"]');
    await page.waitForSelector('#replaced');

    assert.equal(await page.textContent('h1'), 'Bestand geweigerd');
    await page.context().close();
  });

  test('X-Redirect header navigates', async () => {
    const page = await openUploadPage('/upload/redirect-header');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/fixtures/done.html'),
      page.click('form[data-upload] button[type="submit"]'),
    ]);

    assert.equal(new URL(page.url()).search, '?via=header');
    assert.equal(await page.textContent('h1'), 'Verwerkt');
    await page.context().close();
  });

  test('foreign X-Redirect is ignored', async () => {
    const page = await openUploadPage('/upload/foreign-redirect-header');
    await page.click('form[data-upload] button[type="submit"]');
    await page.waitForSelector('#replaced');

    assert.equal(new URL(page.url()).origin, new URL(server.url('/')).origin);
    assert.equal(await page.textContent('h1'), 'Niet doorgestuurd');
    await page.context().close();
  });

  test('303 after upload navigates', async () => {
    const page = await openUploadPage('/upload/see-other');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/fixtures/done.html'),
      page.click('form[data-upload] button[type="submit"]'),
    ]);

    assert.equal(new URL(page.url()).search, '?via=303');
    await page.context().close();
  });

  test('non-HTML error keeps form', async () => {
    const page = await openUploadPage('/upload/plain-error');
    await page.click('form[data-upload] button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('.upload-status').textContent.includes('HTTP-status 500'));

    const state = await page.evaluate(() => {
      const progress = document.querySelector('form[data-upload] progress');
      return {
        hidden: progress.hidden,
        value: progress.value,
        max: progress.max,
        buttonDisabled: document.querySelector('form[data-upload] button').disabled,
      };
    });
    assert.equal(state.hidden, false);
    assert.ok(state.max >= UPLOAD.buffer.length, `progress max ${state.max} is not the upload size`);
    assert.equal(state.value, state.max, 'progress did not reach the end');
    assert.equal(state.buttonDisabled, false, 'the submit button stays disabled after an error');
    await page.context().close();
  });

  test('progress is shown during upload', async () => {
    const page = await openUploadPage('/upload/html');
    const cdp = await page.context().newCDPSession(page);
    // Slow the upload to 512 KiB/s, so the browser reports progress several times.
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 512 * 1024,
    });

    await page.click('form[data-upload] button[type="submit"]');
    await page.waitForFunction(() => {
      const progress = document.querySelector('form[data-upload] progress');
      return progress && !progress.hidden && progress.position > 0 && progress.position < 1;
    }, null, { polling: 20 });
    const status = await page.textContent('.upload-status');
    assert.equal(status, 'Bezig met opladen…');
    await page.waitForSelector('#replaced');
    await page.context().close();
  });
});

describe('confirmation and htmx', () => {
  test('dismissed confirmation stops submit', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/fixtures/upload.html'));
    const before = server.requests.filter((request) => request.path === '/confirmed').length;
    let message = null;
    page.once('dialog', async (dialog) => {
      message = dialog.message();
      await dialog.dismiss();
    });

    await page.click('button[data-confirm]');
    await page.waitForTimeout(300);

    assert.equal(message, 'Dit dossier afsluiten?');
    assert.equal(new URL(page.url()).pathname, '/fixtures/upload.html');
    assert.equal(server.requests.filter((request) => request.path === '/confirmed').length, before);
    await page.context().close();
  });

  test('accepted confirmation submits', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/fixtures/upload.html'));
    page.once('dialog', (dialog) => dialog.accept());

    await Promise.all([
      page.waitForURL((url) => url.search === '?via=confirm'),
      page.click('button[data-confirm]'),
    ]);
    assert.match(lastRequest('/confirmed').body.toString('utf8'), /_csrf=token-of-the-form/);
    await page.context().close();
  });

  test('htmx POST carries CSRF token', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/fixtures/upload.html'));
    await page.waitForFunction(() => window.htmx !== undefined);

    await page.click('button[hx-post="/htmx-echo"]');
    await page.waitForSelector('#echo-result');

    assert.equal(await page.textContent('#echo-result'), 'csrf=token-from-header');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
