// Behaviour of the adempauze pages, without a framework. The layout loads it with `defer`
// after vendor/htmx.min.js, so it runs once the document is parsed and before htmx
// processes the page on DOMContentLoaded.
//
// Every page works without this file: forms post normally and confirmations are skipped.
// The Content-Security-Policy allows scripts only from files, so this file adds no inline
// script, style attribute or <style> element, and evaluates no strings.
(function () {
  'use strict';

  // Texts shown by this file, Dutch first. The page's <html lang> picks the language.
  const TEXTS = {
    nl: {
      uploading: 'Bezig met opladen…',
      processing: 'Het bestand is opgeladen. De server controleert het nu; dit kan even duren.',
      progressLabel: 'Voortgang van het opladen',
      networkError: 'Het opladen is mislukt: de verbinding met de server is verbroken. ' +
        'Controleer de verbinding en probeer het opnieuw.',
      httpError: 'Het opladen is mislukt (HTTP-status {0}). Probeer het opnieuw of ' +
        'meld het aan de beheerder.',
    },
    en: {
      uploading: 'Uploading…',
      processing: 'The file has been uploaded. The server is checking it now; this may take a while.',
      progressLabel: 'Upload progress',
      networkError: 'The upload failed: the connection to the server was lost. ' +
        'Check the connection and try again.',
      httpError: 'The upload failed (HTTP status {0}). Try again or report it to the administrator.',
    },
  };

  function text(key, arg) {
    const language = (document.documentElement.lang || 'nl').slice(0, 2).toLowerCase();
    const texts = TEXTS[language] || TEXTS.nl;
    return texts[key].replace('{0}', arg === undefined ? '' : String(arg));
  }

  // ---- htmx settings -------------------------------------------------------------------

  if (window.htmx) {
    const config = window.htmx.config;
    // htmx would add its indicator CSS as an inline <style> element, which the CSP blocks.
    // app.css carries the same rules.
    config.includeIndicatorStyles = false;
    // No eval: hx-on, hx-vars and trigger conditions with JavaScript stay off (CSP).
    config.allowEval = false;
    config.allowScriptTags = false;
    config.selfRequestsOnly = true;
    // htmx keeps copies of visited pages in sessionStorage for the back button. Pages show
    // personal data, so keep none. The browser loads the page again instead.
    config.historyCacheSize = 0;
    config.refreshOnHistoryMiss = true;
  }

  // An htmx request that changes data (not GET) carries the session's CSRF token in the
  // form field `_csrf`, as a posted form does. The token comes from the first hidden
  // `_csrf` field of the page (the logout form in the header has one) when the request's
  // own form does not include it.
  document.addEventListener('htmx:configRequest', function (event) {
    const detail = event.detail;
    if (!detail || detail.verb === 'get' || !detail.formData) return;
    if (detail.formData.has('_csrf')) return;
    const field = document.querySelector('input[type="hidden"][name="_csrf"]');
    if (field) detail.formData.append('_csrf', field.value);
  });

  // ---- Confirmation: <button data-confirm="Dit dossier afsluiten?"> ---------------------

  // Listens in the capture phase on the document, so a cancelled click stops before the
  // form submits and before htmx handles it. A click made by pressing Enter in a form field
  // arrives here as well.
  document.addEventListener('click', function (event) {
    const button = event.target instanceof Element ? event.target.closest('button[data-confirm]') : null;
    if (!button || button.disabled) return;
    if (!window.confirm(button.getAttribute('data-confirm'))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // ---- Upload with progress: <form data-upload method="post" enctype="multipart/form-data">

  // What happens with the server's response, in this order:
  //  1. Header X-Redirect: the browser navigates to that URL (same origin only).
  //  2. The request was redirected (303 after the POST): the browser navigates to the final
  //     URL, which XMLHttpRequest reports in responseURL.
  //  3. An HTML response to the POST itself (a validation report or an error page): it
  //     replaces the page's <html> content.
  // Navigation is preferred because it gives a complete page: its scripts run, the address
  // bar shows the page's URL, Back works and Reload does not post the file again. The
  // replacement in case 3 keeps the scripts of the old page and its listeners on the
  // document (which is all this file uses), and runs htmx.process on the new body.
  // document.open/write is not used: Chrome discourages it and it resets the document.

  function findProgress(form) {
    let progress = form.querySelector('progress');
    if (!progress) {
      progress = document.createElement('progress');
      progress.setAttribute('aria-label', text('progressLabel'));
      progress.max = 100;
      form.appendChild(progress);
    }
    return progress;
  }

  // Finds or adds the live region that reads out the upload state.
  function findStatus(form) {
    let status = form.querySelector('.upload-status');
    if (!status) {
      status = document.createElement('p');
      status.className = 'upload-status';
      form.appendChild(status);
    }
    status.setAttribute('role', 'status');
    return status;
  }

  function sameOriginUrl(value) {
    try {
      const url = new URL(value, window.location.href);
      return url.origin === window.location.origin ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function replacePage(html) {
    document.documentElement.innerHTML = html;
    if (window.htmx) window.htmx.process(document.body);
    // Tell keyboard and screen-reader users that the page changed.
    const heading = document.querySelector('main h1') || document.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  // The form's target URL. form.action is not used: a field named "action" shadows it.
  function actionUrl(form) {
    return new URL(form.getAttribute('action') || '', document.baseURI).href;
  }

  function finishUpload(xhr, form, status, submitters) {
    const redirect = xhr.getResponseHeader('X-Redirect');
    const redirectUrl = redirect ? sameOriginUrl(redirect) : null;
    if (redirectUrl) {
      window.location.assign(redirectUrl);
      return;
    }

    const finalUrl = xhr.responseURL ? sameOriginUrl(xhr.responseURL) : null;
    const postedUrl = sameOriginUrl(actionUrl(form));
    if (finalUrl && postedUrl && finalUrl !== postedUrl && xhr.status < 400) {
      window.location.assign(finalUrl);
      return;
    }

    const type = xhr.getResponseHeader('Content-Type') || '';
    if (type.indexOf('text/html') === 0 && xhr.responseText) {
      replacePage(xhr.responseText);
      return;
    }

    status.textContent = text('httpError', xhr.status);
    submitters.forEach(function (button) { button.disabled = false; });
  }

  function upload(form, submitter) {
    const progress = findProgress(form);
    const status = findStatus(form);
    // The submit button's name and value are part of the form data, as in a normal post.
    const data = new FormData(form, submitter || undefined);
    const submitters = Array.from(form.querySelectorAll('button, input[type="submit"]'));

    const xhr = new XMLHttpRequest();
    xhr.open((form.getAttribute('method') || 'post').toUpperCase(), actionUrl(form));
    xhr.setRequestHeader('Accept', 'text/html');

    xhr.upload.addEventListener('progress', function (event) {
      if (event.lengthComputable) {
        progress.max = event.total;
        progress.value = event.loaded;
      } else {
        progress.removeAttribute('value');  // indeterminate
      }
    });
    xhr.upload.addEventListener('load', function () {
      progress.value = progress.max;
      status.textContent = text('processing');
    });
    xhr.addEventListener('load', function () {
      finishUpload(xhr, form, status, submitters);
    });
    xhr.addEventListener('error', function () {
      progress.hidden = true;
      status.textContent = text('networkError');
      submitters.forEach(function (button) { button.disabled = false; });
    });

    progress.value = 0;
    progress.hidden = false;
    status.textContent = text('uploading');
    submitters.forEach(function (button) { button.disabled = true; });
    xhr.send(data);
  }

  document.addEventListener('submit', function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-upload')) return;
    if (!form.querySelector('input[type="file"]')) return;
    // A form that the browser finds invalid (a required file missing) never gets here.
    event.preventDefault();
    upload(form, event.submitter);
  });
})();
