// The upload of a city debtor list (debtor team) or an OCMW client list (client-list
// keeper). It runs the same pipeline as `adempauze import` followed by `adempauze match`.
// The validation report is kept in the database (store/upload_reports.h) for the result
// page and its CSV download.
#pragma once

#include <string_view>

#include "web/app.h"

namespace adempauze::web {

enum class UploadKind { kDebtors, kClients };

// GET: the upload form.
void ShowUploadForm(RequestContext& context, UploadKind kind);

// POST: checks the protocol, reads the uploaded file through ingest with the columns mapped
// in the form's "Kolommen koppelen" part, imports it all or nothing, runs exact and probable matching, stores the report and redirects (303) to the
// result page. A rejected upload re-renders the form with the message, and with the report
// when there is one, with status 400 or 409 (500 when the server failed).
void HandleUpload(RequestContext& context, UploadKind kind);

// GET: the result page of report PathId(1), shown only to the user who uploaded it.
void ShowUploadReport(RequestContext& context, UploadKind kind);

// GET: the validation report of PathId(1) as CSV, in the columns `adempauze import --report`
// writes, with the web texts of the entries that the page shows.
void DownloadUploadReport(RequestContext& context, UploadKind kind);

}  // namespace adempauze::web
