// Takes the screenshots of the Dutch user guide (docs/nl/gebruikersgids.md) and writes them
// to docs/nl/img/<name>.png. This is a tool run by hand, not a test: run it after a change
// to a screen that the guide shows, look at every PNG, and commit the ones that changed.
//
//   ADEMPAUZE_BINARY=build/debug/adempauze node web/tests/screenshots.js
//
// It needs the same things as the browser tests (an adempauze executable, the npm packages
// of web/, Debian's /usr/bin/chromium) and uses their harness: each server is a fresh
// demo database on a free loopback port, deleted afterwards. It starts three servers:
//   1. One on today's date shows every screen of every role, in the order of a working
//      day. It uploads a small debtor list with a few faulty rows, so the validation
//      report has something to show. The officer suspends the exchange to show a refusal.
//   2. One with --today two and a half months later fills the overdue list, because the
//      follow-up deadlines of the demo have passed by then.
//   3. One with max_upload_mib = 1 shows the page of an upload that is too large.
// Pages are 1280 px wide. A long page is cut at MAX_HEIGHT so that each PNG stays small,
// and the guide shows the top of such a page.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { SOURCE_DIR, launchBrowser, login, newPage, startServer } = require('./harness');

const IMAGE_DIR = path.join(SOURCE_DIR, 'docs', 'nl', 'img');
const WIDTH = 1280;
const MAX_HEIGHT = 1800;

// ---- Helpers ---------------------------------------------------------------------------

// Saves the page down to its footer as docs/nl/img/<name>.png, cut at `maxHeight` pixels,
// or at the top of element number `index` (from 0) of those that match `until`.
async function save(page, name, { maxHeight = MAX_HEIGHT, until = null, index = 0 } = {}) {
  const bottom = await page.evaluate(([selector, number]) => {
    const end = selector ? document.querySelectorAll(selector)[number] : document.querySelector('footer');
    const box = end.getBoundingClientRect();
    return Math.ceil(window.scrollY + (selector ? box.top - 8 : box.bottom + 16));
  }, [until, index]);
  const height = Math.min(bottom, maxHeight);
  const file = path.join(IMAGE_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: WIDTH, height } });
  const kib = Math.round(fs.statSync(file).size / 1024);
  console.log(`  ${name}.png: ${height} px high, ${kib} KiB`);
}

// Opens a page of its own (own cookies) signed in as `user`. Every confirmation dialog
// (data-confirm) is accepted.
async function pageOf(browser, user) {
  const page = await newPage(browser, { viewport: { width: WIDTH, height: 800 } });
  page.on('dialog', (dialog) => dialog.accept());
  if (user) await login(page, user);
  return page;
}

async function goto(page, server, pathname) {
  const response = await page.goto(server.url(pathname));
  return response.status();
}

// Uploads `file` through the upload form on the open page and waits for the report page,
// or for the form to come back with an error.
async function upload(page, file) {
  const response = page.waitForResponse((candidate) => candidate.request().method() === 'POST');
  await page.setInputFiles('form[data-upload] input[type="file"]', file);
  await page.click('form[data-upload] [type="submit"]');
  const status = (await response).status();
  // app.js navigates to the report after a redirect, or puts an error page in place.
  if (status < 400) {
    await page.waitForURL(/\/reports\/\d+$/);
  } else {
    await page.waitForSelector('main h1');
  }
  return status;
}

async function alertText(page) {
  const alert = page.locator('main [role="alert"]');
  return (await alert.count()) > 0 ? (await alert.first().innerText()).trim() : '';
}

// ---- The debtor list of the guide --------------------------------------------------------

// Splits a line of a ';'-separated file without quotes, as the demo writes them.
function cells(line) {
  return line.split(';');
}

function digitsOf(value) {
  return value.replace(/\D/g, '');
}

