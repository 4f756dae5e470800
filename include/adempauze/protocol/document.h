// The protocol document: the thirteen items that art. 8 of the Flemish decree of 18 July
// 2008 requires of a protocol, rendered from the same definition the software enforces.
//
// Items: 1 controllers, 2 purposes, 3 categories and extent of the data, 4 recipients,
// 5 legal bases, 6 periodicity, 7 duration, 8 security measures, 9 sanctions, 10 original
// purposes, 11 compatibility analysis, 12 data quality, 13 specific measures. Headings,
// labels and generated sentences (period, retention, follow-up deadline) come from the
// message catalog in `language`; free texts appear as the protocol file states them.
#pragma once

#include <string>

#include "adempauze/common/messages.h"
#include "adempauze/common/result.h"
#include "adempauze/protocol/protocol.h"

namespace adempauze::protocol {

// Returns the document as one self-contained HTML5 page (UTF-8, inline style, no scripts,
// no external resources). Every value from the protocol is HTML-escaped. Each item is a
// <section id="item-N"> with an <h2> heading.
std::string RenderHtml(const Protocol& protocol, Language language);

struct PdfOptions {
  // Compress the page content streams. Off only for tests that read the text operators.
  bool compress = true;
};

struct PdfDocument {
  std::string bytes;  // the complete PDF file
  int page_count = 0;
};

// Returns the document as an A4 PDF made with libharu. The text uses the built-in
// Helvetica fonts with WinAnsiEncoding (Windows-1252), which covers the Dutch letters
// (é, ë, ï, ...). A character outside that encoding prints as "?". Every page has a footer
// with the protocol id and "page N of M".
// Returns kInternal with key "protocol.pdf.failed" (arg 0: libharu's error code in
// hexadecimal) when libharu reports an error.
Result<PdfDocument> RenderPdf(const Protocol& protocol, Language language,
                              const PdfOptions& options = {});

}  // namespace adempauze::protocol
