// Shared helpers of the browser tests: a demo database and `adempauze serve` on a free
// loopback port, headless Chromium through playwright-core, login, axe-core checks and
// screenshots. Each test file runs in its own node process and starts its own server.
//
// Environment:
//   ADEMPAUZE_BINARY       the adempauze executable (default: build/debug/adempauze)
//   ADEMPAUZE_SCREENSHOTS  1: screenshot() writes docs/nl/img/<name>.png for the user guide
//   ADEMPAUZE_KEEP_TMP     1: keep the temporary folder (database, logs, screenshots)
'use strict';

const assert = require('node:assert/strict');
const { execFile, execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const SOURCE_DIR = path.resolve(__dirname, '..', '..');
const BINARY = process.env.ADEMPAUZE_BINARY || path.join(SOURCE_DIR, 'build', 'debug', 'adempauze');
const SCREENSHOT_DIR = path.join(SOURCE_DIR, 'docs', 'nl', 'img');

// The password of every demo account that `adempauze demo` creates.
const DEMO_PASSWORD = 'demo-wachtwoord-2026';
// The demo accounts, one per role.
const DEMO_USERS = ['debiteuren', 'maatschappelijk', 'controleur', 'clientenlijst', 'fgb', 'beheerder'];

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Upper bounds, so a hanging server or browser fails the test instead of blocking CI.
const DEMO_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const PAGE_TIMEOUT_MS = 15_000;

// Launch options for Debian's chromium, run as root without a display.
const CHROMIUM_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  timeout: 30_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
};

// The temporary folder of this test process, made on first use.
let tmpDir = null;

function tempDir() {
  if (!tmpDir) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adempauze-browser-'));
  }
  return tmpDir;
}

function removeTempDir() {
  if (!tmpDir || process.env.ADEMPAUZE_KEEP_TMP === '1') return;
  fs.rmSync(tmpDir, { recursive: true, force: true });
  tmpDir = null;
}

function requirePackage(name) {
  try {
    return require(name);
  } catch (error) {
    throw new Error(`npm package ${name} is missing: run scripts/web-assets.sh (${error.message})`);
  }
}

// Returns a loopback port that was free a moment ago. Another process may take it before
// the server binds it. The server then fails with its bind error, which startServer() reports.
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Sends a GET to `url` and resolves with { status, headers, body }.
function httpGet(url, timeoutMs = 5_000) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({
        status: response.statusCode,
        headers: response.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', reject);
  });
}

