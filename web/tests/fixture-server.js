// A small HTTP server on 127.0.0.1 for the tests of web/static/ without adempauze: it serves
// web/static/ under /static/ and the pages of web/tests/fixtures/ under /fixtures/, with the
// product's security headers. It responds to the upload, confirmation and htmx requests of
// those pages in the ways `adempauze serve` may respond.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const STATIC_DIR = path.resolve(__dirname, '..', 'static');
const FIXTURE_DIR = path.resolve(__dirname, 'fixtures');

// The Content-Security-Policy that `adempauze serve` sends with every page.
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; " +
  "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

const CONTENT_TYPES = {
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const DONE_PAGE = '/fixtures/done.html';

function securityHeaders() {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
  };
}

// Serves a file of `root`. A path that leaves `root` or does not exist gets a 404.
function sendFile(response, root, relative) {
  const file = path.resolve(root, '.' + path.posix.normalize('/' + relative));
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    response.writeHead(404, { ...securityHeaders(), 'Content-Type': 'text/plain' });
    response.end('not found');
    return;
  }
  const type = CONTENT_TYPES[path.extname(file)] || 'application/octet-stream';
  response.writeHead(200, { ...securityHeaders(), 'Content-Type': type });
  fs.createReadStream(file).pipe(response);
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendHtml(response, status, html, extraHeaders = {}) {
  response.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/html; charset=utf-8', ...extraHeaders });
  response.end(html);
}

function redirect(response, location) {
  response.writeHead(303, { ...securityHeaders(), Location: location });
  response.end();
}

// Responds to POST /upload/<mode>, one mode per way the real server may respond to an upload.
function answerUpload(mode, response) {
  switch (mode) {
    case 'redirect-header':
      sendHtml(response, 200, '', { 'X-Redirect': `${DONE_PAGE}?via=header` });
      return;
    case 'foreign-redirect-header':
      // app.js must ignore an X-Redirect to another origin and show the HTML body instead.
      sendHtml(response, 200, reportPage('Niet doorgestuurd'), { 'X-Redirect': 'http://127.0.0.1:1/elders' });
      return;
    case 'see-other':
      redirect(response, `${DONE_PAGE}?via=303`);
      return;
    case 'html':
      sendHtml(response, 200, reportPage('Validatierapport'));
      return;
    case 'html-error':
      sendHtml(response, 400, reportPage('Bestand geweigerd'));
      return;
    default:
      response.writeHead(500, { ...securityHeaders(), 'Content-Type': 'text/plain' });
      response.end('internal error');
  }
}

// A complete page as the server renders it, with the layout's assets.
function reportPage(heading) {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>${heading} - adempauze</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/vendor/pico.min.css">
<link rel="stylesheet" href="/static/app.css">
<script src="/static/vendor/htmx.min.js" defer></script>
<script src="/static/app.js" defer></script>
</head>
<body>
<main id="main" class="container">
<h1>${heading}</h1>
<p id="replaced">Deze inhoud kwam van de server.</p>
<button type="button" hx-post="/htmx-echo" hx-target="#echo" hx-swap="innerHTML">Opnieuw</button>
<div id="echo"></div>
</main>
</body>
</html>`;
}

// Starts the server on a free loopback port. Resolves with { url(pathname), requests,
// close() }, where `requests` lists every POST with its path, headers and body, in order.
function startFixtureServer() {
  const requests = [];

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');

    if (request.method === 'GET' && url.pathname.startsWith('/static/')) {
      sendFile(response, STATIC_DIR, url.pathname.slice('/static/'.length));
      return;
    }
    if (request.method === 'GET' && url.pathname.startsWith('/fixtures/')) {
      sendFile(response, FIXTURE_DIR, url.pathname.slice('/fixtures/'.length));
      return;
    }
    if (request.method !== 'POST') {
      sendFile(response, FIXTURE_DIR, 'missing');
      return;
    }

    const body = await readBody(request);
    requests.push({ path: url.pathname, headers: request.headers, body });

    if (url.pathname.startsWith('/upload/')) {
      answerUpload(url.pathname.slice('/upload/'.length), response);
    } else if (url.pathname === '/confirmed') {
      redirect(response, `${DONE_PAGE}?via=confirm`);
    } else if (url.pathname === '/htmx-echo') {
      const fields = new URLSearchParams(body.toString('utf8'));
      sendHtml(response, 200, `<p id="echo-result">csrf=${encodeURIComponent(fields.get('_csrf') || '')}</p>`);
    } else {
      sendFile(response, FIXTURE_DIR, 'missing');
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      resolve({
        requests,
        url: (pathname) => base + pathname,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

module.exports = { CONTENT_SECURITY_POLICY, startFixtureServer };
