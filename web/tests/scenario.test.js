// The whole exchange in a real browser, as the people who do the job go through it: the
// debtor team uploads an XLSX list, reads the report and downloads the pause list; a social
// worker sees only clients and records "invordering voortzetten"; the debtor team then sees
// the resumed flag; and a social worker who guesses the address of a non-client's dossier
// gets the page for a dossier that does not exist.
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
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

// Returns the first value of `sql` on the server's database (ids and statuses are plain
// text in the schema; personal fields are sealed).
function queryDatabase(sql) {
  return execFileSync('sqlite3', [path.join(server.dir, 'adempauze.db'), sql], { encoding: 'utf8' }).trim();
}

describe('the exchange from upload to resumed collection', () => {
  let resumedNumber;

  test('debtor team uploads an XLSX list, reads the report and downloads the pause list', async () => {
    const page = await newPage(browser);
    await login(page, 'debiteuren');
    await page.goto(server.url('/debtors/upload'));
    await page.setInputFiles('form[data-upload] input[type="file"]', path.join(server.dir, 'invoer', 'debiteuren.xlsx'));
    await page.click('form[data-upload] [type="submit"]');
    await page.waitForURL(/\/debtors\/reports\/\d+$/, { timeout: 60_000 });
    await checkAxe(page, 'upload report');
    await screenshot(page, 'scenario-report');

    // The report names the file and its counts; the matching ran after the import.
    const report = await page.textContent('main');
    assert.match(report, /debiteuren\.xlsx/);
    const reportCsv = await page.request.get(`${page.url()}.csv`);
    assert.equal(reportCsv.status(), 200);

    await page.goto(server.url('/debtors/exports'));
    await checkAxe(page, 'exports');
    // The link the user clicks; the answer is an attachment with the pause list.
    const href = await page.getAttribute('main a[href$="/pause.csv"]', 'href');
    const download = await page.request.get(server.url(href));
    assert.equal(download.status(), 200);
    assert.match(download.headers()['content-disposition'], /^attachment/);
    const pauseList = await download.text();
    const rows = pauseList.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.length > 0);
    assert.ok(rows.length > 10, `pause list has ${rows.length} lines`);
    assert.ok(rows.slice(1).every((row) => row.includes(catalogText('web.debtor.flag.client_ocmw'))),
      'every row of the pause list carries the client flag');
  });

  test('social worker sees only clients and resumes collection for one', async () => {
    const page = await newPage(browser);
    await login(page, 'maatschappelijk');
    await page.goto(server.url('/ocmw/dossiers?status=client_paused'));
    await checkAxe(page, 'client dossiers');

    // Every listed dossier is a client's: none is received or not a client.
    const ids = await page.$$eval('main table a[href^="/ocmw/dossiers/"]',
      (links) => links.map((link) => link.getAttribute('href').split('/').pop()));
    assert.ok(ids.length > 0, 'the list shows client dossiers');
    const statuses = queryDatabase(`SELECT DISTINCT status FROM debtors WHERE id IN (${ids.join(',')})`).split('\n');
    assert.deepEqual(statuses, ['client_paused']);

    await page.goto(server.url(`/ocmw/dossiers/${ids[0]}`));
    resumedNumber = queryDatabase(`SELECT dossier_number FROM debtors WHERE id = ${ids[0]}`);
    await checkAxe(page, 'client dossier');
    await page.check('form input[name="to"][value="resume_collection"]');
    await page.fill('form textarea[name="reason"]', 'Afbetalingsplan niet nagekomen; overleg afgerond.');
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('section[aria-labelledby="follow-up-title"] form [type="submit"]'),
    ]);
    await page.waitForLoadState('load');
    assert.equal(queryDatabase(`SELECT status FROM debtors WHERE id = ${ids[0]}`), 'resume_collection');
    await screenshot(page, 'scenario-resumed');
  });

  test('debtor team sees the resumed flag, without the reason', async () => {
    assert.ok(resumedNumber, 'the previous step resumed a dossier');
    const batch = queryDatabase(`SELECT batch_id FROM debtors WHERE dossier_number = '${resumedNumber}' `
      + `AND status = 'resume_collection' LIMIT 1`);
    const page = await newPage(browser);
    await login(page, 'debiteuren');
    await page.goto(server.url(`/debtors/batches/${batch}?q=${encodeURIComponent(resumedNumber)}`));
    const row = await page.textContent(`main table tr:has(th:text-is("${resumedNumber}"))`);
    assert.match(row, new RegExp(catalogText('web.debtor.flag.resume_collection')));
    const text = await page.textContent('main');
    assert.ok(!text.includes('Afbetalingsplan'), 'the city never sees the social worker\'s reason');
    await checkAxe(page, 'dossiers after resume');
  });

  test('social worker cannot open a non-client dossier by its address', async () => {
    const nonClient = queryDatabase("SELECT id FROM debtors WHERE status = 'not_client' LIMIT 1");
    assert.ok(nonClient, 'the demo has debtors who are not clients');
    const page = await newPage(browser);
    await login(page, 'maatschappelijk');
    const guessed = await page.goto(server.url(`/ocmw/dossiers/${nonClient}`));
    assert.equal(guessed.status(), 404);
    const missing = await page.goto(server.url('/ocmw/dossiers/999999'));
    assert.equal(missing.status(), 404);
    assert.equal(await page.textContent('main'), await (async () => {
      await page.goto(server.url(`/ocmw/dossiers/${nonClient}`));
      return page.textContent('main');
    })(), 'a non-client dossier looks exactly like a missing one');
  });
});