// Writes a small debtor list as a finance package would export it, and returns its path.
// It has 5 debtors who are OCMW clients, 10 who are not, and 4 rows with the faults of real
// exports: wrong check digits, scientific notation, a lost leading zero and no dossier
// number. The people come from the demo's own fictitious lists, with new dossier numbers.
function writeGuideDebtorList(server) {
  const input = path.join(server.dir, 'invoer');
  const debtorLines = fs.readFileSync(path.join(input, 'debiteuren.csv'), 'utf8')
    .replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.length > 0);
  const header = debtorLines[0];
  const number = cells(header).indexOf('Rijksregisternummer');
  const dossier = cells(header).indexOf('Dossiernummer');
  assert.ok(number >= 0, `no column Rijksregisternummer in the demo debtor list: ${header}`);
  assert.ok(dossier >= 0, `no column Dossiernummer in the demo debtor list: ${header}`);

  // The client list is Windows-1252 and starts with a title line. Its first column is INSZ.
  const clientNumbers = new Set(fs.readFileSync(path.join(input, 'clienten.csv'), 'latin1')
    .split(/\r?\n/).map((line) => digitsOf(cells(line)[0] || '')).filter((digits) => digits.length === 11));

  const rows = debtorLines.slice(1).map(cells).filter((row) => /^\d{11}$/.test(row[number]));
  const clients = rows.filter((row) => clientNumbers.has(row[number])).slice(0, 5);
  const others = rows.filter((row) => !clientNumbers.has(row[number]));
  assert.equal(clients.length, 5, 'the demo debtor list has fewer than 5 clients with a clean number');

  // The faulty rows, each from a debtor who is not a client and not among the first 10.
  const spare = others.slice(10);
  const take = (predicate, what) => {
    const index = spare.findIndex(predicate);
    assert.ok(index >= 0, `the demo debtor list has no spare row for ${what}`);
    return [...spare.splice(index, 1)[0]];
  };
  const wrongDigit = take(() => true, 'wrong check digits');
  wrongDigit[number] = wrongDigit[number].slice(0, 10) + String((Number(wrongDigit[number][10]) + 1) % 10);
  const scientific = take((row) => row[number][0] !== '0', 'scientific notation');
  scientific[number] = `${scientific[number][0]},${scientific[number].slice(1)}E+10`;
  const leadingZero = take((row) => /^0[1-9]/.test(row[number]), 'a lost leading zero');
  leadingZero[number] = leadingZero[number].slice(1);
  const noDossier = take(() => true, 'a missing dossier number');

  const all = [...clients, ...others.slice(0, 10), wrongDigit, scientific, leadingZero].map((row) => [...row]);
  all.forEach((row, index) => {
    row[dossier] = `2027/${String(101 + index).padStart(6, '0')}`;
  });
  noDossier[dossier] = '';
  all.push(noDossier);

  const file = path.join(server.dir, 'debiteuren-januari.csv');
  fs.writeFileSync(file, `\uFEFF${[header, ...all.map((row) => row.join(';'))].join('\r\n')}\r\n`);
  return file;
}

// ---- Server 1: every role ----------------------------------------------------------------

