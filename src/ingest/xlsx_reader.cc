#include "ingest/xlsx_reader.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>

#include <pugixml.hpp>

namespace adempauze::ingest {
namespace {

constexpr int kMaxColumns = 16384;  // XFD, the last column Excel allows

// Element and attribute names compared without their namespace prefix: most writers use
// the default namespace, but some (the Open XML SDK) write <x:row>.
std::string_view LocalName(const char* name) {
  std::string_view view(name);
  std::size_t colon = view.rfind(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local_name) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child.name()) == local_name) return child;
  }
  return {};
}

// Finds an attribute by local name: the relationship id is "r:id" under any prefix.
pugi::xml_attribute Attribute(pugi::xml_node node, std::string_view local_name) {
  for (pugi::xml_attribute attribute : node.attributes()) {
    if (LocalName(attribute.name()) == local_name) return attribute;
  }
  return {};
}

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipCloser>;

struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

// Reading state shared by the steps below: the open package and the names for messages.
struct Package {
  ZipArchive archive;
  std::string display_name;
  XlsxLimits limits;

  Error Corrupt(std::string detail) const {
    Error error = MakeError(ErrorCode::kCorrupt, "ingest.xlsx.corrupt", display_name);
    error.detail = std::move(detail);
    return error;
  }
};

Result<Package> OpenPackage(std::string_view bytes, std::string_view display_name,
                            const XlsxLimits& limits) {
  Package package{nullptr, std::string(display_name), limits};
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return package.Corrupt("zip_source_buffer_create failed");
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    std::string detail = std::string("zip_open: ") + zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return package.Corrupt(detail);
  }
  zip_error_fini(&error);
  package.archive.reset(archive);
  return package;
}

// Reads a part, or returns nullopt when the package has no part of that name. Stops with
// "ingest.xlsx.part_too_large" as soon as the part grows beyond the limit, whatever size the
// zip directory claims.
Result<std::optional<std::string>> ReadPart(const Package& package, const std::string& name) {
  zip_int64_t index = zip_name_locate(package.archive.get(), name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::optional<std::string>();

  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(package.archive.get(), index, 0, &stat) == 0 &&
      (stat.valid & ZIP_STAT_SIZE) && stat.size > package.limits.max_part_bytes) {
    return MakeError(ErrorCode::kCorrupt, "ingest.xlsx.part_too_large", package.display_name,
                     package.limits.max_part_bytes >> 20);
  }

  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(package.archive.get(), index, 0));
  if (!file) return package.Corrupt("cannot open part " + name);
  std::string content;
  if (stat.valid & ZIP_STAT_SIZE) content.reserve(static_cast<std::size_t>(stat.size));
  char buffer[64 * 1024];
  while (true) {
    zip_int64_t read = zip_fread(file.get(), buffer, sizeof buffer);
    if (read < 0) return package.Corrupt("cannot decompress part " + name);
    if (read == 0) break;
    if (content.size() + static_cast<std::uint64_t>(read) > package.limits.max_part_bytes) {
      return MakeError(ErrorCode::kCorrupt, "ingest.xlsx.part_too_large", package.display_name,
                       package.limits.max_part_bytes >> 20);
    }
    content.append(buffer, static_cast<std::size_t>(read));
  }
  return std::optional<std::string>(std::move(content));
}

// Parses XML in place; `text` must outlive `document`.
Status ParseXml(const Package& package, const std::string& part, std::string& text,
                pugi::xml_document& document) {
  // parse_ws_pcdata_single keeps a cell whose whole text is " " (xml:space="preserve").
  unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single;
  pugi::xml_parse_result parsed = document.load_buffer_inplace(text.data(), text.size(), options);
  if (!parsed) return package.Corrupt("part " + part + " is not XML: " + parsed.description());
  return Status::Ok();
}

// Resolves a relationship target against the folder of the part that owns the relationship.
std::string ResolveTarget(std::string_view owner_part, std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  std::string base(owner_part.substr(0, owner_part.rfind('/') + 1));
  std::vector<std::string> segments;
  std::string joined = base + std::string(target);
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string path;
  for (const std::string& segment : segments) {
    if (!path.empty()) path += '/';
    path += segment;
  }
  return path;
}

std::string RelationshipsPartOf(std::string_view part) {
  std::size_t slash = part.rfind('/');
  std::string folder(slash == std::string_view::npos ? "" : part.substr(0, slash + 1));
  std::string file(slash == std::string_view::npos ? part : part.substr(slash + 1));
  return folder + "_rels/" + file + ".rels";
}

