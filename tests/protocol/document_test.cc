// The protocol document: both samples rendered as HTML and PDF, escaping of hostile values,
// and the Windows-1252 text that the PDF's built-in fonts need.
#include "adempauze/protocol/document.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "adempauze/protocol/loader.h"
#include "protocol/document_model.h"
#include "protocol/protocol_test_support.h"
#include "protocol/win_ansi.h"

namespace adempauze::protocol {
namespace {

using testing_support::kValidProtocol;
using testing_support::ParseExpectingValid;
using testing_support::SampleProtocol;
using testing_support::ValidWith;

constexpr const char* kSamples[] = {"pilot-2021.toml", "running-year.toml"};

std::optional<Protocol> LoadSample(const std::string& name) {
  Result<Protocol> protocol = LoadProtocolFile(SampleProtocol(name), nullptr);
  if (!protocol.ok()) return std::nullopt;
  return std::move(protocol).value();
}

std::size_t CountPageObjects(const std::string& pdf) {
  std::size_t count = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++count;
  }
  return count;
}

// Runs a poppler tool on `file` and returns its standard output, or nullopt when the tool
// is not installed (scripts/install-deps.sh installs poppler-utils).
std::optional<std::string> RunPoppler(const std::string& tool, const std::string& arguments) {
  if (std::system(fmt::format("command -v {} >/dev/null 2>&1", tool).c_str()) != 0)
    return std::nullopt;
  FILE* pipe = ::popen(fmt::format("{} {}", tool, arguments).c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string output;
  char buffer[4096];
  while (std::size_t read = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, read);
  EXPECT_EQ(::pclose(pipe), 0) << tool << " " << arguments;
  return output;
}

// Writes the rendered documents to $ADEMPAUZE_KEEP_PROTOCOL_DOCS when it names a folder,
// for looking at them by hand (pdftoppm -png -r 60 file.pdf page).
void KeepForInspection(const std::string& name, const std::string& bytes) {
  const char* folder = std::getenv("ADEMPAUZE_KEEP_PROTOCOL_DOCS");
  if (folder == nullptr) return;
  std::ofstream(std::filesystem::path(folder) / name, std::ios::binary) << bytes;
}

TEST(ProtocolHtml, ContainsEveryItemHeadingInBothLanguages) {
  for (const char* sample : kSamples) {
    const std::optional<Protocol> protocol = LoadSample(sample);
    ASSERT_TRUE(protocol.has_value()) << sample;
    for (Language language : {Language::kDutch, Language::kEnglish}) {
      const std::string html = RenderHtml(*protocol, language);
      KeepForInspection(
          fmt::format("{}.{}.html", sample, language == Language::kDutch ? "nl" : "en"), html);
      for (int item = 1; item <= 13; ++item) {
        const std::string heading =
            fmt::format("<section id=\"item-{0}\">\n<h2>{0}. {1}</h2>", item,
                        Message(language, fmt::format("protocol.doc.item.{}", item)));
        EXPECT_NE(html.find(heading), std::string::npos) << sample << ": " << heading;
      }
    }
  }
}

TEST(ProtocolHtml, ListsExactlyTheProtocolFields) {
  const std::optional<Protocol> protocol = LoadSample("pilot-2021.toml");
  ASSERT_TRUE(protocol.has_value());
  const std::string html = RenderHtml(*protocol, Language::kDutch);

  for (Field field : AllFields()) {
    const std::string label = fmt::format(
        "<li>{}</li>",
        Message(Language::kDutch, "protocol.doc.field." + std::string(FieldKey(field))));
    const std::string escaped = [&] {
      std::string text = label;
      for (std::size_t at = text.find('"'); at != std::string::npos; at = text.find('"', at)) {
        text.replace(at, 1, "&quot;");
      }
      return text;
    }();
    const bool listed = field != Field::kStreetAndHouseNumber;  // the pilot lists the parts
    EXPECT_EQ(html.find(escaped) != std::string::npos, listed) << escaped;
  }
  EXPECT_NE(html.find("de vlag &quot;cliënt OCMW&quot;"), std::string::npos);
  EXPECT_NE(html.find("de vlag &quot;invorderingsprocedure voortzetten&quot;"), std::string::npos);
}

TEST(ProtocolHtml, ShowsPartiesPeriodAndDeadlines) {
  const std::optional<Protocol> protocol = LoadSample("pilot-2021.toml");
  ASSERT_TRUE(protocol.has_value());
  const std::string html = RenderHtml(*protocol, Language::kDutch);

  EXPECT_NE(html.find("<dd>Stad Adembeek</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dd>OCMW Adembeek</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dd>adembeek-pilot-2021</dd>"), std::string::npos);
  EXPECT_NE(html.find("Dit protocol geldt van 1 april 2021 tot en met 31 december 2021."),
            std::string::npos);
  EXPECT_NE(html.find("binnen 90 dagen na de einddatum (uiterlijk op 31 maart 2022)"),
            std::string::npos);
  EXPECT_NE(html.find("wordt 10 jaar bewaard"), std::string::npos);
  EXPECT_NE(html.find("binnen 60 dagen"), std::string::npos);
  EXPECT_NE(html.find("<dd>ADB/PROT/2021/001</dd>"), std::string::npos);
}

TEST(ProtocolHtml, EnglishUsesTranslatedHeadingsAndDates) {
  const std::optional<Protocol> protocol = LoadSample("pilot-2021.toml");
  ASSERT_TRUE(protocol.has_value());
  const std::string html = RenderHtml(*protocol, Language::kEnglish);

  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("<h2>3. Categories and extent of the data</h2>"), std::string::npos);
  EXPECT_NE(html.find("This protocol applies from 1 April 2021 to 31 December 2021 inclusive."),
            std::string::npos);
}

TEST(ProtocolHtml, EscapesHostileValues) {
  const std::string hostile = "Stad <script>alert(\"x\")</script> & 'Co'";
  std::string text = ValidWith("name = \"Stad Testdorp\"",
                               "name = \"Stad <script>alert(\\\"x\\\")</script> & 'Co'\"");
  text.replace(text.find("party = \"Stad Testdorp\""), 23,
               "party = \"Stad <script>alert(\\\"x\\\")</script> & 'Co'\"");
  text.replace(text.find("title = \"Testprotocol Stad"), 26,
               "title = \"<img src=x onerror=alert(1)>");
  Result<Protocol> protocol = ParseExpectingValid(text);
  ASSERT_TRUE(protocol.ok());
  ASSERT_EQ(protocol->Party(PartyRole::kCity).name, hostile);

  const std::string html = RenderHtml(*protocol, Language::kDutch);

  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(
      html.find(
          "<dd>Stad &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;</dd>"),
      std::string::npos);
  EXPECT_NE(html.find("<dt>Stad &lt;script&gt;"), std::string::npos);  // as recipient
  EXPECT_NE(html.find("<title>&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

TEST(ProtocolHtml, IsSelfContained) {
  const std::optional<Protocol> protocol = LoadSample("running-year.toml");
  ASSERT_TRUE(protocol.has_value());
  const std::string html = RenderHtml(*protocol, Language::kDutch);

  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"nl\">", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  for (const char* external : {"http:", "https:", "<script", "<link", "src=", "url(", "@import"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  EXPECT_NE(html.find("</html>\n"), std::string::npos);
}

TEST(ProtocolPdf, RendersBothSamplesWithPageCount) {
  testing_support::TempDir dir;
  for (const char* sample : kSamples) {
    const std::optional<Protocol> protocol = LoadSample(sample);
    ASSERT_TRUE(protocol.has_value()) << sample;
    for (Language language : {Language::kDutch, Language::kEnglish}) {
      Result<PdfDocument> pdf = RenderPdf(*protocol, language);
      ASSERT_TRUE(pdf.ok()) << pdf.error().Render(Language::kEnglish);
      KeepForInspection(
          fmt::format("{}.{}.pdf", sample, language == Language::kDutch ? "nl" : "en"), pdf->bytes);

      EXPECT_EQ(pdf->bytes.rfind("%PDF-", 0), 0u) << sample;
      EXPECT_NE(pdf->bytes.find("%%EOF", pdf->bytes.size() - 8), std::string::npos) << sample;
      EXPECT_GT(pdf->page_count, 1) << sample;  // thirteen items do not fit on one A4 page
      EXPECT_EQ(CountPageObjects(pdf->bytes), static_cast<std::size_t>(pdf->page_count)) << sample;

      const std::filesystem::path file = dir / "document.pdf";
      std::ofstream(file, std::ios::binary) << pdf->bytes;
      const std::optional<std::string> info = RunPoppler("pdfinfo", file.string());
      if (info.has_value()) {
        const std::size_t at = info->find("Pages:");
        ASSERT_NE(at, std::string::npos) << *info;
        EXPECT_EQ(std::stoi(info->substr(at + 6)), pdf->page_count) << *info;
      }
    }
  }
}

TEST(ProtocolPdf, DutchLettersSurviveInTheText) {
  const std::optional<Protocol> protocol = LoadSample("pilot-2021.toml");
  ASSERT_TRUE(protocol.has_value());
  Result<PdfDocument> pdf = RenderPdf(*protocol, Language::kDutch, PdfOptions{.compress = false});
  ASSERT_TRUE(pdf.ok());

  // libharu writes bytes above 0x7E in a text string as octal escapes: 0xEB ("ë") is \353.
  EXPECT_NE(pdf->bytes.find("cli\\353nt OCMW"), std::string::npos);
  EXPECT_NE(pdf->bytes.find("/WinAnsiEncoding"), std::string::npos);

  testing_support::TempDir dir;
  const std::filesystem::path file = dir / "pilot.pdf";
  std::ofstream(file, std::ios::binary) << pdf->bytes;
  const std::optional<std::string> text =
      RunPoppler("pdftotext", "-enc UTF-8 " + file.string() + " -");
  if (!text.has_value()) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  EXPECT_NE(text->find("cliënt OCMW"), std::string::npos);
  EXPECT_NE(text->find("Categorieën en omvang van de gegevens"), std::string::npos);
  EXPECT_NE(text->find("Financiële dienst"), std::string::npos);
  EXPECT_NE(text->find("Pagina 1 van"), std::string::npos);
}

TEST(ProtocolPdf, CompressedAndUncompressedHaveSamePages) {
  const std::optional<Protocol> protocol = LoadSample("running-year.toml");
  ASSERT_TRUE(protocol.has_value());
  Result<PdfDocument> compressed = RenderPdf(*protocol, Language::kDutch);
  Result<PdfDocument> plain = RenderPdf(*protocol, Language::kDutch, PdfOptions{.compress = false});
  ASSERT_TRUE(compressed.ok());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(compressed->page_count, plain->page_count);
  EXPECT_LT(compressed->bytes.size(), plain->bytes.size());
}

TEST(ProtocolPdf, LongUnbrokenValueIsWrapped) {
  // A value without spaces, wider than the page, must be cut rather than run off the page.
  const std::string long_reference(400, 'X');
  Result<Protocol> protocol = ParseExpectingValid(ValidWith(
      "document_reference = \"TST/001\"", "document_reference = \"" + long_reference + "\""));
  ASSERT_TRUE(protocol.ok());
  Result<PdfDocument> pdf = RenderPdf(*protocol, Language::kDutch, PdfOptions{.compress = false});
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->bytes.find(long_reference), std::string::npos);
  EXPECT_NE(pdf->bytes.find(std::string(40, 'X')), std::string::npos);
}

TEST(WinAnsi, EncodesDutchLetters) {
  EXPECT_EQ(Utf8ToWinAnsi("cliënt"), "cli\xEBnt");
  EXPECT_EQ(Utf8ToWinAnsi("é è ê ë ï ö ü ç"), "\xE9 \xE8 \xEA \xEB \xEF \xF6 \xFC \xE7");
  EXPECT_EQ(Utf8ToWinAnsi("België"), "Belgi\xEB");
}

TEST(WinAnsi, EncodesWindowsPunctuation) {
  EXPECT_EQ(Utf8ToWinAnsi("€ – — “x” ‘y’ • …"), "\x80 \x96 \x97 \x93x\x94 \x91y\x92 \x95 \x85");
}

TEST(WinAnsi, ComposesDecomposedAccents) {
  EXPECT_EQ(Utf8ToWinAnsi("clie\xCC\x88nt"), "cli\xEBnt");  // e + U+0308
  EXPECT_EQ(Utf8ToWinAnsi("Caf\x65\xCC\x81"), "Caf\xE9");   // e + U+0301
  EXPECT_EQ(Utf8ToWinAnsi("q\xCC\x88"), "q");               // no composed form: accent left out
}

TEST(WinAnsi, ReplacesWhatItCannotEncode) {
  EXPECT_EQ(Utf8ToWinAnsi("\xE4\xB8\xAD"), "?");  // U+4E2D
  EXPECT_EQ(Utf8ToWinAnsi("a\xFF"
                          "b"),
            "a?b");                                 // invalid byte
  EXPECT_EQ(Utf8ToWinAnsi("\xC0\xAF"), "??");       // overlong '/'
  EXPECT_EQ(Utf8ToWinAnsi("\xED\xA0\x80"), "???");  // surrogate
  EXPECT_EQ(Utf8ToWinAnsi("a\tb\nc"), "a b c");
  EXPECT_EQ(Utf8ToWinAnsi("\xC2\x81"), "?");  // C1 control U+0081
}

TEST(ProtocolDocumentText, SplitsParagraphsAtBlankLines) {
  EXPECT_EQ(SplitParagraphs("\n  een\ntwee  drie\n\n  vier\n \n\nvijf \n"),
            (std::vector<std::string>{"een twee drie", "vier", "vijf"}));
  EXPECT_TRUE(SplitParagraphs(" \n\n ").empty());
}

TEST(ProtocolDocumentText, FormatsLongDates) {
  EXPECT_EQ(FormatLongDate({2021, 4, 1}, Language::kDutch), "1 april 2021");
  EXPECT_EQ(FormatLongDate({2027, 12, 31}, Language::kEnglish), "31 December 2027");
}

TEST(ProtocolDocumentText, OptionalValuesAreLeftOut) {
  Result<Protocol> protocol = ParseExpectingValid(kValidProtocol);  // no sha256, no phone
  ASSERT_TRUE(protocol.ok());
  const std::string html = RenderHtml(*protocol, Language::kDutch);
  EXPECT_EQ(html.find(Message(Language::kDutch, "protocol.doc.label.sha256")), std::string::npos);
  EXPECT_EQ(html.find(Message(Language::kDutch, "protocol.doc.label.represented_by")),
            std::string::npos);
}

}  // namespace
}  // namespace adempauze::protocol
