#pragma once
// Writing a norm text: its Document, its norms with their readings, and the vocabulary
// concepts each names.
#include "reader.hpp"

namespace normgraph::loaders::norm {

constexpr const char* kSupportersRule = "supporters.list";

struct Mention {
  uint32_t entry;
  size_t begin;  // byte offset in the text matched
};

// The vocabulary's mentions in `text` whose kind is one of `kinds`.
inline std::vector<Mention> mentions(const NormLoader::Impl& impl, std::string_view text,
                                     const std::vector<std::string>& kinds) {
  std::vector<Mention> out;
  std::vector<Token> tokens = tokenize(text);
  impl.matcher.identify(tokens);
  for (const auto& m : impl.matcher.match(static_cast<const std::vector<Token>&>(tokens)))
    for (uint32_t e : impl.matcher.values(m.phrase))
      if (contains(kinds, impl.vocabulary.entries()[e].kind)) {
        out.push_back({e, tokens[m.first].begin});
        break;
      }
  return out;
}

class NormTextWriter {
 public:
  NormTextWriter(const NormLoader& loader, const NormLoader::Impl& impl, std::string_view bytes,
                 std::string file_name)
      : impl_(impl), file_name_(std::move(file_name)) {
    std::string utf8 = text::to_utf8(bytes);
    header_ = text::parse_header(utf8);
    const size_t first_line = 1 + std::count(utf8.begin(), utf8.begin() + header_.body_begin, '\n');
    provisions_ = ProvisionParser(impl.rules, first_line)
                      .parse(std::string_view(utf8).substr(header_.body_begin));
    for (Provision& p : provisions_) {
      p.text =
          text::normalize(repair_words(p.text, impl.rules, impl.text_rules), impl.text_rules).text;
      offsets_.push_back(normalized_size_);
      normalized_size_ += p.text.size() + 2;  // provisions joined by blank lines
    }
    readings_ = loader.read_provisions(provisions_);
    document_ = document_node();
  }

  LoadCounts write(GraphStore& store) const {
    LoadCounts counts;
    // The one conflict the store could refuse half-way: checked before anything is written.
    if (auto existing = store.find_node(document_.id);
        existing && store.node_kind(*existing) != "Document")
      throw InputError(file_name_ + ": the document id " + document_.id + " is a " +
                       std::string(store.node_kind(*existing)) + " node in the graph");
    const NodeId doc = store.upsert_node(document_);
    ++counts.nodes;
    UniqueIds ids;
    for (size_t i = 0; i < provisions_.size(); ++i) {
      if (is_norm(i)) write_norm(store, doc, i, ids, counts);
      if (provisions_[i].kind == Provision::Kind::Preamble) write_preamble(store, doc, i, counts);
    }
    const LoadCounts signatories = link_signatories(store, doc);
    counts.nodes += signatories.nodes;
    counts.edges += signatories.edges;
    return counts;
  }

 private:
  bool is_norm(size_t i) const {
    const Provision& p = provisions_[i];
    return (p.kind == Provision::Kind::Item || p.kind == Provision::Kind::ArticleBody) &&
           !p.has_items && !p.text.empty() && !readings_[i].modality.empty();
  }

  NodeData document_node() const {
    const std::string title = header_value(header_, "title");
    const std::string stem = std::filesystem::path(file_name_).stem().string();
    const ontology::VocabularyEntry* entry = nullptr;
    if (std::string id = header_value(header_, "document"); !id.empty())
      entry = impl_.vocabulary.find(id);
    if (!entry && !title.empty())
      for (const Mention& m : mentions(impl_, title, {"Document"})) {
        entry = &impl_.vocabulary.entries()[m.entry];
        break;
      }
    NodeData d;
    if (entry) {
      d = vocabulary_node(*entry);
    } else {
      d.id = "doc:" + slug(stem);
      d.labels = {"Document"};
      d.name = title.empty() ? stem : title;
      std::string type = header_value(header_, "type");
      set_prop(d.props, "type", Value(type.empty() ? "norm-text" : type));
    }
    set_prop(d.props, "source", Value(base_name(file_name_)));
    if (std::string date = header_value(header_, "date"); !date.empty())
      set_prop(d.props, "date", Value(date));
    if (!title.empty() && title != d.name) set_prop(d.props, "title", Value(title));
    if (std::string citation = header_value(header_, "source"); !citation.empty())
      set_prop(d.props, "citation", Value(citation));
    return d;
  }