struct Relationship {
  std::string id;
  std::string type;    // full URI; compared by its last segment
  std::string target;  // resolved part name
};

// Reads the relationships of `owner_part`; a missing .rels part gives an empty list.
Result<std::vector<Relationship>> ReadRelationships(const Package& package,
                                                    std::string_view owner_part) {
  std::string rels_name = RelationshipsPartOf(owner_part);
  auto content = ReadPart(package, rels_name);
  if (!content.ok()) return content.error();
  std::vector<Relationship> relationships;
  if (!content->has_value()) return relationships;

  pugi::xml_document document;
  Status parsed = ParseXml(package, rels_name, **content, document);
  if (!parsed.ok()) return parsed.error();
  for (pugi::xml_node node : document.document_element().children()) {
    if (LocalName(node.name()) != "Relationship") continue;
    if (std::string_view(node.attribute("TargetMode").value()) == "External") continue;
    relationships.push_back({node.attribute("Id").value(), node.attribute("Type").value(),
                             ResolveTarget(owner_part, node.attribute("Target").value())});
  }
  return relationships;
}

bool TypeIs(const Relationship& relationship, std::string_view last_segment) {
  std::string_view type(relationship.type);
  return type.size() > last_segment.size() &&
         type.substr(type.size() - last_segment.size()) == last_segment &&
         type[type.size() - last_segment.size() - 1] == '/';
}

struct SheetEntry {
  std::string name;
  std::string part;  // resolved part name of the worksheet
  bool visible = true;
};

struct Workbook {
  std::string part;                // e.g. "xl/workbook.xml"
  std::vector<SheetEntry> sheets;  // worksheets in workbook order
  std::string shared_strings_part; // empty when the package has none
};

// Step 1 of reading a sheet: find the workbook, its worksheets and the shared strings.
Result<Workbook> ReadWorkbook(const Package& package) {
  Workbook workbook;
  workbook.part = "xl/workbook.xml";
  auto package_rels = ReadRelationships(package, "");
  if (!package_rels.ok()) return package_rels.error();
  for (const Relationship& relationship : *package_rels) {
    if (TypeIs(relationship, "officeDocument")) workbook.part = relationship.target;
  }

  auto content = ReadPart(package, workbook.part);
  if (!content.ok()) return content.error();
  if (!content->has_value()) return package.Corrupt("no workbook part");
  pugi::xml_document document;
  Status parsed = ParseXml(package, workbook.part, **content, document);
  if (!parsed.ok()) return parsed.error();

  auto workbook_rels = ReadRelationships(package, workbook.part);
  if (!workbook_rels.ok()) return workbook_rels.error();
  for (const Relationship& relationship : *workbook_rels) {
    if (TypeIs(relationship, "sharedStrings")) workbook.shared_strings_part = relationship.target;
  }

  pugi::xml_node sheets = Child(document.document_element(), "sheets");
  for (pugi::xml_node sheet : sheets.children()) {
    if (LocalName(sheet.name()) != "sheet") continue;
    std::string_view id = Attribute(sheet, "id").value();
    auto found = std::find_if(workbook_rels->begin(), workbook_rels->end(),
                              [&](const Relationship& r) { return r.id == id; });
    // Chart sheets and dialog sheets are no worksheets: they have no cells to read.
    if (found == workbook_rels->end() || !TypeIs(*found, "worksheet")) continue;
    std::string_view state = sheet.attribute("state").value();
    workbook.sheets.push_back({sheet.attribute("name").value(), found->target, state.empty() || state == "visible"});
  }
  if (workbook.sheets.empty()) return package.Corrupt("workbook lists no worksheet");
  return workbook;
}

// Joins the text runs of a string item (<si> or <is>): a plain <t>, or rich text runs
// <r><t>, leaving out phonetic guides (<rPh>).
std::string StringItemText(pugi::xml_node item) {
  std::string text;
  for (pugi::xml_node child : item.children()) {
    std::string_view name = LocalName(child.name());
    if (name == "t") {
      text += child.text().get();
    } else if (name == "r") {
      text += Child(child, "t").text().get();
    }
  }
  return text;
}