async function everyRole(browser) {
  console.log('server 1: every role, today');
  const server = await startServer();
  const debtorList = writeGuideDebtorList(server);

  // Signing in, the start page, the password form.
  const anonymous = await pageOf(browser, null);
  await goto(anonymous, server, '/login');
  await save(anonymous, 'aanmelden');
  await anonymous.context().close();

  const city = await pageOf(browser, 'debiteuren');
  await save(city, 'startpagina');
  await goto(city, server, '/account/password');
  await city.fill('#current_password', 'demo-wachtwoord-2026');
  await city.fill('#new_password', 'lente-in-adembeek-2027');
  await city.fill('#repeat_password', 'lente-in-adembeek-2072');
  await city.click('main form [type="submit"]');
  await city.waitForSelector('main [role="alert"]');
  await save(city, 'wachtwoord-wijzigen');

  // The reviewer, before the client list is uploaded again: proposal 1 side by side, then
  // a decision on another proposal so that the queue shows one decided entry.
  const reviewer = await pageOf(browser, 'controleur');
  await goto(reviewer, server, '/review/1');
  await save(reviewer, 'controleur-voorstel');
  await goto(reviewer, server, '/review/2');
  await reviewer.fill('textarea[name="reason"]', 'Zelfde naam, adres en geboortedatum; tikfout in het nummer.');
  await reviewer.click('form[action$="/confirm"] button:not([formaction])');
  await reviewer.waitForURL(/done=1/);
  await goto(reviewer, server, '/review');
  await save(reviewer, 'controleur-wachtrij');
  await reviewer.context().close();

  // The OCMW's client list comes first, so the debtor list is matched against it.
  const keeper = await pageOf(browser, 'clientenlijst');
  await goto(keeper, server, '/client-list/upload');
  await save(keeper, 'clientenlijst-opladen');
  await upload(keeper, path.join(server.dir, 'invoer', 'clienten.csv'));
  assert.match(keeper.url(), /\/client-list\/reports\/\d+$/, 'the client list was not imported');
  await save(keeper, 'clientenlijst-rapport', { maxHeight: 1500 });
  await keeper.context().close();

  // The debtor team: upload, report, batches, dossiers, downloads.
  await goto(city, server, '/debtors/upload');
  await save(city, 'debiteuren-opladen');
  await upload(city, debtorList);
  assert.match(city.url(), /\/debtors\/reports\/\d+$/, `the debtor list was not imported: ${await alertText(city)}`);
  await save(city, 'debiteuren-rapport', { maxHeight: 2400 });
  await goto(city, server, '/debtors/batches');
  await save(city, 'debiteuren-batches');
  await city.click('main table a >> nth=0');
  await city.waitForSelector('main table');
  await save(city, 'debiteuren-dossiers');
  await goto(city, server, '/debtors/exports');
  await save(city, 'debiteuren-lijsten');

  // The social worker: the list, a dossier of the new batch, two users on one dossier.
  const worker = await pageOf(browser, 'maatschappelijk');
  await goto(worker, server, '/ocmw/dossiers');
  await save(worker, 'ocmw-dossiers', { maxHeight: 1000 });
  await goto(worker, server, '/ocmw/dossiers?q=2027%2F000101');
  await worker.click('main table a >> nth=0');
  await worker.waitForSelector('#follow-up-title');
  const dossierUrl = worker.url();
  await save(worker, 'ocmw-dossier', { maxHeight: 2400 });

  const colleague = await pageOf(browser, 'maatschappelijk');
  await colleague.goto(dossierUrl);
  await worker.check('form input[name="to"][value="solution_in_progress"]');
  await worker.check('form input[name="consent"][value="given"]');
  await worker.fill('form textarea[name="reason"]', 'Gesprek op 3 december: afbetalingsplan wordt uitgewerkt.');
  await worker.click('section[aria-labelledby="follow-up-title"] form [type="submit"]');
  await worker.waitForURL(/saved=1/);
  await colleague.check('form input[name="to"][value="resume_collection"]');
  await colleague.fill('form textarea[name="reason"]', 'Cliënt wil geen begeleiding.');
  await colleague.click('section[aria-labelledby="follow-up-title"] form [type="submit"]');
  await colleague.waitForSelector('main [role="alert"]');
  console.log(`  stale form: ${await alertText(colleague)}`);
  await save(colleague, 'ocmw-dossier-verouderd', { until: 'fieldset' });
  await colleague.context().close();

  // The officer: log, verification with a new anchor, figures, protocol, retention.
  const officer = await pageOf(browser, 'fgb');
  await goto(officer, server, '/officer/log');
  await save(officer, 'fgb-toegangslog', { maxHeight: 1100 });
  await goto(officer, server, '/officer/verify');
  await officer.click('form[action="/officer/anchor"]:not(:has(input[name="download"])) [type="submit"]');
  await officer.waitForLoadState('load');
  await save(officer, 'fgb-controle');
  await goto(officer, server, '/officer/figures');
  await save(officer, 'fgb-evaluatiecijfers', { until: 'main h2', index: 2 });
  await goto(officer, server, '/officer/protocol');
  await save(officer, 'fgb-protocol', { maxHeight: 2000 });

  // A suspension, and what the debtor team and the social worker see meanwhile.
  await officer.fill('#suspend-reason', 'Vermoeden van een datalek, onderzoek loopt.');
  await officer.click('form[action="/officer/protocol/suspend"] [type="submit"]');
  await officer.waitForURL(/done=suspended/);
  await goto(city, server, '/debtors/upload');
  await upload(city, debtorList);
  console.log(`  upload while suspended: ${await alertText(city)}`);
  await save(city, 'debiteuren-geschorst');
  await worker.goto(dossierUrl);
  await worker.check('form input[name="to"][value="solution_reached"]');
  await worker.check('form input[name="consent"][value="given"]');
  await worker.selectOption('#solution', 'payment_plan');
  await worker.fill('form textarea[name="reason"]', 'Afbetalingsplan ondertekend.');
  await worker.click('section[aria-labelledby="follow-up-title"] form [type="submit"]');
  await worker.waitForSelector('main [role="alert"]');
  console.log(`  follow-up while suspended: ${await alertText(worker)}`);
  await goto(officer, server, '/officer/protocol');
  await officer.fill('#resume-reason', 'Onderzoek afgerond: geen datalek.');
  await officer.click('form[action="/officer/protocol/resume"] [type="submit"]');
  await officer.waitForURL(/done=resumed/);
  await goto(officer, server, '/officer/retention');
  await save(officer, 'fgb-bewaartermijn', { until: 'main h2', index: 2 });
  await officer.context().close();
  await worker.context().close();
  await city.context().close();

  // The administrator: users and API tokens, with a new token's secret shown once.
  const admin = await pageOf(browser, 'beheerder');
  await goto(admin, server, '/admin/users');
  await save(admin, 'beheerder-gebruikers');
  await goto(admin, server, '/admin/tokens');
  await admin.fill('#token-name', 'financien');
  await admin.selectOption('#token-role', 'debtor_team');
  await admin.click('form[action="/admin/tokens"] [type="submit"]');
  await admin.waitForLoadState('load');
  await save(admin, 'beheerder-tokens');
  await admin.context().close();

  await server.stop();
}