  Evidence evidence(size_t i, size_t sentence, size_t begin, size_t end,
                    const std::string& rule) const {
    Evidence ev;
    ev.doc = document_.id;
    ev.paragraph = static_cast<int64_t>(i);
    ev.sentence = static_cast<int64_t>(sentence);
    ev.span_begin = static_cast<int64_t>(offsets_[i] + begin);
    ev.span_end = static_cast<int64_t>(offsets_[i] + end);
    ev.rule = rule;
    ev.text = provisions_[i].text.substr(begin, end - begin);
    ev.extra.push_back({"line", Value(static_cast<int64_t>(provisions_[i].line))});
    return ev;
  }

  void write_norm(GraphStore& store, NodeId doc, size_t i, UniqueIds& ids,
                  LoadCounts& counts) const {
    const Provision& p = provisions_[i];
    const ProvisionReading& r = readings_[i];
    NodeData norm;
    norm.id = "norm:" + document_.id.substr(document_.id.find(':') + 1) + ":" + slug(p.label);
    norm.id = ids.take(norm.id);
    norm.labels = {"Norm"};
    norm.name = document_.name + " " + p.label;
    norm.props = {{"label", Value(p.label)},
                  {"modality", Value(r.modality)},
                  {"action", Value(r.action)},
                  {"text", Value(p.text)}};
    if (!r.addressee.empty()) norm.props.push_back({"addressee", Value(r.addressee)});
    const Evidence ev = evidence(i, 0, 0, p.text.size(), "norm." + r.rule);
    norm.evidence = {ev};
    const NodeId n = store.upsert_node(norm);
    store.upsert_edge(doc, store.intern_edge_type("CONTAINS"), n, false, {}, {ev});
    ++counts.nodes;
    ++counts.edges;
    std::set<uint32_t> principles;
    for (const Mention& m : mentions(impl_, p.text, {"Principle"})) principles.insert(m.entry);
    for (uint32_t e : principles) {
      const NodeId target = store.upsert_node(vocabulary_node(impl_.vocabulary.entries()[e]));
      Evidence why = ev;
      why.rule = "norm.instantiates";
      store.upsert_edge(n, store.intern_edge_type("INSTANTIATES"), target, false, {}, {why});
      ++counts.edges;
    }
  }

  // A preambular paragraph: each stance verb opens a clause up to the next one; the clause's
  // mentions of the kinds the rules name for the verb's act become one Commitment.
  void write_preamble(GraphStore& store, NodeId doc, size_t i, LoadCounts& counts) const {
    const Provision& p = provisions_[i];
    const NormRules& rules = impl_.rules;
    const std::vector<text::Sentence> sentences = text::segment(p.text, impl_.text_rules);
    for (size_t s = 0; s < sentences.size(); ++s) {
      std::string_view sentence = std::string_view(p.text).substr(
          sentences[s].begin, sentences[s].end - sentences[s].begin);
      const std::vector<Word> ws = words_of(sentence);
      struct Clause {
        bool oppose;
        size_t begin;
        std::string verb;
      };
      std::vector<Clause> clauses;
      size_t words_seen = 0;
      for (size_t k = 0; k < ws.size(); ++k) {
        if (!ws[k].word) continue;
        ++words_seen;
        for (const auto& verb : rules.preamble_verbs)
          if (auto m = match_at(ws, k, verb.words, 0)) {
            if (s == 0 && clauses.empty() && words_seen > rules.preamble_reach) break;
            clauses.push_back({verb.oppose, ws[k].begin, ws[k].norm});
            k = m->end - 1;
            break;
          }
      }
      for (size_t c = 0; c < clauses.size(); ++c) {
        const size_t end = c + 1 < clauses.size() ? clauses[c + 1].begin : sentence.size();
        const auto& kinds = clauses[c].oppose ? rules.oppose_targets : rules.endorse_targets;
        std::vector<uint32_t> targets, documents;
        for (const Mention& m :
             mentions(impl_, sentence.substr(clauses[c].begin, end - clauses[c].begin), kinds)) {
          auto& list = impl_.vocabulary.entries()[m.entry].kind == "Document" ? documents : targets;
          if (!contains_entry(list, m.entry)) list.push_back(m.entry);
        }
        const std::string rule = std::string("preamble.") +
                                 (clauses[c].oppose ? "oppose." : "endorse.") + clauses[c].verb;
        const Evidence ev = evidence(i, s, sentences[s].begin, sentences[s].end, rule);
        for (uint32_t e : documents) {
          const NodeId target = store.upsert_node(vocabulary_node(impl_.vocabulary.entries()[e]));
          if (target != doc)
            store.upsert_edge(doc, store.intern_edge_type("REFERENCES"), target, false, {}, {ev});
          ++counts.edges;
        }
        if (targets.empty()) continue;
        NodeData commitment;
        commitment.id = "commitment:" + document_.id.substr(document_.id.find(':') + 1) +
                        ":preamble-" + std::to_string(i) + "." + std::to_string(s) + "." +
                        std::to_string(c);
        commitment.labels = {"Commitment"};
        commitment.name = std::string(sentence.substr(0, std::min<size_t>(sentence.size(), 80)));
        commitment.props = {{"text", Value(sentence)},
                            {"polarity", Value(clauses[c].oppose ? "negative" : "positive")},
                            {"modality", Value("assertion")}};
        const NodeId node = store.upsert_node(commitment);
        store.upsert_edge(node, store.intern_edge_type("STATED_IN"), doc, false, {}, {ev});
        for (uint32_t e : targets) {
          const NodeId target = store.upsert_node(vocabulary_node(impl_.vocabulary.entries()[e]));
          store.upsert_edge(node, store.intern_edge_type("INVOKES"), target, false, {}, {ev});
        }
        ++counts.nodes;
        counts.edges += 1 + targets.size();
      }
    }
  }

