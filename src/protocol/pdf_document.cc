// The protocol document as an A4 PDF, laid out line by line with libharu.
#include <fmt/format.h>
#include <hpdf.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "adempauze/protocol/document.h"
#include "protocol/document_model.h"
#include "protocol/win_ansi.h"

namespace adempauze::protocol {
namespace {

// Page geometry in points (1/72 inch).
constexpr float kPageWidth = 595.276f;  // A4
constexpr float kPageHeight = 841.89f;
constexpr float kMarginLeft = 64.0f;
constexpr float kMarginRight = 64.0f;
constexpr float kMarginTop = 64.0f;
constexpr float kMarginBottom = 72.0f;  // leaves room for the footer
constexpr float kFooterBaseline = 40.0f;
constexpr float kTextWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr float kBulletIndent = 14.0f;
constexpr float kLabelWidth = 150.0f;
constexpr float kColumnGap = 10.0f;

// A font size and the distance between two baselines.
struct TextStyle {
  float size;
  float leading;
};
constexpr TextStyle kTitleStyle{17.0f, 22.0f};
constexpr TextStyle kHeadingStyle{12.5f, 17.0f};
constexpr TextStyle kSubheadingStyle{10.5f, 15.0f};
constexpr TextStyle kBodyStyle{10.0f, 14.0f};
constexpr TextStyle kFooterStyle{8.0f, 10.0f};

constexpr char kBullet[] = "\x95";  // Windows-1252 bullet

// Keeps the first error that libharu reports through this callback. Rendering goes on,
// because every later call on the document fails harmlessly, and the caller checks at the end.
void RecordError(HPDF_STATUS error_no, HPDF_STATUS /*detail_no*/, void* user_data) {
  auto* first_error = static_cast<HPDF_STATUS*>(user_data);
  if (*first_error == HPDF_OK) *first_error = error_no;
}

using PdfHandle = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)>;

class PdfLayout {
 public:
  PdfLayout(HPDF_Doc pdf, std::string footer_left, Language language)
      : pdf_(pdf), footer_left_(std::move(footer_left)), language_(language) {
    regular_ = HPDF_GetFont(pdf_, "Helvetica", "WinAnsiEncoding");
    bold_ = HPDF_GetFont(pdf_, "Helvetica-Bold", "WinAnsiEncoding");
    NewPage();
  }

  // Lays out one block. Texts are converted from UTF-8 here.
  void Write(const Block& block) {
    switch (block.kind) {
      case BlockKind::kTitle:
        Lines(Wrap(Utf8ToWinAnsi(block.text), bold_, kTitleStyle.size, kTextWidth), bold_,
              kTitleStyle, kMarginLeft);
        y_ -= 8.0f;
        break;
      case BlockKind::kHeading:
        y_ -= 12.0f;
        // Keep a heading with at least two lines of its content.
        EnsureSpace(kHeadingStyle.leading + 2 * kBodyStyle.leading);
        Lines(Wrap(Utf8ToWinAnsi(fmt::format("{}. {}", block.item, block.text)), bold_,
                   kHeadingStyle.size, kTextWidth),
              bold_, kHeadingStyle, kMarginLeft);
        y_ -= 4.0f;
        break;
      case BlockKind::kSubheading:
        y_ -= 6.0f;
        EnsureSpace(kSubheadingStyle.leading + kBodyStyle.leading);
        Lines(Wrap(Utf8ToWinAnsi(block.text), bold_, kSubheadingStyle.size, kTextWidth), bold_,
              kSubheadingStyle, kMarginLeft);
        break;
      case BlockKind::kParagraph:
        Lines(Wrap(Utf8ToWinAnsi(block.text), regular_, kBodyStyle.size, kTextWidth), regular_,
              kBodyStyle, kMarginLeft);
        y_ -= 6.0f;
        break;
      case BlockKind::kBullet:
        WriteBullet(block.text);
        break;
      case BlockKind::kField:
        WriteField(block.label, block.text);
        break;
    }
  }

