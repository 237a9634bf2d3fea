// `normgraph sentences PHRASE`: full-text search over every ingested sentence (docs/sentences.md).
#include <unistd.h>

#include <cstdio>
#include <string>

#include "commands.hpp"
#include "graph_files.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/search/sentence_index.hpp"
#include "terminal_progress.hpp"
#include "text_formats.hpp"

namespace normgraph::cli {

namespace {

size_t whole_number(const ParsedArgs& args, const std::string& option) {
  const std::string text = args.get_or(option, "0");
  size_t used = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || text[0] == '-')
    throw UsageError("--" + option + " needs a whole number, not '" + text + "'");
  return static_cast<size_t>(v);
}

// CSV fields quoted as RFC 4180 says.
void print_hits(const std::vector<search::SentenceHit>& hits, size_t total,
                const std::string& format) {
  if (format == "json") {
    std::printf("{\"total\": %zu, \"hits\": [", total);
    for (size_t i = 0; i < hits.size(); ++i) {
      const auto& h = hits[i];
      std::printf(
          "%s\n  {\"doc\": %s, \"title\": %s, \"speaker\": %s, \"date\": %s, \"sentence\": %lld, "
          "\"text\": %s, "
          "\"marked\": %s}",
          i ? "," : "", json_quoted(h.doc).c_str(), json_quoted(h.title).c_str(),
          json_quoted(h.speaker).c_str(), json_quoted(h.date).c_str(),
          static_cast<long long>(h.sentence), json_quoted(h.text).c_str(),
          json_quoted(h.marked).c_str());
    }
    std::printf("%s]}\n", hits.empty() ? "" : "\n");
  } else if (format == "csv") {
    std::printf("doc,title,speaker,date,sentence,text\n");
    for (const auto& h : hits)
      std::printf("%s,%s,%s,%s,%lld,%s\n", csv_field(h.doc).c_str(), csv_field(h.title).c_str(),
                  csv_field(h.speaker).c_str(), csv_field(h.date).c_str(),
                  static_cast<long long>(h.sentence), csv_field(h.text).c_str());
  } else {
    for (const auto& h : hits)
      std::printf("%s  %s  %s #%lld\n  %s\n\n", h.date.empty() ? "(no date)" : h.date.c_str(),
                  h.speaker.empty() ? "(no speaker)" : h.speaker.c_str(), h.doc.c_str(),
                  static_cast<long long>(h.sentence), h.marked.c_str());
    std::printf("%zu of %zu sentences\n", hits.size(), total);
  }
}

void print_counts(const std::vector<search::SentenceCount>& counts, const std::string& group,
                  const std::string& format) {
  if (format == "json") {
    std::printf("[");
    for (size_t i = 0; i < counts.size(); ++i)
      std::printf("%s\n  {\"%s\": %s, \"documents\": %zu, \"sentences\": %zu}", i ? "," : "",
                  group.c_str(), json_quoted(counts[i].key).c_str(), counts[i].documents,
                  counts[i].sentences);
    std::printf("%s]\n", counts.empty() ? "" : "\n");
  } else if (format == "csv") {
    std::printf("%s,documents,sentences\n", group.c_str());
    for (const auto& c : counts)
      std::printf("%s,%zu,%zu\n", csv_field(c.key).c_str(), c.documents, c.sentences);
  } else {
    std::printf("%-24s %10s %10s\n", group.c_str(), "documents", "sentences");
    for (const auto& c : counts)
      std::printf("%-24s %10zu %10zu\n", c.key.empty() ? "(none)" : c.key.c_str(), c.documents,
                  c.sentences);
  }
}

int run_sentences(const ParsedArgs& args) {
  const std::string format = args.get_or("format", "text");
  if (format != "text" && format != "json" && format != "csv")
    throw UsageError("unknown format '" + format + "' (text, json, csv)");
  search::SentenceQuery q;
  q.text = args.operands()[0];
  q.fts_syntax = args.flag("match");
  q.speaker = args.get_or("speaker", "");
  q.since = args.get_or("since", "");
  q.until = args.get_or("until", "");
  q.by_date = args.get_or("order", "rank") == "date";
  if (const std::string order = args.get_or("order", "rank"); order != "rank" && order != "date")
    throw UsageError("unknown order '" + order + "' (rank, date)");
  q.limit = whole_number(args, "limit");
  q.offset = whole_number(args, "offset");

  TerminalProgress progress;
  DataDir dir(args.get_or("data", ""), DataDir::Access::Read);
  OpenedGraph graph(dir, progress.sink());
  GraphStore& store = graph.store();
  // The index is a cache beside the graph; a data folder we may not write gets one in memory.
  const std::string file = dir.path() + "/sentences.sqlite";
  const bool writable = ::access(dir.path().c_str(), W_OK) == 0;
  search::SentenceIndex index(writable ? file : ":memory:");
  index.sync(store, progress.sink());
  if (const std::string group = args.get_or("count-by", ""); !group.empty()) {
    print_counts(index.count_by(q, group), group, format);
    return kExitOk;
  }
  const auto hits = index.search(q);
  print_hits(hits, index.count(q), format);
  return hits.empty() ? kExitFindings : kExitOk;
}

}  // namespace

Command sentences_command() {
  return {{"sentences",
           "search every ingested sentence for a phrase (full-text, ranked)",
           "Searches all sentences of the ingested documents, with or without a stance, and "
           "prints each match with its document, speaker and date; the words found are marked "
           "[like this]. PHRASE is matched as a phrase, with English stemming (\"cyber attack\" "
           "finds \"cyber attacks\"); with --match it is an SQLite FTS5 query (cyber AND "
           "(attack OR threat), NEAR(cyber security, 3), secur*). The index lives in "
           "DIR/sentences.sqlite, is brought up to the graph on every call and can be deleted "
           "at any time. Exit status 1 when nothing matches.",
           {data_option(),
            {"match", 'm', "", "PHRASE is an FTS5 query, not one phrase", ""},
            {"speaker", 's', "ACTOR", "only documents delivered by this actor (id or name)", ""},
            {"since", 0, "DATE",
             "only documents dated on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)", ""},
            {"until", 0, "DATE", "only documents dated on or before DATE", ""},
            {"order", 0, "ORDER", "rank (relevance) or date", "rank"},
            {"limit", 'n', "N", "print at most N sentences", "20"},
            {"offset", 0, "N", "skip the first N sentences", "0"},
            {"count-by", 'c', "GROUP",
             "instead of sentences, count matching documents and sentences by year or speaker", ""},
            {"format", 'f', "FORMAT", "text, json or csv", "text"}},
           "PHRASE",
           1,
           1},
          run_sentences};
}

}  // namespace normgraph::cli
