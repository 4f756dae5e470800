// Every page in the menu of every demo account of `adempauze serve` loads without errors,
// keeps to the Content-Security-Policy, and passes axe-core (WCAG 2.1 AA). The menu comes
// from the server, so a new screen is checked as soon as it has a menu entry.
'use strict';

const assert = require('node:assert/strict');
const { after, afterEach, before, describe, test } = require('node:test');

const {
  DEMO_USERS, checkAxe, closePages, launchBrowser, login, newPage, screenshot, startServer,
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

// Turns a path into a file name part: "/debtors/batches" → "debtors-batches".
function slug(pathname) {
  return pathname.replace(/^\/+|\/+$/g, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase() || 'start';
}

// A phone-sized window: tables and text must reflow or scroll in a way keyboards can reach.
const NARROW_VIEWPORT = { width: 390, height: 844 };

describe('menu pages of every role', () => {
  for (const user of DEMO_USERS) {
    test(`${user}: menu pages pass axe`, async (t) => {
      const page = await newPage(browser);
      await login(page, user);
      const links = await page.$$eval('.main-nav a[href]', (anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
      assert.ok(links.length > 0, `${user} has no menu`);
      t.diagnostic(`${user}: ${links.join(' ')}`);

      for (const link of links) {
        page.problems.length = 0;
        const response = await page.goto(server.url(link));
        assert.equal(response.status(), 200, `${user}: GET ${link}`);
        assert.equal(await page.getAttribute('.main-nav a[aria-current="page"]', 'href'), link,
          `${user}: the menu does not mark ${link} as the current page`);
        assert.equal(await page.locator('h1').count(), 1, `${user}: ${link} has no single h1`);

        await checkAxe(page, `${user} ${link}`);
        assert.deepEqual(page.problems, [], `${user}: ${link} had console errors, CSP violations or failed requests`);
        await screenshot(page, `${user}-${slug(link)}`);
      }
      await page.context().close();
    });
  }
});

describe('menu pages on a narrow screen', () => {
  for (const user of DEMO_USERS) {
    test(`${user}: narrow pages pass axe`, async () => {
      const page = await newPage(browser, { viewport: NARROW_VIEWPORT });
      await login(page, user);
      const links = await page.$$eval('.main-nav a[href]', (anchors) => anchors.map((anchor) => anchor.getAttribute('href')));

      for (const link of links) {
        await page.goto(server.url(link));
        await checkAxe(page, `${user} ${link} at ${NARROW_VIEWPORT.width} px`);
      }
      await page.context().close();
    });
  }
});
