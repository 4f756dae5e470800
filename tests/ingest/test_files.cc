#include "test_files.h"

#include <zip.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace adempauze::ingest::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "adempauze-ingest-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::Write(const std::string& name, const std::string& bytes) const {
  std::filesystem::path file = path_ / name;
  std::ofstream stream(file, std::ios::binary);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!stream) throw std::runtime_error("cannot write test file");
  return file;
}

void WriteZip(const std::filesystem::path& file, const std::vector<Part>& parts) {
  int error = 0;
  zip_t* archive = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("zip_open failed");
  for (const auto& [name, content] : parts) {
    // libzip reads the buffer when the archive is closed, so the parts must stay alive.
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      zip_discard(archive);
      throw std::runtime_error("zip_file_add failed");
    }
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    throw std::runtime_error("zip_close failed");
  }
}

std::vector<Part> XlsxParts(const std::vector<std::pair<std::string, std::string>>& sheets,
                            const std::string& shared_strings_xml) {
  const std::string relationship_ns =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string content_types =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/></Types>)";
  std::string root_rels =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type=")" + relationship_ns +
      R"(/officeDocument" Target="xl/workbook.xml"/></Relationships>)";

  std::string workbook =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r=")" +
      relationship_ns + R"("><sheets>)";
  std::string workbook_rels =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  std::vector<Part> parts;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    std::string id = "rId" + std::to_string(i + 1);
    std::string part = "worksheets/sheet" + std::to_string(i + 1) + ".xml";
    workbook += R"(<sheet name=")" + sheets[i].first + R"(" sheetId=")" + std::to_string(i + 1) +
                R"(" r:id=")" + id + R"("/>)";
    workbook_rels += R"(<Relationship Id=")" + id + R"(" Type=")" + relationship_ns +
                     R"(/worksheet" Target=")" + part + R"("/>)";
    parts.emplace_back("xl/" + part, sheets[i].second);
  }
  if (!shared_strings_xml.empty()) {
    workbook_rels += R"(<Relationship Id="rIdStrings" Type=")" + relationship_ns +
                     R"(/sharedStrings" Target="sharedStrings.xml"/>)";
    parts.emplace_back("xl/sharedStrings.xml", shared_strings_xml);
  }
  workbook += "</sheets></workbook>";
  workbook_rels += "</Relationships>";

  parts.emplace_back("[Content_Types].xml", content_types);
  parts.emplace_back("_rels/.rels", root_rels);
  parts.emplace_back("xl/workbook.xml", workbook);
  parts.emplace_back("xl/_rels/workbook.xml.rels", workbook_rels);
  return parts;
}

std::string SheetXml(const std::string& rows, const std::string& dimension) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>)"
         R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
         R"(<dimension ref=")" + dimension + R"("/><sheetData>)" + rows +
         "</sheetData></worksheet>";
}

}  // namespace adempauze::ingest::testing