  // Draws "<id>" and "page N of M" at the foot of every page.
  void AddFooters() {
    const std::string left = Utf8ToWinAnsi(footer_left_);
    for (std::size_t i = 0; i < pages_.size(); ++i) {
      const std::string right =
          Utf8ToWinAnsi(Message(language_, "protocol.doc.page", i + 1, pages_.size()));
      HPDF_Page page = pages_[i];
      HPDF_Page_SetRGBStroke(page, 0.6f, 0.6f, 0.6f);
      HPDF_Page_SetLineWidth(page, 0.5f);
      HPDF_Page_MoveTo(page, kMarginLeft, kFooterBaseline + 12.0f);
      HPDF_Page_LineTo(page, kPageWidth - kMarginRight, kFooterBaseline + 12.0f);
      HPDF_Page_Stroke(page);
      DrawText(page, regular_, kFooterStyle.size, kMarginLeft, kFooterBaseline, left);
      const float right_width = Width(right, regular_, kFooterStyle.size);
      DrawText(page, regular_, kFooterStyle.size, kPageWidth - kMarginRight - right_width,
               kFooterBaseline, right);
    }
  }

  int page_count() const { return static_cast<int>(pages_.size()); }

 private:
  void NewPage() {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    pages_.push_back(page_);
    y_ = kPageHeight - kMarginTop;
  }

  void EnsureSpace(float height) {
    if (y_ - height < kMarginBottom) NewPage();
  }

  float Width(std::string_view text, HPDF_Font font, float size) const {
    const HPDF_TextWidth width = HPDF_Font_TextWidth(
        font, reinterpret_cast<const HPDF_BYTE*>(text.data()), static_cast<HPDF_UINT>(text.size()));
    return static_cast<float>(width.width) * size / 1000.0f;
  }

  // Breaks Windows-1252 `text` into lines no wider than `width`, at spaces where possible
  // and inside a word only when the word alone is wider than a line.
  std::vector<std::string> Wrap(std::string_view text, HPDF_Font font, float size,
                                float width) const {
    std::vector<std::string> lines;
    std::string line;
    std::size_t position = 0;
    while (position < text.size()) {
      std::size_t end = text.find(' ', position);
      if (end == std::string_view::npos) end = text.size();
      std::string word(text.substr(position, end - position));
      position = end + 1;
      if (word.empty()) continue;

      const std::string candidate = line.empty() ? word : line + " " + word;
      if (Width(candidate, font, size) <= width) {
        line = candidate;
        continue;
      }
      if (!line.empty()) lines.push_back(std::move(line));
      line.clear();
      // A word wider than the line (a long URL or hash) is cut where it no longer fits.
      while (Width(word, font, size) > width) {
        std::size_t fits = 1;
        while (fits < word.size() && Width(word.substr(0, fits + 1), font, size) <= width) ++fits;
        lines.push_back(word.substr(0, fits));
        word.erase(0, fits);
      }
      line = std::move(word);
    }
    if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
    return lines;
  }

  void DrawText(HPDF_Page page, HPDF_Font font, float size, float x, float baseline,
                const std::string& text) {
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, size);
    HPDF_Page_TextOut(page, x, baseline, text.c_str());
    HPDF_Page_EndText(page);
  }

  // Draws `lines` one below the other at `x`, moving to a new page where needed.
  void Lines(const std::vector<std::string>& lines, HPDF_Font font, TextStyle style, float x) {
    for (const std::string& line : lines) {
      EnsureSpace(style.leading);
      y_ -= style.leading;
      DrawText(page_, font, style.size, x, y_ + (style.leading - style.size) / 2, line);
    }
  }

  void WriteBullet(std::string_view text) {
    const std::vector<std::string> lines =
        Wrap(Utf8ToWinAnsi(text), regular_, kBodyStyle.size, kTextWidth - kBulletIndent);
    EnsureSpace(kBodyStyle.leading);
    const float first_baseline =
        y_ - kBodyStyle.leading + (kBodyStyle.leading - kBodyStyle.size) / 2;
    DrawText(page_, regular_, kBodyStyle.size, kMarginLeft + 3.0f, first_baseline, kBullet);
    Lines(lines, regular_, kBodyStyle, kMarginLeft + kBulletIndent);
    y_ -= 2.0f;
  }