function runDemo(dir) {
  return new Promise((resolve, reject) => {
    execFile(BINARY, ['demo', '--dir', dir], { timeout: DEMO_TIMEOUT_MS, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${BINARY} demo --dir ${dir} failed: ${error.message}\n${stderr}`));
        } else {
          resolve();
        }
      });
  });
}

// Keeps the last `limit` characters of a stream, for error messages.
function tailOf(stream, limit = 16_384) {
  const tail = { text: '' };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    tail.text = (tail.text + chunk).slice(-limit);
  });
  return tail;
}

// A running `adempauze serve` on a demo database.
class Server {
  constructor(child, baseUrl, dir, database, stderr) {
    this.child = child;
    this.baseUrl = baseUrl;
    this.dir = dir;
    this.database = database;
    this.stderr = stderr;
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  url(pathname) {
    return new URL(pathname, this.baseUrl).href;
  }

  // Sends SIGTERM and waits for the exit, with SIGKILL after STOP_TIMEOUT_MS. Resolves with
  // { code, signal } of the exit, so a test can check the server stopped cleanly.
  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
    }
    let timer;
    const killed = new Promise((resolve) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve({ code: null, signal: 'SIGKILL', timedOut: true });
      }, STOP_TIMEOUT_MS);
    });
    const result = await Promise.race([this.exit, killed]);
    clearTimeout(timer);
    servers.delete(this);
    return result;
  }
}

// Servers still running, killed when the test process exits however it ends.
const servers = new Set();
let serversStarted = 0;
// The server that login() uses: the one started last.
let activeServer = null;
process.on('exit', () => {
  for (const server of servers) server.child.kill('SIGKILL');
  removeTempDir();
});

// Waits until the server prints its address and GET /health returns 200.
async function waitUntilReady(child, port, stdout, stderr) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`adempauze serve exited (code ${child.exitCode}, signal ${child.signalCode}) ` +
        `before it was ready.\nstdout:\n${stdout.text}\nstderr:\n${stderr.text}`);
    }
    // The first line names the address ("adempauze: luistert op http://127.0.0.1:N" in
    // Dutch), so only the URL is matched.
    if (stdout.text.includes(`http://127.0.0.1:${port}`)) {
      try {
        const health = await httpGet(`http://127.0.0.1:${port}/health`);
        if (health.status === 200) return;
        lastProblem = `GET /health returned ${health.status}`;
      } catch (error) {
        lastProblem = error.message;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`adempauze serve was not ready after ${START_TIMEOUT_MS} ms (${lastProblem}).\n` +
    `stdout:\n${stdout.text}\nstderr:\n${stderr.text}`);
}

// Creates a demo database with the demo accounts in a temporary folder and starts
// `adempauze serve` on it. `today` (YYYY-MM-DD) fixes the server's date.
async function startServer({ today } = {}) {
  assert.ok(fs.existsSync(BINARY), `adempauze executable not found at ${BINARY}: build it or set ADEMPAUZE_BINARY`);

  serversStarted += 1;
  const dir = path.join(tempDir(), `server-${serversStarted}`);
  await runDemo(dir);
  const database = path.join(dir, 'adempauze.db');

  const port = await freePort();
  // --db and --today are options of the whole program, so they come before `serve`.
  const args = ['--db', database];
  if (today) args.push('--today', today);
  args.push('serve', '--host', '127.0.0.1', '--port', String(port));
  const child = spawn(BINARY, args, { cwd: SOURCE_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = tailOf(child.stdout);
  const stderr = tailOf(child.stderr);
  const server = new Server(child, `http://127.0.0.1:${port}/`, dir, database, stderr);
  servers.add(server);

  try {
    await waitUntilReady(child, port, stdout, stderr);
  } catch (error) {
    await server.stop();
    throw error;
  }
  activeServer = server;
  return server;
}

// Returns the display name of a user, read from the database with the sqlite3 shell.
function displayName(server, username) {
  const sql = `SELECT display_name FROM users WHERE username = '${username.replace(/'/g, "''")}';`;
  return execFileSync('sqlite3', ['-readonly', server.database, sql], { encoding: 'utf8', timeout: 10_000 }).trim();
}

// Returns the text of a message catalog entry (src/common/messages/*.inc), so a test checks
// the text the user must see without copying it. `language` is 'nl' or 'en'.
function catalogText(key, language = 'nl') {
  const dir = path.join(SOURCE_DIR, 'src', 'common', 'messages');
  // An entry is {"key", "Dutch", "English"}, and each text may be split into adjacent
  // C++ string literals over several lines.
  const literals = '((?:"(?:[^"\\\\]|\\\\.)*"\\s*)+)';
  const entry = new RegExp(`\\{\\s*"${key.replace(/\./g, '\\.')}"\\s*,\\s*${literals},\\s*${literals}\\}`);
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.inc'))) {
    const match = entry.exec(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (!match) continue;
    const text = language === 'en' ? match[2] : match[1];
    return text.match(/"(?:[^"\\]|\\.)*"/g).map((literal) => JSON.parse(literal)).join('');
  }
  throw new Error(`message catalog has no entry ${key} in ${dir}`);
}

async function launchBrowser() {
  const { chromium } = requirePackage('playwright-core');
  return chromium.launch(CHROMIUM_OPTIONS);
}

// Browser contexts opened by newPage() and not closed yet.
const openContexts = new Set();

// Closes every context that newPage() opened, for an afterEach hook: a test that fails
// before it closes its pages would otherwise keep their connections to the server open.
// adempauze serve handles one connection per thread, so a few leaked pages can stall the
// next test's page loads until their keep-alive timeout.
async function closePages() {
  await Promise.all([...openContexts].map((context) => context.close().catch(() => {})));
  openContexts.clear();
}

// Opens a page in a fresh browser context (its own cookies) with bounded timeouts. The
// returned page has `problems`: console errors, uncaught exceptions, Content-Security-Policy
// violations and failed or 4xx/5xx requests, so a test can assert that there were none.
async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'nl-BE', ...options });
  openContexts.add(context);
  context.on('close', () => openContexts.delete(context));
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);

  page.problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A request that the browser itself cancels because the page moved on (the favicon of
    // a page left by a redirect) is not a fault of the server.
    const reason = request.failure()?.errorText;
    if (reason === 'net::ERR_ABORTED') return;
    page.problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) page.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return page;
}

// Logs in as `user` on the server started last, through the login form, and waits for the
// page after it.
async function login(page, user, password = DEMO_PASSWORD) {
  assert.ok(activeServer, 'login() needs a server: call startServer() first');
  await page.goto(activeServer.url('/login'));
  await page.fill('input[name="username"]', user);
  await page.fill('input[name="password"]', password);
  await Promise.all([
    page.waitForNavigation(),
    page.click('form:has(input[name="password"]) [type="submit"]'),
  ]);
}

function formatViolations(violations) {
  return violations.map((violation) => {
    const nodes = violation.nodes.slice(0, 5).map((node) => {
      const summary = (node.failureSummary || '').replace(/\s+/g, ' ').trim();
      return `      at ${node.target.join(' ')}: ${summary}`;
    });
    if (violation.nodes.length > 5) nodes.push(`      … and ${violation.nodes.length - 5} more`);
    return `  - [${violation.impact}] ${violation.id}: ${violation.help}\n${nodes.join('\n')}`;
  }).join('\n');
}

// Runs axe-core with the WCAG 2.1 A and AA rules on the page and fails on any serious or
// critical violation, listing each with the elements it found. Returns axe's results.
// axe is evaluated through the DevTools protocol: page.addScriptTag would insert an inline
// <script>, which the product's Content-Security-Policy blocks.
async function checkAxe(page, name) {
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  const severe = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical');
  assert.equal(severe.length, 0,
    `axe-core found ${severe.length} serious or critical WCAG 2.1 AA violations on ${name} ` +
    `(${page.url()}):\n${formatViolations(severe)}`);
  return results;
}

// Saves a full-page PNG: to docs/nl/img/<name>.png for the user guide when
// ADEMPAUZE_SCREENSHOTS=1, else into the temporary folder. Returns the path.
async function screenshot(page, name) {
  assert.match(name, /^[a-z0-9][a-z0-9-]*$/, `screenshot name "${name}" must be lower-case letters, digits and dashes`);
  const dir = process.env.ADEMPAUZE_SCREENSHOTS === '1' ? SCREENSHOT_DIR : path.join(tempDir(), 'img');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

module.exports = {
  AXE_TAGS,
  CHROMIUM_OPTIONS,
  DEMO_PASSWORD,
  DEMO_USERS,
  SOURCE_DIR,
  catalogText,
  checkAxe,
  closePages,
  displayName,
  freePort,
  httpGet,
  launchBrowser,
  login,
  newPage,
  removeTempDir,
  screenshot,
  startServer,
  tempDir,
};
