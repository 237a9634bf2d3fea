// The norm-text loader: the numbering parser (lines to provisions), the reading of a
// provision (modality, addressee, action), and the writers of norm texts, supporters lists and
// curated norm sets. What it knows about the language of norm texts is in norm-text.rules.
// The parts are in norm/: common.hpp, provision_parser.hpp, reader.hpp, writer.hpp,
// supporters.cpp and curated.cpp.
#include "normgraph/loaders/norm_text.hpp"

#include "norm/writer.hpp"

namespace normgraph::loaders {

using namespace norm;

// ---- reading a provision

std::vector<Provision> NormLoader::parse_provisions(std::string_view body) const {
  std::vector<Provision> provisions = ProvisionParser(impl_->rules, 1).parse(body);
  for (Provision& p : provisions)
    p.text =
        text::normalize(repair_words(p.text, impl_->rules, impl_->text_rules), impl_->text_rules)
            .text;
  return provisions;
}

ProvisionReading NormLoader::read_sentence(std::string_view sentence) const {
  return Reader(*impl_).sentence(sentence);
}

std::vector<ProvisionReading> NormLoader::read_provisions(
    const std::vector<Provision>& provisions) const {
  return Reader(*impl_).provisions(provisions);
}

// ---- writing a norm text

LoadCounts NormLoader::load_norm_text(std::string_view bytes, const std::string& file_name,
                                      GraphStore& store) const {
  NormTextWriter writer(*this, *impl_, bytes,
                        file_name);  // reads everything before the store is touched
  return writer.write(store);
}

LoadCounts NormLoader::load_norm_text_file(const std::string& path, GraphStore& store) const {
  return load_norm_text(read_file(path), path, store);
}

// ---- loading the loader

NormLoader NormLoader::load_dir(const std::string& dir) {
  auto impl = std::make_shared<Impl>(Impl{ontology::Vocabulary::load_dir(dir + "/vocab"),
                                          text::TextRules::load_dir(dir + "/text"),
                                          NormRules::load_file(dir + "/norms/norm-text.rules"),
                                          {},
                                          {}});
  const auto& entries = impl->vocabulary.entries();
  for (uint32_t e = 0; e < entries.size(); ++e) {
    const auto& en = entries[e];
    for (const auto* list : {&en.aliases, &en.triggers})
      for (const auto& phrase : *list) impl->matcher.add(phrase, e);
    impl->matcher.add(en.name, e);
    impl->text_rules.add_known_words(en.name);
    for (const auto& a : en.aliases) impl->text_rules.add_known_words(a);
    impl->by_name[fold(en.name)].push_back(e);
    impl->by_name[fold(en.id.substr(en.id.find(':') + 1))].push_back(e);
    for (const auto& a : en.aliases) impl->by_name[fold(a)].push_back(e);
  }
  const std::string rules_file = dir + "/norms/norm-text.rules";
  for (const auto& [id, phrase] : impl->rules.instantiates) {
    const auto* entry = impl->vocabulary.find(id);
    if (!entry || entry->kind != "Principle")
      throw InputError(rules_file + ": 'instantiates " + id +
                       "': no principle of that id in the vocabulary");
    impl->matcher.add(phrase, static_cast<uint32_t>(entry - entries.data()));
  }
  return NormLoader(std::move(impl));
}

NormLoader NormLoader::load_default() {
  return load_dir(ontology_dir());
}

bool is_norm_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  const text::Header header = text::parse_header(text::to_utf8(head));
  return header_value(header, "kind") == "norm-text";
}

bool is_supporters_file(const std::string& path) {
  const std::filesystem::path p(path);
  const std::string name = ascii_lower(p.filename().string());
  return p.extension() == ".tsv" && (name.find("supporters") != std::string::npos ||
                                     name.find("signatories") != std::string::npos);
}

}  // namespace normgraph::loaders
