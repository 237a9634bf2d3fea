// The statement loader: reads the extraction rules, the vocabulary and the text lexicons once,
// then runs each statement through its DocumentExtraction (statement/extraction.hpp),
// preparing documents on worker threads and committing them in order.
#include "normgraph/loaders/statement.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "statement/extraction.hpp"

namespace normgraph::loaders {

namespace {

// ontology/text/verbal_forms.tsv: "NOUN-SUFFIX<TAB>VERB-SUFFIX|VERB-SUFFIX...", # comments.
std::vector<std::pair<std::string, std::vector<std::string>>> load_verbal_forms(
    const std::string& path) {
  std::vector<std::pair<std::string, std::vector<std::string>>> forms;
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot read the verbal forms");
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size())
      throw InputError(path + ":" + std::to_string(number) +
                       ": expected NOUN-SUFFIX<TAB>VERB-SUFFIX|...");
    std::vector<std::string> verbs;
    std::istringstream alternatives(line.substr(tab + 1));
    for (std::string verb; std::getline(alternatives, verb, '|');)
      if (!verb.empty()) verbs.push_back(verb);
    forms.emplace_back(line.substr(0, tab), std::move(verbs));
  }
  return forms;
}

// "militarization of the Internet" -> "militarize Internet", "militarizes Internet", ...: the
// verbal forms of a one-word nominalization and its object (the object's article dropped).
std::vector<std::string> verbal_phrases(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& forms,
    std::string_view phrase) {
  std::vector<std::string> out;
  const size_t of = phrase.find(" of ");
  if (of == std::string_view::npos || phrase.substr(0, of).find(' ') != std::string_view::npos)
    return out;
  const std::string_view noun = phrase.substr(0, of);
  std::string_view object = phrase.substr(of + 4);
  if (object.substr(0, 4) == "the ") object.remove_prefix(4);
  for (const auto& [suffix, verbs] : forms) {
    if (noun.size() <= suffix.size() + 2 || noun.substr(noun.size() - suffix.size()) != suffix)
      continue;
    const std::string_view stem = noun.substr(0, noun.size() - suffix.size());
    for (const auto& verb : verbs)
      out.push_back(std::string(stem) + verb + " " + std::string(object));
  }
  return out;
}

void compile_rule_words(StatementLoader::Impl& impl) {
  const ExtractionRules& rules = impl.rules;
  RuleWords& words = impl.words;
  auto add_all = [&](const std::vector<std::string>& list, uint16_t flag) {
    for (const auto& w : list) words.add(w, flag);
  };
  add_all(rules.speaker_words, kSpeakerWord);
  add_all(rules.clause_breaks, kClauseBreak);
  add_all(rules.modal_words, kModalWord);
  add_all(rules.relative_words, kRelativeWord);
  add_all(rules.event_heads, kEventHead);
  add_all(rules.group_heads, kGroupHead);
  add_all(rules.name_stops, kNameStop);
  for (const auto& [word, type] : rules.document_heads) words.add(word, kDocumentHead);
  add_all(rules.event_stops, kEventStop);
  add_all(rules.modifier_heads, kModifierHead);
  add_all(rules.complement_words, kComplementWord);
  add_all(rules.enumeration_words, kEnumerationWord);
  add_all(rules.clause_openers, kClauseOpener);
  add_all(rules.negatable_words, kNegatable);
  for (const Cue& cue : rules.cues) {
    std::vector<int32_t> ids;
    for (const auto& w : cue.words) ids.push_back(w == "*" ? kWildcard : words.add(w));
    impl.cue_words.push_back(std::move(ids));
  }
  impl.cues_by_first_word.resize(words.flags.size());
  for (uint32_t c = 0; c < impl.cue_words.size(); ++c)
    if (impl.cue_words[c].front() >= 0)
      impl.cues_by_first_word[impl.cue_words[c].front()].push_back(c);
  for (const Pattern& p : rules.patterns) {
    std::vector<std::vector<int32_t>> elements;
    for (const PatternElement& el : p.elements) {
      std::vector<int32_t> ids;
      for (const auto& w : el.words) ids.push_back(words.add(w));
      elements.push_back(std::move(ids));
    }
    impl.pattern_words.push_back(std::move(elements));
  }
  impl.cues_by_first_word.resize(words.flags.size());
  for (const Pattern& p : rules.patterns) {
    std::vector<EntityKind> kinds;
    for (const PatternElement& el : p.elements) kinds.push_back(entity_kind(el.kind));
    impl.pattern_kinds.push_back(std::move(kinds));
  }
  for (int m = 0; m < 12; ++m) impl.month_words[m] = impl.matcher.intern_word(kMonths[m]);
  // Every rule word gets a matcher id, so that identified tokens map to rule words by index.
  for (const auto& [word, id] : words.ids) {
    const uint32_t matcher_id = impl.matcher.intern_word(word);
    if (matcher_id >= words.by_matcher_word.size())
      words.by_matcher_word.resize(matcher_id + 1, kNotARuleWord);
    words.by_matcher_word[matcher_id] = id;
  }
}

}  // namespace

