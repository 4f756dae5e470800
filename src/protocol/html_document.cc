// The protocol document as one self-contained HTML page.
//
// NOTE: built with a small writer instead of mstch because the layout is a fixed sequence
// of blocks and every text passes through Escape in exactly one place (Append), which a
// reviewer can check at a glance.
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "adempauze/protocol/document.h"
#include "protocol/document_model.h"

namespace adempauze::protocol {
namespace {

// Print-friendly and readable on screen; no external fonts, images or scripts.
constexpr std::string_view kStyle = R"(
body { font-family: "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: 1rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #888; }
h3 { font-size: 1rem; margin-bottom: 0.25rem; }
dl { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: 0.25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
)";

// Escapes the five characters with a meaning in HTML text and attribute values.
void Append(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

// Writes the blocks, opening and closing <section>, <ul> and <dl> around runs of blocks.
class HtmlWriter {
 public:
  void Write(const Block& block) {
    CloseListsUnless(block.kind);
    switch (block.kind) {
      case BlockKind::kTitle:
        Element("h1", block.text);
        break;
      case BlockKind::kHeading:
        CloseSection();
        out_ += fmt::format("<section id=\"item-{0}\">\n<h2>{0}. ", block.item);
        Append(out_, block.text);
        out_ += "</h2>\n";
        in_section_ = true;
        break;
      case BlockKind::kSubheading:
        Element("h3", block.text);
        break;
      case BlockKind::kParagraph:
        Element("p", block.text);
        break;
      case BlockKind::kBullet:
        if (!in_list_) out_ += "<ul>\n";
        in_list_ = true;
        Element("li", block.text);
        break;
      case BlockKind::kField:
        if (!in_fields_) out_ += "<dl>\n";
        in_fields_ = true;
        Element("dt", block.label);
        Element("dd", block.text);
        break;
    }
  }

  std::string Finish() {
    CloseListsUnless(BlockKind::kTitle);
    CloseSection();
    return std::move(out_);
  }

  std::string& out() { return out_; }

 private:
  void Element(std::string_view tag, std::string_view text) {
    out_ += fmt::format("<{}>", tag);
    Append(out_, text);
    out_ += fmt::format("</{}>\n", tag);
  }

  void CloseListsUnless(BlockKind kind) {
    if (in_list_ && kind != BlockKind::kBullet) {
      out_ += "</ul>\n";
      in_list_ = false;
    }
    if (in_fields_ && kind != BlockKind::kField) {
      out_ += "</dl>\n";
      in_fields_ = false;
    }
  }

  void CloseSection() {
    if (in_section_) out_ += "</section>\n";
    in_section_ = false;
  }

  std::string out_;
  bool in_section_ = false;
  bool in_list_ = false;
  bool in_fields_ = false;
};

}  // namespace

std::string RenderHtml(const Protocol& protocol, Language language) {
  const DocumentModel document = BuildDocument(protocol, language);

  HtmlWriter writer;
  std::string& out = writer.out();
  out += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n", document.language_code);
  out += "<meta charset=\"utf-8\">\n";
  // Defence in depth: even a value that escaped escaping could load or run nothing.
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" "
      "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>";
  Append(out, document.title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<main>\n";

  for (const Block& block : document.blocks) writer.Write(block);

  std::string html = writer.Finish();
  html += "</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace adempauze::protocol
