// UTF-8 to WinAnsiEncoding (Windows-1252), the single-byte encoding of the PDF's built-in
// Helvetica fonts.
#pragma once

#include <string>
#include <string_view>

namespace adempauze::protocol {

// Converts UTF-8 text to Windows-1252 bytes. Some editors save a letter as a base letter
// followed by a combining accent; where Windows-1252 has the composed letter, it is used
// ("e" + U+0308 becomes "ë", 0xEB), and any other combining accent is left out. Control
// characters become spaces. A character that Windows-1252 lacks, and each byte of an
// invalid UTF-8 sequence, becomes '?'.
std::string Utf8ToWinAnsi(std::string_view utf8);

}  // namespace adempauze::protocol
