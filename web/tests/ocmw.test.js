// Browser scenario of the social worker in `adempauze serve`: the client list, a dossier
// with the full national number, a follow-up that lands in the history, a second user's
// stale form that is refused, and the city's account that cannot open the dossier.
'use strict';

const assert = require('node:assert/strict');
const { after, afterEach, before, describe, test } = require('node:test');

const {
  catalogText, checkAxe, closePages, launchBrowser, login, newPage, screenshot, startServer,
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

// Statuses of debtors who are not (or not yet) OCMW clients, which the social worker's list
// must not show.
const HIDDEN_STATUS_CLASSES = ['status-received', 'status-not_client'];

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Turns a catalog text with {0}, {1}… into a pattern that accepts any value in their place.
function catalogPattern(key) {
  return new RegExp(`^${catalogText(key).split(/\{\d\}/).map(escapeRegExp).join('.+?')}$`);
}

// Records a follow-up on the open dossier page: the first offered status, consent given.
async function submitFollowUp(page, reason) {
  await page.check('form input[name="to"] >> nth=0');
  await page.check('form input[name="consent"][value="given"]');
  await page.fill('form textarea[name="reason"]', reason);
  const response = page.waitForResponse((candidate) => candidate.request().method() === 'POST');
  await page.click('section[aria-labelledby="follow-up-title"] form [type="submit"]');
  const posted = await response;
  await page.waitForLoadState('load');
  return posted;
}

describe('social worker follows up a client', () => {
  // Two paused dossiers: one for the follow-up, one for the two users' race, so each test
  // starts from the status the list showed.
  let dossierUrl;
  let raceDossierUrl;

  test('list shows only clients', async () => {
    const page = await newPage(browser);
    await login(page, 'maatschappelijk');
    await page.goto(server.url('/ocmw/dossiers'));

    const classes = await page.$$eval('main table.data tbody .badge', (badges) => badges.map((badge) => badge.className));
    assert.ok(classes.length > 0, 'the social worker sees no dossiers');
    const hidden = classes.filter((name) => HIDDEN_STATUS_CLASSES.some((status) => name.includes(status)));
    assert.deepEqual(hidden, [], 'the list shows debtors who are not clients');
    await checkAxe(page, 'OCMW dossier list');
    await screenshot(page, 'ocmw-dossiers');

    await page.goto(server.url('/ocmw/dossiers?status=client_paused'));
    const links = await page.$$eval('main table.data tbody a[href^="/ocmw/dossiers/"]',
      (anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    assert.ok(links.length >= 2, `only ${links.length} paused dossiers in the demo`);
    dossierUrl = server.url(links[0]);
    raceDossierUrl = server.url(links[1]);
    await page.context().close();
  });

  test('dossier shows full national number', async () => {
    assert.ok(dossierUrl, 'no paused dossier was found in the list');
    const page = await newPage(browser);
    await login(page, 'maatschappelijk');
    await page.goto(dossierUrl);

    const number = (await page.textContent('dl.facts .nn')).trim();
    assert.match(number, /^\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}$|^$/, `national number shown as "${number}"`);
    await checkAxe(page, 'OCMW dossier');
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'ocmw-dossier');
    await page.context().close();
  });

  test('follow-up lands in history', async () => {
    const page = await newPage(browser);
    await login(page, 'maatschappelijk');
    await page.goto(dossierUrl);
    const reason = 'Eerste gesprek gehad, budgetbegeleiding besproken (test 5521)';

    const saved = await submitFollowUp(page, reason);
    assert.equal(saved.status(), 303);
    assert.equal((await page.textContent('main [role="status"]')).trim(), catalogText('web.ocmw.follow_up.saved'));
    assert.match(await page.textContent('main table.data tbody'), new RegExp(escapeRegExp(reason)));
    await checkAxe(page, 'OCMW dossier after follow-up');
    await page.context().close();
  });

  test('stale form is refused', async () => {
    const first = await newPage(browser);
    await login(first, 'maatschappelijk');
    await first.goto(raceDossierUrl);
    const second = await newPage(browser);
    await login(second, 'maatschappelijk');
    await second.goto(raceDossierUrl);

    const firstReason = 'Cliënt wil een afbetalingsplan (test 5522)';
    const secondReason = 'Dubbele registratie die niet mag doorgaan (test 5523)';
    const saved = await submitFollowUp(first, firstReason);
    const rejected = await submitFollowUp(second, secondReason);

    assert.equal(saved.status(), 303);

    assert.equal(rejected.status(), 409);
    assert.match((await second.textContent('main [role="alert"]')).trim(), catalogPattern('web.ocmw.follow_up.stale'));
    const history = await second.textContent('main table.data tbody');
    assert.match(history, new RegExp(escapeRegExp(firstReason)));
    assert.doesNotMatch(history, new RegExp(escapeRegExp(secondReason)));
    await first.context().close();
    await second.context().close();
  });

  test('city cannot open the dossier', async () => {
    const page = await newPage(browser);
    await login(page, 'debiteuren');
    const response = await page.goto(dossierUrl);

    assert.equal(response.status(), 403);
    assert.doesNotMatch(await page.content(), /test 552\d/, 'the city sees the social worker\'s reasons');
    await page.context().close();
  });
});
