// Byte-level text decoding for CSV files: UTF-8 with or without BOM, UTF-16 with BOM, and
// Windows-1252, always producing UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "adempauze/ingest/ingest.h"

namespace adempauze::ingest {

// Returns true when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, no code
// point above U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

// Converts Windows-1252 to UTF-8. The five bytes that Windows-1252 leaves undefined (0x81,
// 0x8D, 0x8F, 0x90, 0x9D) become the C1 control characters with the same number, as web
// browsers decode them. Ingest removes control characters later.
std::string Windows1252ToUtf8(std::string_view bytes);

// The text of a CSV file converted to UTF-8, without byte order mark.
struct DecodedText {
  std::string text;
  std::string_view encoding;         // "utf-8", "utf-16le", "utf-16be" or "windows-1252"
  std::size_t replaced_sequences = 0;  // invalid sequences replaced by U+FFFD
};

// Decodes a file's bytes. With Encoding::kAuto: a UTF-16 BOM selects UTF-16, valid UTF-8
// (BOM optional) stays as it is, anything else is read as Windows-1252. With kUtf8, invalid
// sequences are replaced by U+FFFD and counted. Takes `bytes` by value so a valid UTF-8
// file is not copied.
DecodedText DecodeToUtf8(std::string bytes, Encoding encoding);

}  // namespace adempauze::ingest
