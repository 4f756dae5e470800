// Decoding CSV bytes to UTF-8.
#include <string>

#include <gtest/gtest.h>

#include "ingest/encoding.h"

namespace adempauze::ingest {
namespace {

TEST(IsValidUtf8, AcceptsAsciiAndAccents) {
  EXPECT_TRUE(IsValidUtf8("Kerkstraat 12"));
  EXPECT_TRUE(IsValidUtf8("Fran\xC3\xA7oise Ma\xC3\xABs \xE2\x82\xAC"));
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(IsValidUtf8, RejectsMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));              // Windows-1252 é
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));             // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));         // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));     // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xE2\x82"));     // cut off after the ASCII fast path
}

TEST(Windows1252ToUtf8, ConvertsAccentsAndHighRange) {
  EXPECT_EQ(Windows1252ToUtf8("\xE9\xEB\xE7"), "\xC3\xA9\xC3\xAB\xC3\xA7");  // é ë ç
  EXPECT_EQ(Windows1252ToUtf8("\x80"), "\xE2\x82\xAC");                      // €
  EXPECT_EQ(Windows1252ToUtf8("\x91\x92"), "\xE2\x80\x98\xE2\x80\x99");      // ‘ ’
  EXPECT_EQ(Windows1252ToUtf8("\x81"), "\xC2\x81");  // undefined: C1 control
}

TEST(DecodeToUtf8, StripsUtf8Bom) {
  DecodedText decoded = DecodeToUtf8("\xEF\xBB\xBFNaam", Encoding::kAuto);
  EXPECT_EQ(decoded.text, "Naam");
  EXPECT_EQ(decoded.encoding, "utf-8");
}

TEST(DecodeToUtf8, InvalidUtf8FallsBackToWindows1252) {
  DecodedText decoded = DecodeToUtf8("Ren\xE9", Encoding::kAuto);
  EXPECT_EQ(decoded.text, "Ren\xC3\xA9");
  EXPECT_EQ(decoded.encoding, "windows-1252");
}

TEST(DecodeToUtf8, ForcedUtf8ReplacesInvalidBytes) {
  DecodedText decoded = DecodeToUtf8("a\xE9z", Encoding::kUtf8);
  EXPECT_EQ(decoded.text, "a\xEF\xBF\xBDz");
  EXPECT_EQ(decoded.replaced_sequences, 1u);
}

TEST(DecodeToUtf8, ForcedWindows1252ConvertsValidUtf8Bytes) {
  DecodedText decoded = DecodeToUtf8("\xC3\xA9", Encoding::kWindows1252);
  EXPECT_EQ(decoded.text, "\xC3\x83\xC2\xA9");  // "Ã©": what the user asked for
}

TEST(DecodeToUtf8, Utf16LittleEndianWithBom) {
  std::string bytes("\xFF\xFE" "N\0a\0\xE9\0\n\0", 10);
  DecodedText decoded = DecodeToUtf8(bytes, Encoding::kAuto);
  EXPECT_EQ(decoded.text, "Na\xC3\xA9\n");
  EXPECT_EQ(decoded.encoding, "utf-16le");
}

TEST(DecodeToUtf8, Utf16BigEndianSurrogatePair) {
  std::string bytes("\xFE\xFF\xD8\x3D\xDE\x00", 6);  // U+1F600
  DecodedText decoded = DecodeToUtf8(bytes, Encoding::kAuto);
  EXPECT_EQ(decoded.text, "\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace adempauze::ingest
