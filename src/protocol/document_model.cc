#include "protocol/document_model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <utility>

namespace adempauze::protocol {
namespace {

// Appends blocks for one item at a time, with the texts of the catalog in one language.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(Language language) : language_(language) {}

  std::string Text(std::string_view key) const {
    return std::string(LookupMessage(language_, key));
  }
  template <typename... Args>
  std::string Text(std::string_view key, const Args&... args) const {
    return Message(language_, key, args...);
  }
  std::string Date(CivilDate date) const { return FormatLongDate(date, language_); }

  void Heading(int item) {
    Add(BlockKind::kHeading, Text(fmt::format("protocol.doc.item.{}", item)), "", item);
  }
  void Subheading(std::string text) { Add(BlockKind::kSubheading, std::move(text)); }
  void Paragraph(std::string text) { Add(BlockKind::kParagraph, std::move(text)); }
  void Paragraphs(std::string_view free_text) {
    for (std::string& paragraph : SplitParagraphs(free_text)) Paragraph(std::move(paragraph));
  }
  void Bullet(std::string text) { Add(BlockKind::kBullet, std::move(text)); }
  // Adds one bullet per text, each with its whitespace collapsed like a paragraph.
  void Bullets(const std::vector<std::string>& texts) {
    for (const std::string& text : texts)
      Bullet(fmt::format("{}", fmt::join(SplitParagraphs(text), " ")));
  }
  // Adds "label: text", or nothing when `text` is empty (an optional value not given).
  void LabeledValue(std::string label, std::string text) {
    if (text.empty()) return;
    Add(BlockKind::kField, std::move(text), std::move(label));
  }
  void LabeledValueFor(std::string_view label_key, std::string text) {
    LabeledValue(Text(label_key), std::move(text));
  }
  void Title(std::string text) { Add(BlockKind::kTitle, std::move(text)); }

  std::vector<Block> TakeBlocks() { return std::move(blocks_); }

 private:
  void Add(BlockKind kind, std::string text, std::string label = "", int item = 0) {
    blocks_.push_back(Block{kind, std::move(text), std::move(label), item});
  }

  Language language_;
  std::vector<Block> blocks_;
};

std::string FieldLabel(const DocumentBuilder& builder, Field field) {
  return builder.Text(fmt::format("protocol.doc.field.{}", FieldKey(field)));
}

std::string OfficerContact(const DataProtectionOfficer& officer) {
  std::string contact;
  for (const std::string* part : {&officer.name, &officer.email, &officer.phone}) {
    if (part->empty()) continue;
    if (!contact.empty()) contact += ", ";
    contact += *part;
  }
  return contact;
}

void AddFrontMatter(DocumentBuilder& doc, const ProtocolDefinition& definition) {
  doc.Title(definition.title);
  doc.LabeledValueFor("protocol.doc.label.id", definition.id);
  doc.LabeledValueFor("protocol.doc.label.validity",
                      doc.Text("protocol.doc.period", doc.Date(definition.validity.start),
                               doc.Date(definition.validity.end)));
  doc.LabeledValueFor("protocol.doc.label.signed_title", definition.signed_text.title);
  doc.LabeledValueFor("protocol.doc.label.date_signed",
                      doc.Date(definition.signed_text.date_signed));
  doc.LabeledValueFor("protocol.doc.label.sha256", definition.signed_text.sha256);
  doc.LabeledValueFor("protocol.doc.label.document_reference",
                      definition.signed_text.document_reference);
  doc.Paragraph(doc.Text("protocol.doc.generated_note"));
}

void AddControllers(DocumentBuilder& doc, const ProtocolDefinition& definition) {
  doc.Heading(1);
  for (const Controller& controller : definition.controllers) {
    doc.Subheading(doc.Text(controller.role == PartyRole::kCity ? "protocol.doc.role.city"
                                                                : "protocol.doc.role.ocmw"));
    doc.LabeledValueFor("protocol.doc.label.name", controller.name);
    doc.LabeledValueFor("protocol.doc.label.address", controller.address);
    doc.LabeledValueFor("protocol.doc.label.represented_by", controller.represented_by);
    doc.LabeledValueFor("protocol.doc.label.dpo",
                        OfficerContact(controller.data_protection_officer));
  }
}

void AddData(DocumentBuilder& doc, const ProtocolDefinition& definition) {
  doc.Heading(3);
  doc.Subheading(doc.Text("protocol.doc.fields.city_to_ocmw"));
  for (Field field : definition.city_to_ocmw) doc.Bullet(FieldLabel(doc, field));
  doc.Subheading(doc.Text("protocol.doc.fields.ocmw_to_city"));
  for (Field field : definition.ocmw_to_city) doc.Bullet(FieldLabel(doc, field));
  doc.Paragraphs(definition.data_extent);
  doc.Paragraph(doc.Text("protocol.doc.fields.nothing_else"));
}

void AddRecipients(DocumentBuilder& doc, const ProtocolDefinition& definition) {
  doc.Heading(4);
  for (const Recipient& recipient : definition.recipients)
    doc.LabeledValue(recipient.party, recipient.services);
  doc.Paragraph(doc.Text("protocol.doc.recipients.no_third_parties"));
}

void AddDuration(DocumentBuilder& doc, const Protocol& protocol) {
  const ProtocolDefinition& definition = protocol.definition();
  const RetentionRule& retention = definition.retention;
  doc.Heading(7);
  doc.Paragraph(doc.Text("protocol.doc.duration.period", doc.Date(definition.validity.start),
                         doc.Date(definition.validity.end)));
  doc.Paragraph(doc.Text(retention.personal_data == RetentionAction::kDelete
                             ? "protocol.doc.duration.delete"
                             : "protocol.doc.duration.anonymise",
                         retention.within_days, doc.Date(protocol.DeletionDeadline())));
  doc.Subheading(doc.Text("protocol.doc.label.evaluation"));
  doc.Paragraphs(retention.evaluation);
  doc.Paragraph(doc.Text("protocol.doc.duration.access_log", retention.access_log_years));
}

}  // namespace