StatementLoader StatementLoader::load_dir(const std::string& dir) {
  auto impl = std::make_shared<Impl>(Impl{ontology::Vocabulary::load_dir(dir + "/vocab"),
                                          text::TextRules::load_dir(dir + "/text"),
                                          ExtractionRules::load_dir(dir + "/extraction"),
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          NounChunker::load_dir(dir + "/text"),
                                          {},
                                          ConceptGate::load_dir(dir + "/text")});
  compile_rule_words(*impl);
  impl->verbal_forms = load_verbal_forms(dir + "/text/verbal_forms.tsv");
  for (const auto& [kind, act] : impl->rules.named_stances)
    impl->named_act[static_cast<size_t>(entity_kind(kind))] = act;
  const auto& entries = impl->vocabulary.entries();
  for (uint32_t e = 0; e < entries.size(); ++e) {
    const auto& en = entries[e];
    for (const auto* list : {&en.aliases, &en.triggers, &en.descriptions})
      for (const auto& phrase : *list) impl->matcher.add(phrase, e);
    for (const auto& phrase : en.anaphors) impl->matcher.add(phrase, e | kAnaphor);
    impl->matcher.add(en.name, e);
    if (en.kind == "Practice" || en.kind == "Topic" || en.kind == "Principle") {
      for (const auto& phrase : verbal_phrases(impl->verbal_forms, en.name))
        impl->matcher.add(phrase, e);
      for (const auto& alias : en.aliases)
        for (const auto& phrase : verbal_phrases(impl->verbal_forms, alias))
          impl->matcher.add(phrase, e);
    }
    impl->concepts.add(impl->chunker, en.name, e);
    for (const auto& a : en.aliases) impl->concepts.add(impl->chunker, a, e);
    // A phrase argument that is one of its triggers names it too ("criminal use of ICTs").
    for (const auto& t : en.triggers) impl->concepts.add(impl->chunker, t, e);
    impl->text_rules.add_known_words(en.name);
    for (const auto& a : en.aliases) impl->text_rules.add_known_words(a);
    auto flag = [&](const char* key, const Value& expected) {
      const Value* v = find_entry(en.props, key);
      return v && *v == expected;
    };
    impl->info.push_back({entity_kind(en.kind), en.kind == "Actor" && flag("type", Value("state")),
                          flag("series", Value(true))});
    const Value* date = find_entry(en.props, "date");
    const std::string when = date && date->type() == Value::Type::String ? date->as_string() : "";
    impl->year.push_back(year_of(when));
    impl->month.push_back(when.size() >= 7 && when[4] == '-' ? std::atoi(when.c_str() + 5) : 0);
    const Value* negotiated = find_entry(en.props, "negotiated_from");
    const int negotiated_year = negotiated && negotiated->type() == Value::Type::String
                                    ? year_of(negotiated->as_string())
                                    : 0;
    impl->info.back().named_from = negotiated_year ? negotiated_year : impl->year.back();
    impl->info.back().valued = flag("valued", Value(true));
    impl->info.back().named = !flag("named", Value(false));
    impl->info.back().stance = !flag("stance", Value(false));
    if (const Value* type = find_entry(en.props, "type");
        en.kind == "Actor" && type && type->type() == Value::Type::String)
      impl->info.back().actor_type = type->as_string();
  }
  for (uint32_t e = 0; e < entries.size(); ++e) {
    const Value* as = find_entry(entries[e].props, "endorsed_as");
    if (!as || as->type() != Value::Type::String) continue;
    for (uint32_t other = 0; other < entries.size(); ++other)
      if (entries[other].id == as->as_string()) impl->info[e].endorsed_as = other;
    if (impl->info[e].endorsed_as == UINT32_MAX)
      throw InputError(entries[e].id +
                       ": props.endorsed_as names no vocabulary entry: " + as->as_string());
  }
  return StatementLoader(std::move(impl));
}

