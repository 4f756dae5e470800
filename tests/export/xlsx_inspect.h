// Test helper: reads the cells of an XLSX workbook's first sheet with libzip and pugixml,
// keeping what the tests check (cell type, formula presence, style's number format).
#pragma once

#include <zip.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

namespace adempauze::exports::testing {

struct XlsxCell {
  std::string type;         // the t attribute: "s", "inlineStr", "str", "n" or "" (number)
  std::string value;        // the resolved text of a string cell, or the raw <v> of a number
  bool has_formula = false;
  std::string number_format;  // the format code of the cell's style, "" for General
  bool bold = false;
};

struct XlsxSheet {
  std::map<std::string, XlsxCell> cells;  // by reference, "A1"
  pugi::xml_document sheet_xml;
};

// Returns the content of one package part, or nullopt when it is missing.
inline std::optional<std::string> ReadPart(const std::filesystem::path& file, const std::string& name) {
  int error = 0;
  zip_t* archive = zip_open(file.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) return std::nullopt;
  std::optional<std::string> content;
  zip_stat_t stat;
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    if (zip_file_t* entry = zip_fopen(archive, name.c_str(), 0)) {
      std::string data(stat.size, '\0');
      if (zip_fread(entry, data.data(), stat.size) == static_cast<zip_int64_t>(stat.size)) {
        content = std::move(data);
      }
      zip_fclose(entry);
    }
  }
  zip_close(archive);
  return content;
}

// Decodes the "_xHHHH_" escapes OOXML uses for control characters (ST_Xstring), as Excel
// does when it reads a string; only code points below 0x80 occur in these tests.
inline std::string DecodeEscapes(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 2) == "_x" && i + 7 <= text.size() && text[i + 6] == '_') {
      unsigned value = std::stoul(std::string(text.substr(i + 2, 4)), nullptr, 16);
      if (value < 0x80) {
        decoded += static_cast<char>(value);
        i += 6;
        continue;
      }
    }
    decoded += text[i];
  }
  return decoded;
}

inline std::string Text(const pugi::xml_node& node) {
  std::string text;
  for (const pugi::xpath_node& t : node.select_nodes(".//*[local-name()='t']")) {
    text += t.node().text().get();
  }
  return DecodeEscapes(text);
}

// Returns the format code and boldness of each cell style index (cellXfs order).
inline std::vector<std::pair<std::string, bool>> ReadStyles(const std::string& styles_xml) {
  pugi::xml_document styles;
  styles.load_string(styles_xml.c_str());
  pugi::xml_node root = styles.child("styleSheet");
  std::map<int, std::string> custom;
  for (pugi::xml_node format : root.child("numFmts").children("numFmt")) {
    custom[format.attribute("numFmtId").as_int()] = format.attribute("formatCode").value();
  }
  std::vector<bool> bold_fonts;
  for (pugi::xml_node font : root.child("fonts").children("font")) {
    bold_fonts.push_back(static_cast<bool>(font.child("b")));
  }
  std::vector<std::pair<std::string, bool>> result;
  for (pugi::xml_node xf : root.child("cellXfs").children("xf")) {
    int id = xf.attribute("numFmtId").as_int();
    std::string code = id == 49 ? "@" : (custom.count(id) ? custom[id] : "");
    std::size_t font = xf.attribute("fontId").as_uint();
    result.emplace_back(code, font < bold_fonts.size() && bold_fonts[font]);
  }
  return result;
}

// Reads the first sheet; returns nullopt when the file is not an XLSX package.
inline std::optional<XlsxSheet> ReadFirstSheet(const std::filesystem::path& file) {
  auto sheet_part = ReadPart(file, "xl/worksheets/sheet1.xml");
  auto styles_part = ReadPart(file, "xl/styles.xml");
  if (!sheet_part || !styles_part) return std::nullopt;

  std::vector<std::string> shared;
  if (auto strings_part = ReadPart(file, "xl/sharedStrings.xml")) {
    pugi::xml_document strings;
    strings.load_string(strings_part->c_str());
    for (pugi::xml_node si : strings.child("sst").children("si")) shared.push_back(Text(si));
  }
  const auto styles = ReadStyles(*styles_part);

  XlsxSheet sheet;
  sheet.sheet_xml.load_string(sheet_part->c_str());
  for (pugi::xml_node row : sheet.sheet_xml.child("worksheet").child("sheetData").children("row")) {
    for (pugi::xml_node c : row.children("c")) {
      XlsxCell cell;
      cell.type = c.attribute("t").value();
      cell.has_formula = static_cast<bool>(c.child("f"));
      std::string raw = c.child("v").text().get();
      if (cell.type == "s") {
        std::size_t index = std::stoul(raw);
        cell.value = index < shared.size() ? shared[index] : "";
      } else if (cell.type == "inlineStr") {
        cell.value = Text(c.child("is"));
      } else {
        cell.value = raw;
      }
      std::size_t style = c.attribute("s").as_uint();
      if (style < styles.size()) {
        cell.number_format = styles[style].first;
        cell.bold = styles[style].second;
      }
      sheet.cells[c.attribute("r").value()] = cell;
    }
  }
  return sheet;
}

}  // namespace adempauze::exports::testing