  // Draws the label in bold in a left column and the value beside it, line by line.
  void WriteField(std::string_view label, std::string_view value) {
    const float value_width = kTextWidth - kLabelWidth - kColumnGap;
    const std::vector<std::string> labels =
        Wrap(Utf8ToWinAnsi(label), bold_, kBodyStyle.size, kLabelWidth);
    const std::vector<std::string> values =
        Wrap(Utf8ToWinAnsi(value), regular_, kBodyStyle.size, value_width);
    const std::size_t rows = std::max(labels.size(), values.size());
    // Keep short fields on one page; long ones break between lines.
    EnsureSpace(kBodyStyle.leading * static_cast<float>(std::min<std::size_t>(rows, 4)));
    for (std::size_t row = 0; row < rows; ++row) {
      EnsureSpace(kBodyStyle.leading);
      y_ -= kBodyStyle.leading;
      const float baseline = y_ + (kBodyStyle.leading - kBodyStyle.size) / 2;
      if (row < labels.size())
        DrawText(page_, bold_, kBodyStyle.size, kMarginLeft, baseline, labels[row]);
      if (row < values.size()) {
        DrawText(page_, regular_, kBodyStyle.size, kMarginLeft + kLabelWidth + kColumnGap, baseline,
                 values[row]);
      }
    }
    y_ -= 3.0f;
  }

  HPDF_Doc pdf_;
  HPDF_Font regular_ = nullptr;
  HPDF_Font bold_ = nullptr;
  HPDF_Page page_ = nullptr;
  std::vector<HPDF_Page> pages_;
  float y_ = 0.0f;  // the top of the next line on the current page
  std::string footer_left_;
  Language language_;
};

// Returns the saved document's bytes, or an empty string when libharu failed.
std::string SaveToBytes(HPDF_Doc pdf) {
  if (HPDF_SaveToStream(pdf) != HPDF_OK) return {};
  std::string bytes(HPDF_GetStreamSize(pdf), '\0');
  std::size_t filled = 0;
  while (filled < bytes.size()) {
    HPDF_UINT32 length = static_cast<HPDF_UINT32>(bytes.size() - filled);
    const HPDF_STATUS status =
        HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data() + filled), &length);
    filled += length;
    if (length == 0 || (status != HPDF_OK && status != HPDF_STREAM_EOF)) break;
  }
  bytes.resize(filled);
  return bytes;
}

}  // namespace

Result<PdfDocument> RenderPdf(const Protocol& protocol, Language language,
                              const PdfOptions& options) {
  const DocumentModel document = BuildDocument(protocol, language);

  // 1. A libharu document whose errors land in `first_error` instead of aborting.
  HPDF_STATUS first_error = HPDF_OK;
  PdfHandle pdf(HPDF_New(&RecordError, &first_error), &HPDF_Free);
  if (pdf == nullptr) {
    return MakeError(ErrorCode::kInternal, "protocol.pdf.failed", "HPDF_New");
  }
  HPDF_SetCompressionMode(pdf.get(), options.compress ? HPDF_COMP_ALL : HPDF_COMP_NONE);
  HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_TITLE, Utf8ToWinAnsi(document.title).c_str());
  HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_CREATOR, "adempauze");

  // 2. The blocks, then the footers, which need the final page count.
  PdfLayout layout(pdf.get(), document.protocol_id, language);
  for (const Block& block : document.blocks) layout.Write(block);
  layout.AddFooters();

  // 3. The bytes, unless libharu reported an error on the way.
  std::string bytes = SaveToBytes(pdf.get());
  if (first_error != HPDF_OK || bytes.empty()) {
    return MakeError(ErrorCode::kInternal, "protocol.pdf.failed",
                     fmt::format("0x{:04X}", static_cast<unsigned>(first_error)));
  }
  return PdfDocument{std::move(bytes), layout.page_count()};
}

}  // namespace adempauze::protocol