Result<std::vector<std::string>> ReadSharedStrings(const Package& package,
                                                   const Workbook& workbook) {
  std::vector<std::string> strings;
  std::string part = workbook.shared_strings_part.empty()
                         ? ResolveTarget(workbook.part, "sharedStrings.xml")
                         : workbook.shared_strings_part;
  auto content = ReadPart(package, part);
  if (!content.ok()) return content.error();
  if (!content->has_value()) return strings;  // a workbook with numbers only has none

  pugi::xml_document document;
  Status parsed = ParseXml(package, part, **content, document);
  if (!parsed.ok()) return parsed.error();
  for (pugi::xml_node item : document.document_element().children()) {
    if (LocalName(item.name()) == "si") strings.push_back(StringItemText(item));
  }
  return strings;
}

// Returns the text of one <c> element, or an error for a shared string index out of range.
Result<std::string> CellText(const Package& package, pugi::xml_node cell,
                             const std::vector<std::string>& shared_strings) {
  std::string_view type = cell.attribute("t").value();
  std::string_view value = Child(cell, "v").text().get();
  if (type == "s") {
    std::size_t index = 0;
    for (char c : value) {
      if (c < '0' || c > '9' || index > shared_strings.size()) {
        return package.Corrupt("shared string index out of range");
      }
      index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    if (value.empty() || index >= shared_strings.size()) {
      return package.Corrupt("shared string index out of range");
    }
    return shared_strings[index];
  }
  if (type == "inlineStr") return StringItemText(Child(cell, "is"));
  if (type == "b") return std::string(value == "1" ? "TRUE" : value.empty() ? "" : "FALSE");
  if (type == "str" || type == "e" || type == "d") return std::string(value);
  return NumberCellText(value);  // "n" or no type
}

void TrimTrailingEmptyCells(std::vector<std::string>& cells) {
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
}

// Step 3: turns the <sheetData> rows into SheetRows. The dimension element is ignored,
// because writers often leave it wrong. The `r` attributes decide, and where they are
// missing, a row or cell follows the previous one.
Result<Sheet> ReadRows(const Package& package, const SheetEntry& entry,
                       const std::vector<std::string>& shared_strings) {
  auto content = ReadPart(package, entry.part);
  if (!content.ok()) return content.error();
  if (!content->has_value()) return package.Corrupt("worksheet part missing");
  pugi::xml_document document;
  Status parsed = ParseXml(package, entry.part, **content, document);
  if (!parsed.ok()) return parsed.error();

  Sheet sheet;
  sheet.name = entry.name;
  std::size_t previous_row = 0;
  for (pugi::xml_node row : Child(document.document_element(), "sheetData").children()) {
    if (LocalName(row.name()) != "row") continue;
    std::size_t number = row.attribute("r").as_ullong(0);
    if (number == 0) number = previous_row + 1;
    previous_row = number;

    SheetRow sheet_row{number, {}};
    int previous_column = -1;
    for (pugi::xml_node cell : row.children()) {
      if (LocalName(cell.name()) != "c") continue;
      pugi::xml_attribute reference = cell.attribute("r");
      int column = reference ? ColumnIndexOfReference(reference.value()) : previous_column + 1;
      if (column < 0 || column >= kMaxColumns) return package.Corrupt("bad cell reference");
      previous_column = column;

      auto text = CellText(package, cell, shared_strings);
      if (!text.ok()) return text.error();
      if (text->empty()) continue;
      if (sheet_row.cells.size() <= static_cast<std::size_t>(column)) {
        sheet_row.cells.resize(static_cast<std::size_t>(column) + 1);
      }
      sheet_row.cells[static_cast<std::size_t>(column)] = std::move(*text);
    }
    TrimTrailingEmptyCells(sheet_row.cells);
    if (!sheet_row.cells.empty()) sheet.rows.push_back(std::move(sheet_row));
  }

  // Rows are in order in files Excel writes; sort in case another writer did not comply.
  std::stable_sort(sheet.rows.begin(), sheet.rows.end(),
                   [](const SheetRow& a, const SheetRow& b) { return a.number < b.number; });
  return sheet;
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

const SheetEntry* FindSheet(const Workbook& workbook, std::string_view name) {
  if (name.empty()) {
    for (const SheetEntry& sheet : workbook.sheets) {
      if (sheet.visible) return &sheet;
    }
    return &workbook.sheets.front();
  }
  for (const SheetEntry& sheet : workbook.sheets) {
    if (sheet.name == name) return &sheet;
  }
  for (const SheetEntry& sheet : workbook.sheets) {
    if (AsciiLower(sheet.name) == AsciiLower(name)) return &sheet;
  }
  return nullptr;
}

std::string JoinSheetNames(const Workbook& workbook) {
  std::string names;
  for (const SheetEntry& sheet : workbook.sheets) {
    if (!names.empty()) names += ", ";
    names += '"' + sheet.name + '"';
  }
  return names;
}

}  // namespace

int ColumnIndexOfReference(std::string_view reference) {
  int column = 0;
  std::size_t i = 0;
  for (; i < reference.size(); ++i) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(reference[i])));
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + (c - 'A' + 1);
    if (column > kMaxColumns) return -1;
  }
  return i == 0 ? -1 : column - 1;
}

