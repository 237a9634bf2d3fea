#include "query_shell.hpp"

#include "graph_files.hpp"

#include <editline/readline.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "normgraph/core/strings.hpp"

namespace normgraph::cli {

namespace {

const char* const kHelp =
    "Type a query and end it with ';' (it may span lines). Commands:\n"
    "  :help                 this text\n"
    "  :format table|json|csv  how results are printed\n"
    "  :param NAME VALUE     set $NAME (VALUE is a Cypher literal or text)\n"
    "  :params               list the parameters\n"
    "  :explain QUERY        the plan of QUERY\n"
    "  :quit                 leave (also Ctrl-D)\n"
    "Writes are saved to the data directory when they succeed.\n";

std::string history_path() {
  const char* home = std::getenv("HOME");
  return home ? std::string(home) + "/.normgraph_history" : "";
}

std::string trim(const std::string& s) {
  return std::string(normgraph::trim(s, " \t\r\n"));
}

class Shell {
 public:
  Shell(query::QueryEngine& engine, workspace::Workspace& graph, ValueMap params,
        query::QueryOptions options, query::ResultFormat format)
      : engine_(engine),
        graph_(graph),
        store_(graph.store()),
        params_(std::move(params)),
        options_(std::move(options)),
        format_(format) {}

  int run() {
    const std::string history = history_path();
    if (!history.empty()) read_history(history.c_str());
    std::printf("normgraph query shell: %zu nodes, %zu edges. :help for help.\n",
                store_.node_count(), store_.edge_count());
    std::string pending;
    for (;;) {
      std::unique_ptr<char, decltype(&std::free)> line(
          readline(pending.empty() ? "normgraph> " : "      ...> "), &std::free);
      if (!line) break;
      std::string text = line.get();
      if (pending.empty() && trim(text).starts_with(":")) {
        add_history(text.c_str());
        if (!command(trim(text))) break;
        continue;
      }
      pending += text + "\n";
      if (trim(pending).ends_with(";")) {
        std::string q = trim(pending);
        add_history(q.c_str());
        pending.clear();
        run_query(q);
      }
    }
    if (!history.empty()) write_history(history.c_str());
    std::printf("\n");
    return 0;
  }

 private:
  // False to leave the shell.
  bool command(const std::string& c) {
    if (c == ":quit" || c == ":q" || c == ":exit") return false;
    if (c == ":help") {
      std::fputs(kHelp, stdout);
    } else if (c.starts_with(":format ")) {
      try {
        format_ = query::parse_result_format(trim(c.substr(8)));
      } catch (const InputError& e) {
        std::printf("%s\n", e.what());
      }
    } else if (c.starts_with(":param ")) {
      std::string rest = trim(c.substr(7));
      size_t sp = rest.find(' ');
      if (sp == std::string::npos) {
        std::printf(":param NAME VALUE\n");
        return true;
      }
      std::string name = rest.substr(0, sp), text = trim(rest.substr(sp + 1));
      Value v;
      try {
        v = query::parse_literal(text);
      } catch (const InputError&) {
        v = text;
      }
      std::erase_if(params_, [&](const MapEntry& e) { return e.key == name; });
      params_.push_back({name, std::move(v)});
    } else if (c == ":params") {
      for (const auto& p : params_)
        std::printf("$%s = %s\n", p.key.c_str(), query::cypher_literal(store_, p.value).c_str());
    } else if (c.starts_with(":explain ")) {
      try {
        std::cout << engine_.explain(trim(c.substr(9)));
      } catch (const InputError& e) {
        std::printf("error: %s\n", e.what());
      }
    } else {
      std::printf("unknown command %s (:help lists them)\n", c.c_str());
    }
    return true;
  }

  void run_query(const std::string& q) {
    try {
      query::QueryResult r = engine_.run(q, params_, options_);
      for (const auto& w : r.warnings) std::printf("warning: %s\n", w.c_str());
      query::write_result(std::cout, store_, r, format_);
      std::cout.flush();
      if (r.stats.contains_updates()) graph_.save();
    } catch (const InputError& e) {
      std::printf("error: %s\n", e.what());
    }
  }

  query::QueryEngine& engine_;
  workspace::Workspace& graph_;
  GraphStore& store_;
  ValueMap params_;
  query::QueryOptions options_;
  query::ResultFormat format_;
};

}  // namespace

int run_query_shell(query::QueryEngine& engine, workspace::Workspace& graph, ValueMap params,
                    query::QueryOptions options, query::ResultFormat format) {
  return Shell(engine, graph, std::move(params), std::move(options), format).run();
}

}  // namespace normgraph::cli
