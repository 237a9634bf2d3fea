#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "graph_files.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/query/result_format.hpp"
#include "query_shell.hpp"
#include "terminal_progress.hpp"

namespace normgraph::cli {

namespace {

// --param name=value: the value is a Cypher literal when it reads as one, else a string.
ValueMap parse_params(const std::vector<std::string>& items) {
  ValueMap params;
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError("--param takes name=value, not '" + item + "'");
    std::string name = item.substr(0, eq), text = item.substr(eq + 1);
    Value v;
    try {
      v = query::parse_literal(text);
    } catch (const InputError&) {
      v = text;
    }
    params.push_back({name, std::move(v)});
  }
  return params;
}

query::QueryOptions parse_options(const ParsedArgs& args) {
  query::QueryOptions o;
  try {
    o.time_limit_seconds = std::stod(args.get_or("timeout", "30"));
    o.max_rows = std::stoull(args.get_or("max-rows", "1000000"));
    o.max_path_length = static_cast<uint32_t>(std::stoul(args.get_or("max-path-length", "10")));
  } catch (const std::exception&) {
    throw UsageError("--timeout, --max-rows and --max-path-length take numbers");
  }
  o.max_memory_bytes = byte_size("max-memory", args.get_or("max-memory", "1G"));
  o.author = args.get_or("author", "");
  o.reason = args.get_or("reason", "");
  return o;
}

std::string query_text(const ParsedArgs& args) {
  if (auto file = args.get("file")) {
    std::ifstream in(*file);
    if (!in) throw InputError("cannot read query file '" + *file + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  if (!args.operands().empty()) return args.operands()[0];
  if (isatty(STDIN_FILENO)) return "";
  std::stringstream ss;
  ss << std::cin.rdbuf();
  return ss.str();
}

int run_query(const ParsedArgs& args) {
  const std::string text = query_text(args);
  const auto format = query::parse_result_format(args.get_or("format", "table"));
  const ValueMap params = parse_params(args.all("param"));
  const query::QueryOptions options = parse_options(args);
  const bool interactive = text.empty();
  const bool writes = interactive || query::query_writes(text);
  TerminalProgress progress;
  DataDir dir(args.get_or("data", ""), writes ? DataDir::Access::Write : DataDir::Access::Read);
  OpenedGraph graph(dir, progress.sink());
  GraphStore& store = graph.store();
  const std::unique_ptr<EdgeView> view = edge_view(args, store);
  if (view && writes)
    throw UsageError("--as-of, --since, --until and the source options are for reading queries");
  const ScopedEdgeView scoped_view(view.get());
  auto schema = ontology::Schema::load_default();
  query::QueryEngine engine(store, &schema);
  if (interactive) return run_query_shell(engine, graph, params, options, format);
  if (args.flag("explain")) {
    std::cout << engine.explain(text);
    return kExitOk;
  }
  query::QueryResult result = engine.run(text, params, options);
  for (const auto& w : result.warnings)
    std::fprintf(stderr, "normgraph query: warning: %s\n", w.c_str());
  query::write_result(std::cout, store, result, format);
  std::cout.flush();
  if (result.stats.contains_updates()) graph.save(progress.sink());
  return kExitOk;
}

}  // namespace

Command query_command() {
  return {
      {"query", "run an openCypher query (docs/query.md)",
       "Runs QUERY (or the query in --file, or on standard input) and prints the result.\n"
       "Without a query on a terminal, starts an interactive shell (:help lists its\n"
       "commands). A query that writes (CREATE, SET, REMOVE, DELETE) is saved to the data\n"
       "directory when it succeeds; a query that fails changes nothing.\n"
       "Exit codes: 0 ok, 1 usage error, 2 invalid query or data.",
       with_view_options(
           {data_option(),
            {"format", 0, "FORMAT", "table, json or csv", "table"},
            {"param", 'p', "NAME=VALUE", "a parameter ($NAME); VALUE is a Cypher literal or text",
             "", true},
            {"file", 'f', "FILE", "read the query from FILE", ""},
            {"timeout", 0, "SECONDS", "stop a query that runs longer (0: no limit)", "30"},
            {"max-rows", 0, "N", "fail a query whose result has more rows (0: no limit)",
             "1000000"},
            {"max-memory", 0, "BYTES",
             "fail a query that builds more lists, strings and maps in total (512M, 2G; 0: no "
             "limit)",
             "1G"},
            {"max-path-length", 0, "N", "the upper bound of an open variable-length pattern *n..",
             "10"},
            {"author", 0, "NAME", "who makes a write: recorded in the evidence of new facts", ""},
            {"reason", 0, "TEXT", "why: recorded in the evidence of new facts", ""},
            {"explain", 0, "", "print the plan instead of running the query", ""}}),
       "[QUERY]", 0, 1},
      run_query};
}

}  // namespace normgraph::cli
