// Browser scenario of the match reviewer in `adempauze serve`: a probable match that the
// reviewer confirms makes the dossier a client dossier that the social worker can open,
// and a rejected one stays out of the social worker's list.
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

// Returns the links of the open proposals in the reviewer's queue. The queue page also
// lists decided proposals in a second table, which is skipped.
async function pendingProposals(page) {
  await page.goto(server.url('/review'));
  const table = `main table.data:has(caption:text-is("${catalogText('web.review.queue.pending_caption')}"))`;
  return page.$$eval(`${table} a[href^="/review/"]`, (anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
}

// Returns the dossier number of the proposal open on `page`: the third fact, "2026/001234 (status)".
async function dossierNumber(page) {
  const text = await page.textContent('dl.facts dd:nth-of-type(3)');
  return text.trim().replace(/\s*\(.*$/, '');
}

// Decides the proposal open on `page` with the button `buttonText`. Returns the dossier number.
async function decide(page, buttonText, reason) {
  const number = await dossierNumber(page);
  await page.fill('section[aria-labelledby="decision-title"] textarea[name="reason"]', reason);
  await Promise.all([page.waitForNavigation(), page.click(`section[aria-labelledby="decision-title"] button:text-is("${buttonText}")`)]);
  return number;
}

// True when the social worker's list finds the dossier number.
async function socialWorkerFinds(number) {
  const page = await newPage(browser);
  await login(page, 'maatschappelijk');
  await page.goto(server.url(`/ocmw/dossiers?q=${encodeURIComponent(number)}`));
  const numbers = await page.$$eval('main table.data tbody th a', (anchors) => anchors.map((anchor) => anchor.textContent.trim()));
  await page.context().close();
  return numbers.includes(number);
}

describe('reviewer decides probable matches', () => {
  test('confirmed match reaches social worker', async () => {
    const page = await newPage(browser);
    await login(page, 'controleur');
    const proposals = await pendingProposals(page);
    assert.ok(proposals.length >= 2, `only ${proposals.length} proposals in the demo's review queue`);
    await checkAxe(page, 'review queue');

    await page.goto(server.url(proposals[0]));
    await checkAxe(page, 'review proposal');
    await screenshot(page, 'controleur-voorstel');
    assert.equal(await socialWorkerFinds(await dossierNumber(page)), false,
      'the social worker sees the dossier before the match is confirmed');

    const number = await decide(page, catalogText('web.review.item.confirm'), 'Zelfde persoon: naam en adres komen overeen');
    assert.equal((await page.textContent('main [role="status"]')).trim(), catalogText('web.review.done'));
    assert.ok(await socialWorkerFinds(number), `the social worker does not find confirmed dossier ${number}`);
    assert.ok(!(await pendingProposals(page)).includes(proposals[0]), 'the confirmed proposal is still open');
  });

  test('rejected match stays hidden', async () => {
    const page = await newPage(browser);
    await login(page, 'controleur');
    const proposals = await pendingProposals(page);
    await page.goto(server.url(proposals[0]));

    const number = await decide(page, catalogText('web.review.item.reject'), 'Andere persoon: geboortedatum verschilt');
    assert.equal((await page.textContent('main [role="status"]')).trim(), catalogText('web.review.done'));
    assert.equal(await socialWorkerFinds(number), false, `the social worker finds rejected dossier ${number}`);
  });
});