std::string FormatLongDate(CivilDate date, Language language) {
  const std::string month(
      LookupMessage(language, fmt::format("protocol.doc.month.{}", date.month)));
  return Message(language, "protocol.doc.date", date.day, month, date.year);
}

std::vector<std::string> SplitParagraphs(std::string_view text) {
  std::vector<std::string> paragraphs;
  std::string current;
  bool pending_space = false;
  int newlines = 0;
  for (char c : text) {
    if (c == '\n') ++newlines;
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      pending_space = true;
      continue;
    }
    if (newlines >= 2 && !current.empty()) {
      paragraphs.push_back(std::move(current));
      current.clear();
    } else if (pending_space && !current.empty()) {
      current += ' ';
    }
    current += c;
    pending_space = false;
    newlines = 0;
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  return paragraphs;
}

DocumentModel BuildDocument(const Protocol& protocol, Language language) {
  const ProtocolDefinition& definition = protocol.definition();
  DocumentBuilder doc(language);

  AddFrontMatter(doc, definition);
  AddControllers(doc, definition);
  doc.Heading(2);
  doc.Bullets(definition.purposes);
  AddData(doc, definition);
  AddRecipients(doc, definition);
  doc.Heading(5);
  doc.Bullets(definition.legal_bases);
  doc.Heading(6);
  doc.Paragraphs(definition.periodicity);
  AddDuration(doc, protocol);
  doc.Heading(8);
  doc.Bullets(definition.security_measures);
  doc.Heading(9);
  doc.Paragraphs(definition.sanction);
  doc.Paragraph(doc.Text("protocol.doc.sanction.enforced"));
  doc.Heading(10);
  doc.Bullets(definition.original_purposes);
  doc.Heading(11);
  doc.Paragraphs(definition.compatibility_analysis);
  doc.Heading(12);
  doc.Paragraphs(definition.data_quality);
  doc.Heading(13);
  doc.Bullets(definition.specific_measures);
  doc.Bullet(doc.Text("protocol.doc.measures.follow_up", protocol.FollowUpDays()));

  return DocumentModel{language == Language::kEnglish ? "en" : "nl", definition.title,
                       definition.id, doc.TakeBlocks()};
}

}  // namespace adempauze::protocol
