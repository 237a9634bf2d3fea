// The graph a document's extraction writes: its Document node, stance and relation facts
// with their sentences, commitments, mentions and the taxonomy of what it named.
#include "extraction.hpp"

namespace normgraph::loaders {

LoadCounts DocumentExtraction::write(GraphStore& store) const {
  LoadCounts counts;
  NodeData doc;
  doc.id = "doc:" + slug(stem_);
  doc.labels = {"Document"};
  doc.name = title();
  if (doc.name != stem_) doc.aliases.push_back(stem_);  // found by its file's name too
  doc.props.push_back(
      {"type", Value(header_value("kind").empty() ? "statement" : header_value("kind"))});
  doc.props.push_back({"source", Value(std::filesystem::path(file_name_).filename().string())});
  if (date_year_)
    doc.props.push_back({"date", Value(header_value("date").empty() ? std::to_string(date_year_)
                                                                    : header_value("date"))});
  // `source` is always the file's name (DESIGN.md); a header's `source:` line is the citation.
  for (const auto& [k, v] : header_.fields)
    if (k != "title" && k != "kind" && k != "date" && k != "speaker")
      doc.props.push_back(
          {k == "source" ? "citation" : k, Value(v)});  // `source` stays the file name
  // Every sentence, stance or not: the text the sentence index and mention counts are made from.
  ValueList sentences;
  sentences.reserve(sentences_.size());
  for (size_t s = 0; s < sentences_.size(); ++s) sentences.emplace_back(sentence_text(s));
  doc.props.push_back({"sentences", Value(std::move(sentences))});
  store.upsert_node(doc);
  ++counts.nodes;
  std::map<uint32_t, NodeId> nodes;
  auto node_of = [&](uint32_t e) {
    if (auto it = nodes.find(e); it != nodes.end()) return it->second;
    NodeData data = e < res_.vocabulary.size() ? vocabulary_node(res_.vocabulary.entries()[e])
                                               : events_[e - res_.vocabulary.size()];
    NodeId n = store.upsert_node(data);
    ++counts.nodes;
    return nodes[e] = n;
  };
  const NodeId this_doc = *store.find_node(doc.id);
  // One sentence is the evidence of many facts: its text is interned once per (sentence, rule).
  std::map<std::pair<size_t, std::string>, GraphStore::PreparedEvidence> prepared;
  auto evidence = [&](size_t s, const std::string& rule) -> const GraphStore::PreparedEvidence& {
    auto key = std::pair(s, rule);
    if (auto it = prepared.find(key); it != prepared.end()) return it->second;
    Evidence ev;
    ev.doc = doc.id;
    ev.paragraph = sentences_[s].paragraph;
    ev.sentence = sentences_[s].index;
    ev.span_begin = static_cast<int64_t>(sentences_[s].begin);
    ev.span_end = static_cast<int64_t>(sentences_[s].end);
    ev.rule = rule;
    ev.text = std::string(sentence_text(s));
    return prepared.emplace(std::move(key), store.prepare_evidence(ev)).first->second;
  };
  if (speaker_ != kNoEntity) {
    Evidence ev;
    ev.doc = doc.id;
    ev.rule = !header_value("speaker").empty() ? "speaker.metadata"
              : speaker_from_file_name_        ? "speaker.file-name"
                                               : "speaker.inferred";
    store.upsert_edge(node_of(speaker_), store.intern_edge_type("DELIVERED"), this_doc, false, {},
                      {ev});
    ++counts.edges;
  }
  for (const Fact& f : facts_) {
    if (f.subject == kSpeaker && speaker_ == kNoEntity) continue;
    NodeId a =
        f.subject == kThis ? this_doc : node_of(f.subject == kSpeaker ? speaker_ : f.subject);
    NodeId b = node_of(f.object);
    store.upsert_edge(a, store.intern_edge_type(f.relation), b, evidence(f.sentence, f.rule));
    ++counts.edges;
  }
  counts.edges += write_mentions(store, this_doc, node_of, evidence);
  const LoadCounts commitments = write_commitments(store, doc.id, this_doc, node_of, evidence);
  counts.nodes += commitments.nodes;
  counts.edges += commitments.edges;
  counts.edges += write_taxonomy(store, nodes, node_of);
  return counts;
}

// The mention layer: the Document MENTIONS each vocabulary concept it names, with the number of
// times and every sentence naming it as evidence, stance or not (docs/sentences.md).
template <class NodeOf, class EvidenceOf>
size_t DocumentExtraction::write_mentions(GraphStore& store, NodeId this_doc, NodeOf& node_of,
                                          EvidenceOf& evidence) const {
  std::map<uint32_t, std::vector<size_t>> sentences_of;  // entry -> its sentences, one per mention
  for (const auto& [s, entry] : mentions_) sentences_of[entry].push_back(s);
  const EdgeType mentions = store.intern_edge_type("MENTIONS");
  for (const auto& [entry, sentences] : sentences_of) {
    const NodeId concept_node = node_of(entry);
    EdgeId e = 0;
    for (size_t s : sentences)
      e = store.upsert_edge(this_doc, mentions, concept_node, evidence(s, "mention"));
    store.set_edge_property(e, "count", Value(static_cast<int64_t>(sentences.size())));
  }
  return sentences_of.size();
}

// The vocabulary's taxonomy above every vocabulary node written: SPECIALIZES edges up to the
// roots (docs/vocabulary.md), so that the rules' SUPPORTS roll-up reaches the broader principles.
// Their evidence is the vocabulary entry, the same from every document (stored once).
template <class NodeOf>
size_t DocumentExtraction::write_taxonomy(GraphStore& store,
                                          const std::map<uint32_t, NodeId>& written,
                                          NodeOf& node_of) const {
  const auto& entries = res_.vocabulary.entries();
  std::vector<uint32_t> todo;
  for (const auto& [e, node] : written)
    if (e < entries.size() && !entries[e].specializes.empty()) todo.push_back(e);
  std::set<uint32_t> done;
  const EdgeType specializes = store.intern_edge_type("SPECIALIZES");
  size_t edges = 0;
  while (!todo.empty()) {
    const uint32_t e = todo.back();
    todo.pop_back();
    if (!done.insert(e).second) continue;
    for (const std::string& parent_id : entries[e].specializes) {
      const auto* parent = res_.vocabulary.find(parent_id);
      if (!parent) continue;  // the vocabulary checks this at load
      const auto p = static_cast<uint32_t>(parent - entries.data());
      Evidence ev;
      ev.rule = "vocabulary.specializes";
      ev.text = std::filesystem::path(entries[e].file).filename().string() + ": " + entries[e].id +
                " specializes " + parent_id;
      store.upsert_edge(node_of(e), specializes, node_of(p), false, {}, {ev});
      ++edges;
      todo.push_back(p);
    }
  }
  return edges;
}

// A sentence in which the speaker takes a stance is a Commitment (DESIGN.md): the speaker MAKES
// it, it is STATED_IN the document and INVOKES what the stance is about.
template <class NodeOf, class EvidenceOf>
LoadCounts DocumentExtraction::write_commitments(GraphStore& store, const std::string& doc_id,
                                                 NodeId this_doc, NodeOf& node_of,
                                                 EvidenceOf& evidence) const {
  size_t edges = 0, nodes = 0;
  const EdgeType makes = store.intern_edge_type("MAKES"),
                 stated_in = store.intern_edge_type("STATED_IN");
  const EdgeType invokes = store.intern_edge_type("INVOKES");
  std::unordered_map<size_t, std::vector<const Fact*>> speaker_facts;  // by sentence
  for (const Fact& f : facts_)
    if (f.subject == kSpeaker && commitments_.count(f.sentence))
      speaker_facts[f.sentence].push_back(&f);
  for (const auto& [s, c] : commitments_) {
    bool endorses = false, opposes = false;
    std::vector<uint32_t> invoked;
    for (const Fact* fact : speaker_facts[s]) {
      const Fact& f = *fact;
      // Only stances make the commitment; the speaker's relational facts of the same sentence
      // (HOSTED, MEMBER_OF, PARTICIPATES_IN) are neither for nor against anything.
      const bool endorse = f.relation == "ENDORSES";
      if (!endorse && f.relation != "OPPOSES" && f.relation != "CONCERNED_ABOUT") continue;
      (endorse ? endorses : opposes) = true;
      // A commitment invokes concepts: a document it names is REFERENCED, a body it supports
      // ("we support the work of the OEWG") is no concept.
      if (kind_of(f.object) != EntityKind::Document && kind_of(f.object) != EntityKind::Actor)
        invoked.push_back(f.object);
    }
    NodeData node;
    node.id = "commitment:" + doc_id.substr(4) + ":" + std::to_string(sentences_[s].paragraph) +
              "." + std::to_string(sentences_[s].index);
    node.labels = {"Commitment"};
    const std::string_view text = sentence_text(s);
    node.name = shortened(text, 80);
    node.props.push_back({"text", Value(text)});
    node.props.push_back({"polarity", Value(endorses && opposes ? "mixed"
                                            : endorses          ? "positive"
                                                                : "negative")});
    node.props.push_back({"modality", Value(c.modality.empty() ? "assertion" : c.modality)});
    if (!c.enumeration.empty()) node.props.push_back({"enumeration", Value(c.enumeration)});
    const NodeId commitment = store.upsert_node(node);
    ++nodes;
    const GraphStore::PreparedEvidence& ev = evidence(s, "commitment.stance");
    store.upsert_edge(node_of(speaker_), makes, commitment, ev);
    store.upsert_edge(commitment, stated_in, this_doc, ev);
    for (uint32_t e : invoked) store.upsert_edge(commitment, invokes, node_of(e), ev);
    edges += 2 + invoked.size();
  }
  return {nodes, edges};
}

}  // namespace normgraph::loaders
