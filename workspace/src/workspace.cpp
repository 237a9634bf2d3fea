#include "normgraph/workspace/workspace.hpp"

#include <filesystem>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/journal.hpp"
#include "normgraph/loaders/norm_text.hpp"
#include "normgraph/ontology/schema.hpp"

namespace normgraph::workspace {

namespace {

std::string journal_path(const DataDir& dir) {
  return dir.path() + "/journal";
}

// The snapshot a journal's first record names, when it is a base record.
std::optional<uint64_t> base_snapshot(std::string_view bytes) {
  try {
    const Record decoded = decode_record(bytes);
    if (auto* base = std::get_if<BaseRecord>(&decoded)) return base->snapshot;
  } catch (const InputError&) {
    // a damaged first record is reported when it is applied
  }
  return std::nullopt;
}

}  // namespace

Workspace::Workspace(DataDir& dir, WorkspaceOptions options)
    : dir_(dir), options_(options), store_(dir.load(options.progress)) {
  const bool writable = dir.access() == DataDir::Access::Write;
  if (options_.journaled && !writable)
    throw StorageError(dir.path() + ": a journaled workspace needs write access");
  if (options_.journaled || std::filesystem::exists(journal_path(dir)))
    journal_ = std::make_unique<Journal>(journal_path(dir), !writable);
  if (journal_) replay_journal();
  if (!options_.journaled) {
    journal_.reset();  // read once; save() opens it again to empty it
    return;
  }
  // A server: bad ontology files stop it at start, not at its first write.
  schema();
  statement_loader();
  norm_loader();
  // From here on the journal starts with a base record naming the snapshot it follows.
  if (replay_.folded || (!replay_.has_base && journal_->record_count() > 0))
    save();
  else if (!replay_.has_base)
    journal_->append(encode_record(BaseRecord{dir_.snapshot_checksum()}));
}

Workspace::~Workspace() = default;

const ontology::Schema& Workspace::schema() const {
  std::call_once(schema_once_, [&] {
    schema_ = std::make_unique<ontology::Schema>(ontology::Schema::load_default());
  });
  return *schema_;
}

void Workspace::replay_journal() {
  const uint64_t snapshot = dir_.snapshot_checksum();
  bool first = true, folded = false;
  size_t index = 0;
  const auto report = journal_->replay([&](std::string_view bytes) {
    ++index;
    if (first) {
      first = false;
      if (auto base = base_snapshot(bytes)) {
        // A base naming another snapshot: a crash came between saving the snapshot and
        // emptying the journal, so its records are in the snapshot already and are not
        // applied again (CREATE or SET n.x = n.x + 1 are not idempotent).
        replay_.has_base = true;
        folded = *base != snapshot;
        return;
      }
    }
    if (folded) {
      ++replay_.folded;
      return;
    }
    try {
      apply_record(decode_record(bytes));
      ++replay_.applied;
    } catch (const InputError& e) {
      replay_.errors.push_back(e.what());
    } catch (const StorageError& e) {  // a record this build must not drop: nothing is opened
      throw StorageError(journal_->path() + ": record " + std::to_string(index) + ": " + e.what());
    }
  });
  replay_.dropped_bytes = report.dropped_bytes;
}

void Workspace::apply_record(const Record& record) {
  if (const auto* doc = std::get_if<DocumentRecord>(&record)) {
    apply(prepare(*doc));
  } else if (const auto* cypher = std::get_if<CypherRecord>(&record)) {
    query::QueryOptions opts;
    opts.time_limit_seconds = 0;  // it ran to its end once; it must again
    opts.max_memory_bytes = 0;
    opts.max_rows = 0;
    apply_cypher(*cypher, opts);
  }
  // A base record changes nothing.
}

PreparedDocument Workspace::prepare(DocumentRecord record) const {
  PreparedDocument out{std::move(record), std::nullopt};
  if (out.record.kind == "statement")
    out.extraction = statement_loader().prepare(out.record.text, out.record.file_name());
  return out;
}

loaders::LoadCounts Workspace::apply(PreparedDocument document) {
  ++generation_;  // also when the loader refuses it half-way
  if (document.extraction)
    return statement_loader().commit(std::move(*document.extraction), store_);
  return norm_loader().load_norm_text(document.record.text, document.record.file_name(), store_);
}

query::QueryResult Workspace::apply_cypher(const CypherRecord& record,
                                           query::QueryOptions options) {
  if (!writer_) writer_ = std::make_unique<query::QueryEngine>(store_, &schema());
  options.author = record.author;
  options.reason = record.reason;
  options.random_seed = record.random_seed;
  options.clock_ms = record.clock_ms;
  query::QueryResult result = writer_->run(record.query, record.params, options);
  if (result.stats.contains_updates()) ++generation_;
  return result;
}

void Workspace::journal(const PreparedDocument& document) {
  if (journal_) journal_->append(encode_record(document.record));
}

loaders::LoadCounts Workspace::commit(PreparedDocument document) {
  // Durable first: once the record is fsynced the document survives a crash.
  journal(document);
  return apply(std::move(document));
}

query::QueryResult Workspace::run_write(const CypherRecord& record, query::QueryOptions options) {
  if (journal_) {
    // Durable before final: the record is fsynced after the query ran and before its changes
    // are kept; a failed append throws and rolls the query back.
    auto before = std::move(options.before_commit);
    options.before_commit = [&, before](const query::QueryStats& stats) {
      if (before) before(stats);
      journal_->append(encode_record(record));
    };
  }
  return apply_cypher(record, std::move(options));
}

const loaders::StatementLoader& Workspace::statement_loader() const {
  std::call_once(statements_once_, [&] {
    statements_ =
        std::make_unique<loaders::StatementLoader>(loaders::StatementLoader::load_default());
  });
  return *statements_;
}

const loaders::NormLoader& Workspace::norm_loader() {
  if (!norms_) norms_ = std::make_unique<loaders::NormLoader>(loaders::NormLoader::load_default());
  return *norms_;
}

void Workspace::save(Progress* progress) {
  // The snapshot is replaced atomically; a crash before the journal is emptied leaves a
  // journal whose base record names the old snapshot, and its records are not applied again.
  dir_.save(store_, progress);
  ++generation_;
  if (journal_) {
    journal_->reset();
    journal_->append(encode_record(BaseRecord{dir_.snapshot_checksum()}));
  } else if (std::filesystem::exists(journal_path(dir_))) {
    Journal journal(journal_path(dir_));
    journal.reset();
    journal.append(encode_record(BaseRecord{dir_.snapshot_checksum()}));
  }
}

size_t Workspace::journal_records() const {
  if (!journal_) return 0;
  return journal_->record_count() - (journal_->record_count() > 0 ? 1 : 0);
}

uint64_t Workspace::journal_bytes() const {
  return journal_ ? journal_->size_bytes() : 0;
}

std::shared_ptr<const Workspace::EvaluatedState> Workspace::evaluated(
    const std::vector<std::string>& rule_files, const Limits& limits) {
  const uint64_t version = generation_.load();
  std::lock_guard<std::mutex> guard(evaluated_mutex_);
  if (!evaluated_ || evaluated_->generation != version || evaluated_->rule_files != rule_files) {
    auto state = std::make_shared<EvaluatedState>();
    state->generation = version;
    state->rule_files = rule_files;
    state->rules = std::make_unique<rules::EvaluatedRules>(store_, schema(), rule_files, limits);
    state->report = rules::run_checks(*state->rules, schema(), true, limits);
    evaluated_ = std::move(state);
  }
  return evaluated_;
}

}  // namespace normgraph::workspace