std::string NumberCellText(std::string_view value) {
  // Split into sign, mantissa digits, the position of the decimal point and the exponent.
  std::size_t i = 0;
  std::string sign;
  if (i < value.size() && (value[i] == '-' || value[i] == '+')) {
    if (value[i] == '-') sign = "-";
    ++i;
  }
  std::string digits;
  long point = -1;
  for (; i < value.size(); ++i) {
    char c = value[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '.' && point < 0) {
      point = static_cast<long>(digits.size());
    } else {
      break;
    }
  }
  if (digits.empty()) return std::string(value);
  if (point < 0) point = static_cast<long>(digits.size());

  if (i < value.size()) {
    if (value[i] != 'e' && value[i] != 'E') return std::string(value);
    std::string_view exponent_text = value.substr(i + 1);
    bool negative = !exponent_text.empty() && exponent_text.front() == '-';
    if (!exponent_text.empty() && (exponent_text.front() == '-' || exponent_text.front() == '+')) {
      exponent_text.remove_prefix(1);
    }
    if (exponent_text.empty() || exponent_text.size() > 3) return std::string(value);
    long exponent = 0;
    for (char c : exponent_text) {
      if (c < '0' || c > '9') return std::string(value);
      exponent = exponent * 10 + (c - '0');
    }
    // Expanding 1E+300 into 301 digits is of no use, so such values stay as written.
    if (exponent > 40) return std::string(value);
    point += negative ? -exponent : exponent;
  }

  // Place the decimal point, padding with zeros on either side.
  if (point < 0) {
    digits.insert(0, static_cast<std::size_t>(-point), '0');
    point = 0;
  }
  if (point > static_cast<long>(digits.size())) digits.append(static_cast<std::size_t>(point) - digits.size(), '0');
  std::string integer = digits.substr(0, static_cast<std::size_t>(point));
  std::string fraction = digits.substr(static_cast<std::size_t>(point));

  integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size()));
  if (integer.empty()) integer = "0";
  fraction.erase(fraction.find_last_not_of('0') + 1);
  if (integer == "0" && fraction.empty()) sign.clear();
  return sign + integer + (fraction.empty() ? "" : "." + fraction);
}

Result<std::vector<std::string>> ListXlsxSheets(std::string_view bytes,
                                                std::string_view display_name,
                                                const XlsxLimits& limits) {
  auto package = OpenPackage(bytes, display_name, limits);
  if (!package.ok()) return package.error();
  auto workbook = ReadWorkbook(*package);
  if (!workbook.ok()) return workbook.error();
  std::vector<std::string> names;
  for (const SheetEntry& sheet : workbook->sheets) names.push_back(sheet.name);
  return names;
}

Result<Sheet> ReadXlsxSheet(std::string_view bytes, std::string_view sheet_name,
                            std::string_view display_name, const XlsxLimits& limits) {
  // Step 1: open the zip package and find the workbook and its worksheets.
  auto package = OpenPackage(bytes, display_name, limits);
  if (!package.ok()) return package.error();
  auto workbook = ReadWorkbook(*package);
  if (!workbook.ok()) return workbook.error();

  // Step 2: pick the sheet before reading large parts, so a wrong name fails fast.
  const SheetEntry* entry = FindSheet(*workbook, sheet_name);
  if (entry == nullptr) {
    return MakeError(ErrorCode::kNotFound, "ingest.xlsx.sheet_not_found", display_name,
                     sheet_name, JoinSheetNames(*workbook));
  }

  // Step 3: shared strings, then the sheet's rows.
  auto shared_strings = ReadSharedStrings(*package, *workbook);
  if (!shared_strings.ok()) return shared_strings.error();
  return ReadRows(*package, *entry, *shared_strings);
}

}  // namespace adempauze::ingest
