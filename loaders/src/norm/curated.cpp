// Curated norm sets: the norms of a document whose text is not in the corpus, summarized
// in our own words (docs/norm-texts.md, "Curated norm sets").
#include "writer.hpp"

namespace normgraph::loaders {

using namespace norm;

namespace {

[[noreturn]] void curated_error(const std::string& file, size_t line, const std::string& msg) {
  throw InputError(located(file, line, 0, msg));
}

struct CuratedNorm {
  size_t line;
  std::string label, modality, action, summary;
  std::vector<uint32_t> principles;
};

}  // namespace

LoadCounts NormLoader::load_curated(std::string_view bytes, const std::string& file_name,
                                    GraphStore& store) const {
  const std::string utf8 = text::to_utf8(bytes);
  const auto& entries = impl_->vocabulary.entries();
  auto fail = [&](size_t line, const std::string& msg) { curated_error(file_name, line, msg); };
  std::map<std::string, std::string> fields;
  std::vector<CuratedNorm> norms;
  bool in_header = true;
  std::istringstream in(utf8);
  std::string line;
  static const char* const kModalities[] = {"obligation", "prohibition", "permission",
                                            "recommendation", "principle"};
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (in_header) {
      if (t == "---") {
        in_header = false;
        continue;
      }
      const size_t colon = t.find(':');
      if (colon == std::string::npos)
        fail(n, "expected 'key: value' in the header (ended by a line '---')");
      fields[trim(t.substr(0, colon))] = trim(t.substr(colon + 1));
      continue;
    }
    std::vector<std::string> cols = split_tabs(line);
    if (cols.size() != 5)
      fail(n,
           "expected 5 tab-separated columns (label, modality, principles, action, summary), got " +
               std::to_string(cols.size()));
    CuratedNorm c{n, cols[0], cols[1], cols[3], cols[4], {}};
    if (c.label.empty() || c.summary.empty()) fail(n, "a norm needs a label and a summary");
    if (std::find(std::begin(kModalities), std::end(kModalities), c.modality) ==
        std::end(kModalities))
      fail(n, "unknown modality '" + c.modality +
                  "' (obligation, prohibition, permission, recommendation, principle)");
    std::string list = cols[2];
    std::replace(list.begin(), list.end(), ',', '|');
    std::istringstream names(list);
    for (std::string name; std::getline(names, name, '|');) {
      name = trim(name);
      if (name.empty()) continue;
      const ontology::VocabularyEntry* p = impl_->vocabulary.find(name);
      if (p && p->kind != "Principle") p = nullptr;
      if (!p)
        if (auto named = entries_named(*impl_, name, "Principle"); named.size() == 1)
          p = &entries[named[0]];
      if (!p) fail(n, "'" + name + "' is no principle of the vocabulary (an id or a name)");
      c.principles.push_back(static_cast<uint32_t>(p - entries.data()));
    }
    norms.push_back(std::move(c));
  }
  if (in_header) fail(0, "no '---' line: expected a header (document: ID) and then the norms");
  const ontology::VocabularyEntry* doc_entry = impl_->vocabulary.find(fields["document"]);
  if (!doc_entry || doc_entry->kind != "Document")
    fail(0, "the header's 'document: " + fields["document"] + "' is no document of the vocabulary");
  // Read and checked; now the store.
  LoadCounts counts;
  const NodeId doc = store.upsert_node(vocabulary_node(*doc_entry));
  ++counts.nodes;
  const EdgeType contains_type = store.intern_edge_type("CONTAINS"),
                 instantiates = store.intern_edge_type("INSTANTIATES");
  const std::string doc_slug = doc_entry->id.substr(doc_entry->id.find(':') + 1);
  for (const CuratedNorm& c : norms) {
    Evidence ev;
    ev.doc = doc_entry->id;
    ev.rule = "curated";
    ev.text = "curated summary of " + doc_entry->name + " " + c.label;
    ev.extra = {{"file", Value(base_name(file_name))},
                {"line", Value(static_cast<int64_t>(c.line))}};
    NodeData norm;
    norm.id = "norm:" + doc_slug + ":" + slug(c.label);
    norm.labels = {"Norm"};
    norm.name = doc_entry->name + " " + c.label;
    norm.props = {{"label", Value(c.label)},
                  {"modality", Value(c.modality)},
                  {"action", Value(c.action)},
                  {"text", Value(c.summary)},
                  {"curated", Value(true)}};
    if (!fields["addressee"].empty())
      norm.props.push_back({"addressee", Value(fields["addressee"])});
    norm.evidence = {ev};
    const NodeId n = store.upsert_node(norm);
    store.upsert_edge(doc, contains_type, n, false, {}, {ev});
    counts.nodes += 1;
    counts.edges += 1;
    for (uint32_t e : c.principles) {
      store.upsert_edge(n, instantiates, store.upsert_node(vocabulary_node(entries[e])), false, {},
                        {ev});
      ++counts.edges;
    }
  }
  return counts;
}

LoadCounts NormLoader::load_curated_file(const std::string& path, GraphStore& store) const {
  return load_curated(read_file(path), path, store);
}

}  // namespace normgraph::loaders
