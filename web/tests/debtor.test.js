// Browser scenario of the debtor team in `adempauze serve`: upload the demo's debtor list
// with upload progress, read the validation report, and open the new batch. The city must
// never see a full national number or a debtor's name on these pages.
'use strict';

const assert = require('node:assert/strict');
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

// The debtor list that `adempauze demo` wrote, with the national numbers and surnames in it.
function demoDebtorList() {
  const file = path.join(server.dir, 'invoer', 'debiteuren.csv');
  const text = fs.readFileSync(file, 'utf8');
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.length > 0);
  const header = rows[0].split(';');
  const numberColumn = header.indexOf('Rijksregisternummer');
  const nameColumn = header.indexOf('Naam');
  assert.ok(numberColumn >= 0, `no column Rijksregisternummer in ${file}: ${rows[0]}`);
  assert.ok(nameColumn >= 0, `no column Naam in ${file}: ${rows[0]}`);

  const cells = rows.slice(1).map((line) => line.split(';'));
  const numbers = cells.map((row) => row[numberColumn]).filter((value) => /^\d{11}$/.test(value));
  const surnames = cells.map((row) => row[nameColumn]).filter((value) => value && value.length >= 4);
  return { file, buffer: fs.readFileSync(file), numbers, surnames };
}

// Fails when the text shows any of the numbers, with or without the usual separators.
function assertNoNationalNumber(text, numbers, where) {
  const digitsOnly = text.replace(/[.\-\s]/g, '');
  const found = numbers.filter((number) => digitsOnly.includes(number));
  assert.deepEqual(found.slice(0, 5), [], `${where} shows ${found.length} full national numbers`);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('debtor team uploads a list', () => {
  let list;
  let reportUrl;

  before(() => {
    list = demoDebtorList();
    assert.ok(list.numbers.length > 100, 'the demo list has too few valid national numbers');
  });

  test('upload page passes axe', async () => {
    const page = await newPage(browser);
    await login(page, 'debiteuren');
    await page.goto(server.url('/debtors/upload'));

    assert.equal(await page.textContent('h1'), catalogText('web.debtor.upload.title'));
    assert.ok(await page.isVisible('form[data-upload] input[type="file"]'));
    await checkAxe(page, 'debtor upload page');
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'debiteurenlijst-opladen');
    await page.context().close();
  });

  test('upload shows progress, then report', async () => {
    const page = await newPage(browser);
    await login(page, 'debiteuren');
    await page.goto(server.url('/debtors/upload'));
    await page.setInputFiles('form[data-upload] input[type="file"]',
      { name: 'debiteuren.csv', mimeType: 'text/csv', buffer: list.buffer });

    // Slow the upload, so the progress bar is seen between start and end.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: Math.ceil(list.buffer.length / 3),
    });

    await page.click('form[data-upload] [type="submit"]');
    await page.waitForFunction(() => {
      const progress = document.querySelector('form[data-upload] progress');
      return progress && !progress.hidden && progress.position > 0 && progress.position < 1;
    }, null, { polling: 20 });
    await page.waitForURL(/\/debtors\/reports\/\d+$/, { timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
    });
    reportUrl = page.url();

    assert.equal(await page.textContent('h1'), catalogText('web.debtor.report.title'));
    const imported = catalogText('web.debtor.report.imported_batch').split('{0}').map(escapeRegExp).join('\\d+');
    assert.match((await page.textContent('main [role="status"]')).trim(), new RegExp(`^${imported}$`));
    // The demo list carries columns outside the protocol (amount, phone, e-mail, remark).
    assert.ok(await page.locator('.badge.badge-column_dropped').count() > 0, 'no dropped column reported');
    assertNoNationalNumber(await page.textContent('main'), list.numbers, 'the validation report');

    await checkAxe(page, 'validation report');
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'debiteurenlijst-rapport');
    await page.context().close();
  });

  test('batch shows flags, no persons', async () => {
    assert.ok(reportUrl, 'the upload test did not reach the report');
    const page = await newPage(browser);
    await login(page, 'debiteuren');
    await page.goto(reportUrl);

    await Promise.all([page.waitForNavigation(), page.click(`a:text("${catalogText('web.debtor.report.view_batch')}")`)]);
    assert.match(new URL(page.url()).pathname, /^\/debtors\/batches\/\d+$/);
    assert.ok(await page.locator('main table.data tbody tr').count() > 0, 'the batch lists no dossiers');

    const main = await page.textContent('main');
    assertNoNationalNumber(main, list.numbers, 'the batch page');
    const surnames = list.surnames.filter((surname) => new RegExp(`\\b${escapeRegExp(surname)}\\b`).test(main));
    assert.deepEqual(surnames.slice(0, 5), [], `the batch page shows ${surnames.length} debtor surnames`);

    await checkAxe(page, 'batch dossiers');
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'debiteurenlijst-dossiers');
    await page.context().close();
  });

  test('unreadable file imports nothing', async () => {
    const page = await newPage(browser);
    await login(page, 'debiteuren');
    await page.goto(server.url('/debtors/batches'));
    const batchesBefore = await page.locator('main table.data tbody tr').count();

    await page.goto(server.url('/debtors/upload'));
    await page.setInputFiles('form[data-upload] input[type="file"]',
      { name: 'lijst.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('geen spreadsheet') });
    await page.click('form[data-upload] [type="submit"]');
    await page.waitForSelector('main [role="alert"]');

    assert.equal(new URL(page.url()).pathname, '/debtors/upload');
    await checkAxe(page, 'upload page with error');

    await page.goto(server.url('/debtors/batches'));
    assert.equal(await page.locator('main table.data tbody tr').count(), batchesBefore, 'a batch was added');
    await page.context().close();
  });
});
