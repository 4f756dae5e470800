// The protocol document as a flat list of blocks, built once from a Protocol and rendered
// by both the HTML and the PDF writer, so the two formats contain the same text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/messages.h"
#include "adempauze/protocol/protocol.h"

namespace adempauze::protocol {

enum class BlockKind {
  kTitle,       // the protocol's title, once, first
  kHeading,     // one of the thirteen items; `item` is its number
  kSubheading,  // a group inside an item (a party, a direction)
  kParagraph,   // running text
  kBullet,      // one list item; consecutive bullets form one list
  kField,       // `label`: `text`; consecutive fields form one table
};

// One block of text. All strings are UTF-8 and not escaped.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  std::string label;  // kField only
  int item = 0;       // kHeading only: 1..13
};

struct DocumentModel {
  std::string language_code;  // "nl" or "en", for the HTML lang attribute
  std::string title;
  std::string protocol_id;
  std::vector<Block> blocks;
};

// Builds the document of `protocol` in `language`.
DocumentModel BuildDocument(const Protocol& protocol, Language language);

// Returns `date` as "1 april 2021" (Dutch) or "1 April 2021" (English).
std::string FormatLongDate(CivilDate date, Language language);

// Splits a free text into paragraphs at blank lines, and joins the lines inside each
// paragraph with single spaces. Returns no paragraphs for a blank text.
std::vector<std::string> SplitParagraphs(std::string_view text);

}  // namespace adempauze::protocol