  static bool contains_entry(const std::vector<uint32_t>& list, uint32_t e) {
    return std::find(list.begin(), list.end(), e) != list.end();
  }

 public:
  // Every signatory of `doc` (an Actor that ENDORSES it by a supporters list) MAKES the
  // document's preambular Commitments and ENDORSES or OPPOSES what they invoke.
  static LoadCounts link_signatories(GraphStore& store, NodeId doc) {
    LoadCounts counts;
    const auto endorses = store.find_edge_type("ENDORSES");
    const auto stated_in = store.find_edge_type("STATED_IN");
    const auto invokes = store.find_edge_type("INVOKES");
    if (!endorses || !stated_in || !invokes) return counts;
    std::vector<NodeId> signatories;
    store.for_each_adjacent(doc, Direction::In, *endorses, [&](const AdjEntry& a) {
      for (const Evidence& ev : store.edge_evidence(a.edge))
        if (ev.rule == kSupportersRule) {
          signatories.push_back(a.node);
          break;
        }
    });
    struct Stance {
      NodeId commitment, target;
      bool oppose;
      Evidence evidence;
    };
    std::vector<Stance> stances;
    store.for_each_adjacent(doc, Direction::In, *stated_in, [&](const AdjEntry& a) {
      std::vector<Evidence> evs = store.edge_evidence(a.edge);
      if (evs.empty() || evs.front().rule.rfind("preamble.", 0) != 0) return;
      const Value* polarity = find_entry(store.node_props(a.node), "polarity");
      const bool oppose = polarity && *polarity == Value("negative");
      Evidence ev = evs.front();
      ev.rule += ".signatory";
      store.for_each_adjacent(a.node, Direction::Out, *invokes, [&](const AdjEntry& t) {
        stances.push_back({a.node, t.node, oppose, ev});
      });
    });
    if (signatories.empty() || stances.empty()) return counts;
    const EdgeType makes = store.intern_edge_type("MAKES"),
                   opposes = store.intern_edge_type("OPPOSES");
    for (NodeId actor : signatories)
      for (const Stance& s : stances) {
        store.upsert_edge(actor, makes, s.commitment, false, {}, {s.evidence});
        store.upsert_edge(actor, s.oppose ? opposes : *endorses, s.target, false, {}, {s.evidence});
        counts.edges += 2;
      }
    return counts;
  }

 private:
  const NormLoader::Impl& impl_;
  std::string file_name_;
  text::Header header_;
  std::vector<Provision> provisions_;
  std::vector<ProvisionReading> readings_;
  std::vector<size_t> offsets_;  // of each provision in the document's normalized text
  size_t normalized_size_ = 0;
  NodeData document_;
};

}  // namespace normgraph::loaders::norm
