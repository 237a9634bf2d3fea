// `normgraph vocab suggest`: the uncurated concepts the statement loader made from argument
// phrases (props.curated false), most frequent first, with example sentences and a vocabulary
// entry a curator pastes into ontology/vocab/ to promote one (docs/vocabulary.md).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "commands.hpp"
#include "graph_files.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "terminal_progress.hpp"
#include "text_formats.hpp"

namespace normgraph::cli {

namespace {

struct Suggestion {
  std::string id, kind, name;
  std::vector<std::string> aliases;
  size_t count = 0;  // stance facts' evidence sentences
  std::set<std::string> documents;
  std::map<std::string, size_t> relations;  // ENDORSES, OPPOSES, CONCERNED_ABOUT -> count
  std::vector<std::pair<std::string, std::string>> examples;  // (document, sentence)
};

std::string vocab_file(const std::string& kind) {
  if (kind == "Topic") return "ontology/vocab/topics.json";
  if (kind == "Practice") return "ontology/vocab/practices.json";
  return "ontology/vocab/principles.json";
}

// The entry as ontology/vocab/*.json holds it.
std::string entry_json(const Suggestion& s) {
  std::string out = "{\"id\": " + json_quoted(s.id) + ", \"name\": " + json_quoted(s.name);
  if (!s.aliases.empty()) {
    out += ", \"aliases\": [";
    for (size_t i = 0; i < s.aliases.size(); ++i)
      out += (i ? ", " : "") + json_quoted(s.aliases[i]);
    out += "]";
  }
  return out + "}";
}

std::vector<Suggestion> collect(const GraphStore& store, size_t min_count, size_t max_examples) {
  std::vector<Suggestion> out;
  store.for_each_node([&](NodeId n) {
    const Value* curated = find_entry(store.node_props(n), "curated");
    if (!curated || !(*curated == Value(false))) return;
    Suggestion s;
    s.id = std::string(store.node_id(n));
    s.kind = std::string(store.node_kind(n));
    s.name = std::string(store.node_name(n));
    for (const auto& a : store.node_aliases(n)) s.aliases.push_back(a);
    store.for_each_adjacent(n, Direction::In, std::nullopt, [&](const AdjEntry& a) {
      const std::string type(store.edge_type_name(a.type));
      if (type != "ENDORSES" && type != "OPPOSES" && type != "CONCERNED_ABOUT") return;
      for (const Evidence& ev : store.edge_evidence(a.edge)) {
        ++s.count;
        ++s.relations[type];
        s.documents.insert(ev.doc);
        if (s.examples.size() < max_examples) s.examples.emplace_back(ev.doc, ev.text);
      }
    });
    if (s.count >= min_count) out.push_back(std::move(s));
  });
  std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
    return a.count != b.count ? a.count > b.count : a.id < b.id;
  });
  return out;
}

void print_text(const std::vector<Suggestion>& list) {
  for (const Suggestion& s : list) {
    std::string relations;
    for (const auto& [r, c] : s.relations) relations += " " + r + " " + std::to_string(c);
    std::printf("%zu  %s  \"%s\"  (%s; %zu document%s;%s)\n", s.count, s.id.c_str(), s.name.c_str(),
                s.kind.c_str(), s.documents.size(), s.documents.size() == 1 ? "" : "s",
                relations.c_str());
    for (const auto& [doc, text] : s.examples)
      std::printf("    %s: %s\n", doc.c_str(), text.c_str());
    std::printf("    add to %s:\n    %s,\n", vocab_file(s.kind).c_str(), entry_json(s).c_str());
  }
  if (list.empty()) std::printf("no uncurated concepts\n");
}

void print_json(const std::vector<Suggestion>& list) {
  std::printf("[");
  for (size_t i = 0; i < list.size(); ++i) {
    const Suggestion& s = list[i];
    std::string relations, examples;
    for (const auto& [r, c] : s.relations)
      relations += (relations.empty() ? "" : ", ") + json_quoted(r) + ": " + std::to_string(c);
    for (const auto& [doc, text] : s.examples)
      examples += (examples.empty() ? "" : ", ") + std::string("{\"doc\": ") + json_quoted(doc) +
                  ", \"text\": " + json_quoted(text) + "}";
    std::printf(
        "%s\n {\"id\": %s, \"kind\": %s, \"name\": %s, \"count\": %zu, \"documents\": %zu, "
        "\"relations\": {%s}, \"examples\": [%s], \"vocab_file\": %s, \"entry\": %s}",
        i ? "," : "", json_quoted(s.id).c_str(), json_quoted(s.kind).c_str(),
        json_quoted(s.name).c_str(), s.count, s.documents.size(), relations.c_str(),
        examples.c_str(), json_quoted(vocab_file(s.kind)).c_str(), entry_json(s).c_str());
  }
  std::printf("%s]\n", list.empty() ? "" : "\n");
}

size_t count_option(const ParsedArgs& args, const std::string& name, const std::string& fallback) {
  const std::string text = args.get_or(name, fallback);
  char* end = nullptr;
  const unsigned long long n = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end || text[0] == '-')
    throw UsageError("--" + name + " wants a number, not '" + text + "'");
  return static_cast<size_t>(n);
}

int run_vocab(const ParsedArgs& args) {
  if (args.operands()[0] != "suggest")
    throw UsageError("unknown vocab action '" + args.operands()[0] + "' (suggest)");
  const std::string format = args.get_or("format", "text");
  if (format != "text" && format != "json")
    throw UsageError("unknown format '" + format + "' (text, json)");
  const size_t min_count = count_option(args, "min-count", "2");
  const size_t examples = count_option(args, "examples", "2");
  TerminalProgress progress;
  DataDir dir(args.get_or("data", ""), DataDir::Access::Read);
  OpenedGraph graph(dir, progress.sink());
  const GraphStore& store = graph.store();
  const auto list = collect(store, min_count, examples);
  format == "json" ? print_json(list) : print_text(list);
  return kExitOk;
}

}  // namespace

Command vocab_command() {
  return {{"vocab",
           "suggest vocabulary entries from the uncurated concepts of the graph",
           "'vocab suggest' lists the concepts the statement loader made from argument phrases\n"
           "that link to no vocabulary entry (props.curated false), by the number of stance facts\n"
           "about them, with example sentences and the entry to paste into ontology/vocab/ to\n"
           "promote one (docs/vocabulary.md).",
           {data_option(),
            {"min-count", 'n', "N", "list concepts with at least N stance facts", "2"},
            {"examples", 'e', "N", "example sentences per concept", "2"},
            {"format", 'f', "FORMAT", "text or json", "text"}},
           "suggest",
           1,
           1},
          run_vocab};
}

}  // namespace normgraph::cli