StatementLoader StatementLoader::load_default() {
  return load_dir(ontology_dir());
}

struct StatementLoader::Prepared::Document {
  DocumentExtraction extraction;
};
StatementLoader::Prepared::Prepared() = default;
StatementLoader::Prepared::~Prepared() = default;
StatementLoader::Prepared::Prepared(Prepared&&) noexcept = default;
StatementLoader::Prepared& StatementLoader::Prepared::operator=(Prepared&&) noexcept = default;

StatementLoader::Prepared StatementLoader::prepare(std::string_view bytes,
                                                   const std::string& file_name) const {
  Prepared p;
  p.doc_ = std::make_unique<Prepared::Document>(
      Prepared::Document{DocumentExtraction(*impl_, file_name, bytes)});
  p.doc_->extraction.run();
  return p;
}

LoadCounts StatementLoader::commit(Prepared&& prepared, GraphStore& store) const {
  if (!prepared.doc_) throw InputError("commit of an empty prepared statement");
  const auto counts = prepared.doc_->extraction.write(store);
  prepared.doc_.reset();
  return counts;
}

LoadCounts StatementLoader::load_file(const std::string& path, GraphStore& store) const {
  return commit(prepare(read_file(path), path), store);
}

LoadCounts StatementLoader::load_text(std::string_view bytes, const std::string& file_name,
                                      GraphStore& store) const {
  return commit(prepare(bytes, file_name), store);
}

std::vector<StatementLoader::FileResult> StatementLoader::load_files(
    const std::vector<std::string>& paths, GraphStore& store, unsigned threads,
    Progress* progress) const {
  // Workers prepare files at most `window` ahead of the committer (bounded memory); the calling
  // thread commits them in order as they become ready, so writing overlaps preparing.
  const size_t window = 256;
  std::vector<FileResult> results(paths.size());
  std::vector<Prepared> prepared(paths.size());
  std::vector<char> ready(paths.size(), 0);
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0, committed = 0;
  auto work = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return next >= paths.size() || next < committed + window; });
        if (next >= paths.size()) return;
        i = next++;
      }
      results[i].path = paths[i];
      try {
        prepared[i] = prepare(read_file(paths[i]), paths[i]);
      } catch (const std::exception& e) {
        results[i].error = e.what();
      }
      {
        std::lock_guard lock(mutex);
        ready[i] = 1;
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) pool.emplace_back(work);
  for (size_t i = 0; i < paths.size(); ++i) {
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return ready[i] != 0; });
    }
    if (results[i].error.empty()) results[i].counts = commit(std::move(prepared[i]), store);
    {
      std::lock_guard lock(mutex);
      committed = i + 1;
    }
    changed.notify_all();
    report(progress, "ingesting statements", i + 1, paths.size());
  }
  for (auto& t : pool) t.join();
  report_done(progress, "ingesting statements");
  return results;
}

}  // namespace normgraph::loaders
