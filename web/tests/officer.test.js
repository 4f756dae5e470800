// Browser scenario across roles in `adempauze serve`: the data protection officer suspends
// the exchange after a confirmation, the debtor team's upload is then refused, and after
// the officer resumes the exchange the same upload is accepted.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { catalogText, checkAxe, launchBrowser, login, newPage, screenshot, startServer } = require('./harness');

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function exchangeState(page) {
  await page.goto(server.url('/officer/protocol'));
  return (await page.textContent('#protocol-state ~ p .badge')).trim();
}

async function countBatches(page) {
  await page.goto(server.url('/debtors/batches'));
  return page.locator('main table.data tbody tr').count();
}

// Uploads the demo's debtor list as the debtor team. Resolves with the server's response
// to the POST.
async function uploadDebtorList(page) {
  const buffer = fs.readFileSync(path.join(server.dir, 'invoer', 'debiteuren.csv'));
  await page.goto(server.url('/debtors/upload'));
  await page.setInputFiles('form[data-upload] input[type="file"]', { name: 'debiteuren.csv', mimeType: 'text/csv', buffer });
  const response = page.waitForResponse((candidate) => candidate.request().method() === 'POST' && candidate.url().endsWith('/debtors/upload'));
  await page.click('form[data-upload] [type="submit"]');
  return response;
}

async function submitWithConfirmation(page, form, reason, accept) {
  await page.fill(`${form} textarea[name="reason"]`, reason);
  let message = null;
  page.once('dialog', async (dialog) => {
    message = dialog.message();
    if (accept) await dialog.accept();
    else await dialog.dismiss();
  });
  if (accept) {
    await Promise.all([page.waitForURL(/\/officer\/protocol\?done=/), page.click(`${form} [type="submit"]`)]);
  } else {
    // Any POST in the moment after the click would mean the dismissal did not stop the form.
    const posts = [];
    const recordPost = (request) => { if (request.method() === 'POST') posts.push(request.url()); };
    page.on('request', recordPost);
    await page.click(`${form} [type="submit"]`);
    await page.waitForTimeout(500);
    page.off('request', recordPost);
    assert.deepEqual(posts, [], 'the form was posted after the confirmation was dismissed');
  }
  return message;
}

describe('officer suspends the exchange', () => {
  let officer;
  let debtorTeam;

  before(async () => {
    officer = await newPage(browser);
    await login(officer, 'fgb');
    debtorTeam = await newPage(browser);
    await login(debtorTeam, 'debiteuren');
  });

  after(async () => {
    await officer?.context().close();
    await debtorTeam?.context().close();
  });

  test('dismissed confirmation changes nothing', async () => {
    assert.equal(await exchangeState(officer), catalogText('web.officer.protocol.state.active'));
    await checkAxe(officer, 'protocol page, active');

    const message = await submitWithConfirmation(officer, 'form[action="/officer/protocol/suspend"]', 'Test: controle', false);
    assert.equal(message, catalogText('web.officer.protocol.suspend.confirm'));
    assert.equal(new URL(officer.url()).search, '');
    assert.equal(await exchangeState(officer), catalogText('web.officer.protocol.state.active'));
  });

  test('suspension refuses the upload', async () => {
    const batchesBefore = await countBatches(debtorTeam);

    await submitWithConfirmation(officer, 'form[action="/officer/protocol/suspend"]', 'Vermoeden van een datalek', true);
    assert.equal((await officer.textContent('main [role="status"]')).trim(), catalogText('web.officer.protocol.done.suspended'));
    assert.equal(await exchangeState(officer), catalogText('web.officer.protocol.state.suspended'));
    await checkAxe(officer, 'protocol page, suspended');
    await screenshot(officer, 'protocol-geschorst');

    const response = await uploadDebtorList(debtorTeam);
    assert.equal(response.status(), 409);
    await debtorTeam.waitForSelector('main [role="alert"]');
    assert.equal(new URL(debtorTeam.url()).pathname, '/debtors/upload');
    assert.equal(await countBatches(debtorTeam), batchesBefore, 'a batch was imported while suspended');
  });

  test('resumed exchange accepts upload', async () => {
    await exchangeState(officer);
    await submitWithConfirmation(officer, 'form[action="/officer/protocol/resume"]', 'Onderzoek afgerond', true);
    assert.equal((await officer.textContent('main [role="status"]')).trim(), catalogText('web.officer.protocol.done.resumed'));
    assert.equal(await exchangeState(officer), catalogText('web.officer.protocol.state.active'));

    const batchesBefore = await countBatches(debtorTeam);
    await uploadDebtorList(debtorTeam);
    await debtorTeam.waitForURL(/\/debtors\/reports\/\d+$/);
    assert.equal(await countBatches(debtorTeam), batchesBefore + 1);
  });
});
