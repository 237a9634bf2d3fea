// The normgraph engine for ../shared/bench/run_all.sh (EXTRA_ENGINES): loads nodes.csv and
// edges.csv, runs Q1-Q7 REPEAT times each, as Cypher text (bench/queries/*.cypher) through the
// ordinary query engine or as rule programs (bench/queries/*.rules) through the rule engine,
// as answers.tsv says, and prints one JSON object in the format of queries.md.
//
//   normgraph_query_bench DATA_DIR [REPEAT] [--params FILE] [--queries DIR]
#include <sys/resource.h>

#include <rapidjson/document.h>
#include <rapidjson/istreamwrapper.h>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/csv_graph.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/rules/evaluation.hpp"
#include "normgraph/rules/parser.hpp"
#include "normgraph/rules/program.hpp"

namespace {

using normgraph::Value;
using Clock = std::chrono::steady_clock;

struct BenchQuery {
  std::string name, file, shape;
  std::string engine = "cypher";  // or "rules"
};

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<BenchQuery> read_manifest(const std::string& dir) {
  std::vector<BenchQuery> out;
  std::istringstream in(read_file(dir + "/answers.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    BenchQuery q;
    std::getline(fields, q.name, '\t');
    std::getline(fields, q.file, '\t');
    std::getline(fields, q.shape, '\t');
    std::string engine;
    if (std::getline(fields, engine, '\t') && !engine.empty()) q.engine = engine;
    if (q.engine != "cypher" && q.engine != "rules")
      throw std::runtime_error("answers.tsv: " + q.name + ": engine must be cypher or rules");
    out.push_back(q);
  }
  return out;
}

normgraph::ValueMap read_params(const std::string& path) {
  std::ifstream in(path);
  rapidjson::IStreamWrapper wrapper(in);
  rapidjson::Document doc;
  doc.ParseStream(wrapper);
  if (doc.HasParseError() || !doc.IsObject()) throw std::runtime_error("bad params file " + path);
  normgraph::ValueMap params;
  // Indexing, not iterator comparison: clang 14 finds RapidJSON's iterator == ambiguous in C++20.
  for (rapidjson::SizeType i = 0; i < doc.MemberCount(); ++i) {
    const auto& m = *(doc.MemberBegin() + i);
    if (m.value.IsString())
      params.push_back({m.name.GetString(), std::string(m.value.GetString())});
  }
  return params;
}

using Writer = rapidjson::Writer<rapidjson::OStreamWrapper>;

void write_answer(Writer& w, const BenchQuery& q, const normgraph::query::QueryResult& r) {
  auto column = [&](const char* key) {
    if (key) w.Key(key);
    w.StartArray();
    for (const auto& row : r.rows) {
      const Value& v = row.at(0);
      if (v.type() == Value::Type::String)
        w.String(v.as_string().c_str());
      else
        w.Null();
    }
    w.EndArray();
  };
  if (q.shape == "names") {
    column(nullptr);
  } else if (q.shape == "pairs") {
    w.StartObject();
    w.Key("count");
    w.Uint64(r.rows.size());
    column("pairs");
    w.EndObject();
  } else if (r.rows.empty() && q.shape == "hops") {
    w.Int(-1);
  } else if (r.rows.size() == 1 && r.rows[0].at(0).type() == Value::Type::Int) {
    w.Int64(r.rows[0][0].as_int());
  } else {
    w.Null();
  }
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Runs a rule program and returns its @output relation as a result table in the shape the
// answer wants: one row holding the number of facts ("integer"), or one row per fact holding
// the names of its nodes joined by '|', sorted ("names", "pairs"). Everything from checking
// the program against the graph to the sorted rows is timed.
normgraph::query::QueryResult run_rules(const normgraph::rules::Program& program,
                                        const normgraph::GraphStore& store,
                                        const std::string& shape) {
  namespace rules = normgraph::rules;
  const rules::CompiledProgram compiled = rules::compile(program, store, nullptr);
  rules::EvalOptions options;
  options.track_derivations = false;  // answers only; `normgraph rules` keeps them
  rules::Evaluation eval(compiled, store, options);
  eval.run();
  std::optional<uint32_t> output;
  for (uint32_t r = 0; r < compiled.relations.size(); ++r)
    if (compiled.relations[r].output) output = r;
  if (!output) throw std::runtime_error("the rule program has no @output relation");
  normgraph::query::QueryResult result;
  if (shape == "integer") {
    result.rows.push_back({Value(static_cast<int64_t>(eval.size(*output)))});
    return result;
  }
  std::vector<std::string> rows;
  for (uint32_t i = 0; i < eval.size(*output); ++i) {
    std::string row;
    for (auto t : eval.tuple({*output, i})) {
      if (!row.empty()) row += '|';
      row += rules::Evaluation::is_node(t) ? std::string(store.node_name(t)) : eval.show(t);
    }
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end());
  for (auto& r : rows) result.rows.push_back({Value(std::move(r))});
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string params_path = std::string(NORMGRAPH_SHARED_DIR) + "/bench/params.json";
  std::string queries_dir = std::string(NORMGRAPH_SOURCE_DIR) + "/bench/queries";
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--params" && i + 1 < args.size())
      params_path = args[++i];
    else if (args[i] == "--queries" && i + 1 < args.size())
      queries_dir = args[++i];
    else
      positional.push_back(args[i]);
  }
  if (positional.empty() || args[0] == "--help") {
    std::cerr << "usage: normgraph_query_bench DATA_DIR [REPEAT] [--params FILE] [--queries DIR]\n";
    return 1;
  }
  const int repeat = positional.size() > 1 ? std::max(1, std::stoi(positional[1])) : 3;
  try {
    const auto manifest = read_manifest(queries_dir);
    const auto params = read_params(params_path);
    auto t0 = Clock::now();
    normgraph::GraphStore store;
    normgraph::loaders::load_csv_graph(positional[0], store);
    const double load_ms = ms_since(t0);
    normgraph::query::QueryEngine engine(store);
    normgraph::query::QueryOptions options;
    options.time_limit_seconds = 0;
    options.max_rows = 0;
    options.max_memory_bytes = 0;

    rapidjson::OStreamWrapper out(std::cout);
    Writer w(out);
    w.StartObject();
    w.Key("engine");
    w.String("normgraph");
    w.Key("version");
    w.String(NORMGRAPH_VERSION);
    w.Key("threads");
    w.Uint(std::max(1u, std::thread::hardware_concurrency()));
    w.Key("load_ms");
    w.Double(load_ms);
    w.Key("queries");
    w.StartObject();
    for (const auto& q : manifest) {
      const std::string text = read_file(queries_dir + "/" + q.file);
      std::vector<double> runs;
      normgraph::query::QueryResult result;
      const bool rules = q.engine == "rules";
      const auto program =
          rules ? normgraph::rules::parse_program(text, q.file) : normgraph::rules::Program{};
      for (int k = 0; k < repeat; ++k) {
        auto t = Clock::now();
        result = rules ? run_rules(program, store, q.shape) : engine.run(text, params, options);
        runs.push_back(ms_since(t));
      }
      std::vector<double> sorted = runs;
      std::sort(sorted.begin(), sorted.end());
      w.Key(q.name.c_str());
      w.StartObject();
      w.Key("ms");
      w.Double(sorted[sorted.size() / 2]);
      w.Key("runs_ms");
      w.StartArray();
      for (double r : runs) w.Double(r);
      w.EndArray();
      w.Key("answer");
      write_answer(w, q, result);
      w.EndObject();
    }
    w.EndObject();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    w.Key("peak_rss_mb");
    w.Double(std::round(usage.ru_maxrss / 102.4) / 10);  // MB, one decimal
    w.EndObject();
    out.Flush();
    std::cout << '\n';
  } catch (const std::exception& e) {
    std::cerr << "normgraph_query_bench: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
