#include "ingest/encoding.h"

#include <cstdint>
#include <cstring>

namespace adempauze::ingest {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Unicode code points of the Windows-1252 bytes 0x80-0x9F; the rest equals Latin-1.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void AppendUtf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

constexpr char32_t kReplacement = 0xFFFD;

// Returns the length of the well-formed UTF-8 sequence at the start of `bytes`, or 0 when
// the bytes there are not well-formed (RFC 3629, table 3-7 of the Unicode standard).
std::size_t Utf8SequenceLength(const unsigned char* p, std::size_t available) {
  unsigned char lead = p[0];
  if (lead < 0x80) return 1;
  auto continuation = [&](std::size_t i, unsigned char low, unsigned char high) {
    return i < available && p[i] >= low && p[i] <= high;
  };
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1, 0x80, 0xBF) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    unsigned char high = lead == 0xED ? 0x9F : 0xBF;  // 0xED A0..BF would be a surrogate
    return continuation(1, low, high) && continuation(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation(1, low, high) && continuation(2, 0x80, 0xBF) &&
                   continuation(3, 0x80, 0xBF)
               ? 4
               : 0;
  }
  return 0;
}

std::string DecodeUtf16(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit_at = [&](std::size_t i) -> char16_t {
    auto b0 = static_cast<unsigned char>(bytes[i]);
    auto b1 = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? static_cast<char16_t>(b0 | (b1 << 8))
                         : static_cast<char16_t>((b0 << 8) | b1);
  };
  std::size_t i = 0;
  while (i + 1 < bytes.size()) {
    char16_t unit = unit_at(i);
    i += 2;
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < bytes.size()) {
      char16_t low = unit_at(i);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        i += 2;
        AppendUtf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        continue;
      }
    }
    bool lone_surrogate = unit >= 0xD800 && unit <= 0xDFFF;
    AppendUtf8(out, lone_surrogate ? kReplacement : unit);
  }
  return out;
}

std::string ReplaceInvalidUtf8(std::string_view bytes, std::size_t* replaced) {
  std::string out;
  out.reserve(bytes.size());
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t length = Utf8SequenceLength(p + i, bytes.size() - i);
    if (length == 0) {
      AppendUtf8(out, kReplacement);
      ++*replaced;
      ++i;
      continue;
    }
    out.append(bytes.data() + i, length);
    i += length;
  }
  return out;
}

void StripUtf8Bom(std::string& text) {
  if (std::string_view(text).substr(0, 3) == kUtf8Bom) text.erase(0, 3);
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t size = bytes.size();
  std::size_t i = 0;
  while (i < size) {
    // Skip ASCII eight bytes at a time: most of a list is ASCII.
    if (i + 8 <= size) {
      std::uint64_t chunk;
      std::memcpy(&chunk, p + i, 8);
      if ((chunk & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    std::size_t length = Utf8SequenceLength(p + i, size - i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string Windows1252ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
    } else if (byte < 0xA0) {
      AppendUtf8(out, kCp1252High[byte - 0x80]);
    } else {
      AppendUtf8(out, byte);
    }
  }
  return out;
}

DecodedText DecodeToUtf8(std::string bytes, Encoding encoding) {
  DecodedText decoded;
  std::string_view view(bytes);

  // A UTF-16 BOM is unambiguous ("Unicode text" from Excel), whatever was requested.
  if (encoding == Encoding::kAuto && view.size() >= 2) {
    if (view.substr(0, 2) == "\xFF\xFE") {
      decoded.text = DecodeUtf16(view.substr(2), /*little_endian=*/true);
      decoded.encoding = "utf-16le";
      return decoded;
    }
    if (view.substr(0, 2) == "\xFE\xFF") {
      decoded.text = DecodeUtf16(view.substr(2), /*little_endian=*/false);
      decoded.encoding = "utf-16be";
      return decoded;
    }
  }

  if (encoding == Encoding::kWindows1252 ||
      (encoding == Encoding::kAuto && !IsValidUtf8(view))) {
    decoded.text = Windows1252ToUtf8(view);
    decoded.encoding = "windows-1252";
    return decoded;
  }

  decoded.encoding = "utf-8";
  if (encoding == Encoding::kUtf8 && !IsValidUtf8(view)) {
    decoded.text = ReplaceInvalidUtf8(view, &decoded.replaced_sequences);
  } else {
    decoded.text = std::move(bytes);
  }
  StripUtf8Bom(decoded.text);
  return decoded;
}

}  // namespace adempauze::ingest
