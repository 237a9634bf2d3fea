// Supporters lists: who endorses a document (one signatory a line, TSV), each linked to
// the vocabulary's actors.
#include "writer.hpp"

namespace normgraph::loaders {

using namespace norm;

namespace {}  // namespace

SupportersResult NormLoader::load_supporters(std::string_view bytes, const std::string& file_name,
                                             GraphStore& store) const {
  const std::string utf8 = text::to_utf8(bytes);
  const std::string file = base_name(file_name);
  const auto& entries = impl_->vocabulary.entries();
  struct Row {
    size_t line;
    std::string code, name, text;
  };
  std::vector<Row> rows;
  std::string comments, explicit_document;
  std::istringstream in(utf8);
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string t = trim(line);
    if (t.empty()) continue;
    if (t[0] == '#') {
      std::string c = trim(t.substr(1));
      if (c.rfind("document:", 0) == 0)
        explicit_document = trim(c.substr(9));
      else
        comments += c + "\n";
      continue;
    }
    std::vector<std::string> cols = split_tabs(line);
    if (cols.size() == 1)
      rows.push_back({n, "", cols[0], t});
    else
      rows.push_back({n, cols[0], cols[1], t});
  }
  // The document: named, else the first the comments or the file name mention.
  const ontology::VocabularyEntry* doc_entry = nullptr;
  if (!explicit_document.empty()) {
    doc_entry = impl_->vocabulary.find(explicit_document);
    if (!doc_entry)
      if (auto named = entries_named(*impl_, explicit_document, "Document"); !named.empty())
        doc_entry = &entries[named[0]];
    if (!doc_entry && !store.find_node(explicit_document))
      throw InputError(file_name + ": '# document: " + explicit_document +
                       "' names no known document");
  } else {
    std::string stem = std::filesystem::path(file_name).stem().string();
    std::replace(stem.begin(), stem.end(), '_', ' ');
    for (const std::string& where : {comments, stem}) {
      if (doc_entry) break;
      for (const Mention& m : mentions(*impl_, where, {"Document"})) {
        doc_entry = &entries[m.entry];
        break;
      }
    }
    if (!doc_entry)
      throw InputError(file_name +
                       ": cannot tell which document these are the supporters of; add a line '# "
                       "document: doc:...'");
  }
  SupportersResult result;
  result.document = doc_entry ? doc_entry->id : explicit_document;
  result.rows = rows.size();
  std::vector<std::pair<uint32_t, const Row*>> resolved;
  for (const Row& row : rows) {
    const std::string where = file + ":" + std::to_string(row.line) + ": ";
    if (row.name.empty()) {
      result.warnings.push_back(where + "supporter '" + row.code +
                                "' not resolved: the row has no name");
      continue;
    }
    std::vector<uint32_t> found = entries_named(*impl_, row.name, "Actor");
    const ontology::VocabularyEntry* by_code =
        row.code.empty() ? nullptr : impl_->vocabulary.find("state:" + row.code);
    if (found.size() > 1 && by_code) {  // the code tells which one
      auto it = std::find_if(found.begin(), found.end(),
                             [&](uint32_t e) { return &entries[e] == by_code; });
      if (it != found.end()) found = {*it};
    }
    if (found.empty()) {
      result.warnings.push_back(where + "supporter '" + row.name +
                                "' not resolved: no actor of that name or alias in the vocabulary");
      continue;
    }
    if (found.size() > 1) {
      std::string which;
      for (uint32_t e : found) which += (which.empty() ? "" : ", ") + entries[e].id;
      result.warnings.push_back(where + "supporter '" + row.name +
                                "' not resolved: the name is ambiguous (" + which + ")");
      continue;
    }
    const auto& actor = entries[found[0]];
    if (!row.code.empty() && by_code && by_code != &actor)
      result.warnings.push_back(where + "supporter '" + row.name + "' resolved by name to " +
                                actor.id + ", although its code " + row.code + " is " +
                                by_code->id);
    else if (!row.code.empty() && !by_code && actor.id.rfind("state:", 0) == 0)
      result.warnings.push_back(where + "note: code " + row.code +
                                " is not a state code of the vocabulary; '" + row.name +
                                "' resolved by name to " + actor.id);
    resolved.push_back({found[0], &row});
  }
  result.resolved = resolved.size();
  // Everything is read and resolved; now the store.
  NodeId doc;
  if (doc_entry) {
    doc = store.upsert_node(vocabulary_node(*doc_entry));
    ++result.counts.nodes;
  } else {
    doc = *store.find_node(explicit_document);
  }
  const EdgeType endorses = store.intern_edge_type("ENDORSES");
  for (const auto& [e, row] : resolved) {
    Evidence ev;
    ev.rule = kSupportersRule;
    ev.text = row->text;
    ev.extra = {{"file", Value(file)}, {"line", Value(static_cast<int64_t>(row->line))}};
    store.upsert_edge(store.upsert_node(vocabulary_node(entries[e])), endorses, doc, false, {},
                      {ev});
    ++result.counts.nodes;
    ++result.counts.edges;
  }
  const LoadCounts signatories = NormTextWriter::link_signatories(store, doc);
  result.counts.edges += signatories.edges;
  return result;
}

SupportersResult NormLoader::load_supporters_file(const std::string& path,
                                                  GraphStore& store) const {
  return load_supporters(read_file(path), path, store);
}

}  // namespace normgraph::loaders