// ---- Server 2: overdue follow-ups ----------------------------------------------------------

async function overdue(browser) {
  console.log('server 2: follow-up deadlines passed');
  const later = new Date(Date.now() + 75 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const server = await startServer({ today: later });
  const worker = await pageOf(browser, 'maatschappelijk');
  await goto(worker, server, '/ocmw/overdue');
  await save(worker, 'ocmw-verstreken', { maxHeight: 900 });
  await worker.context().close();
  await server.stop();
}

// ---- Server 3: an upload over the limit ----------------------------------------------------

async function tooLarge(browser) {
  console.log('server 3: max_upload_mib = 1');
  process.env.ADEMPAUZE_MAX_UPLOAD_MIB = '1';
  const server = await startServer();
  delete process.env.ADEMPAUZE_MAX_UPLOAD_MIB;

  const file = path.join(server.dir, 'te-groot.csv');
  const row = 'Voornaam;Naam;Rijksregisternummer;Straat;Huisnummer;Dossiernummer\r\n';
  fs.writeFileSync(file, row.repeat(Math.ceil((2 << 20) / row.length)));
  const city = await pageOf(browser, 'debiteuren');
  await goto(city, server, '/debtors/upload');
  const status = await upload(city, file);
  console.log(`  upload of 2 MiB: HTTP ${status}, ${(await city.innerText('main')).split('\n').slice(0, 4).join(' | ')}`);
  await save(city, 'upload-te-groot');
  await city.context().close();
  await server.stop();
}

async function main() {
  fs.mkdirSync(IMAGE_DIR, { recursive: true });
  const browser = await launchBrowser();
  try {
    await everyRole(browser);
    await overdue(browser);
    await tooLarge(browser);
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
