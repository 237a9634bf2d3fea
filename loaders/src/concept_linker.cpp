// Keys for concept linking (concept_linker.hpp).
#include "concept_linker.hpp"

#include "normgraph/loaders/phrase_matcher.hpp"

namespace normgraph::loaders {

namespace {

constexpr uint32_t kAmbiguous = UINT32_MAX;

bool ends_with(const std::string& s, std::string_view end) {
  return s.size() > end.size() && std::string_view(s).substr(s.size() - end.size()) == end;
}

// One spelling for British and American forms: "militarisation" -> "militarization",
// "behaviour" -> "behavior", "defence" -> "defense". Short words are left alone ("rise", "our").
std::string unified_spelling(std::string w) {
  auto replace_end = [&](std::string_view from, std::string_view to) {
    if (!ends_with(w, from)) return false;
    w = w.substr(0, w.size() - from.size()) + std::string(to);
    return true;
  };
  if (w.size() > 6 && w.find("isation") != std::string::npos)
    w.replace(w.find("isation"), 7, "ization");
  if (w.size() > 6)
    replace_end("ise", "ize") || replace_end("ised", "ized") || replace_end("ises", "izes") ||
        replace_end("ising", "izing");
  if (w.size() > 5) replace_end("our", "or") || replace_end("ours", "ors");
  if (w == "defence" || w == "offence" || w == "licence" || w == "pretence")
    replace_end("ence", "ense");
  return w;
}

}  // namespace

namespace {

// The phrase's words without articles, spelling unified, the head singular.
std::vector<std::string> normalized_words(const NounChunker& chunker, std::string_view phrase) {
  std::vector<Token> tokens = tokenize(phrase);
  std::vector<std::string> words = joined_words(tokens);
  // The head is the word before the first preposition ("attacks on infrastructure"), else the last.
  size_t head = words.empty() ? 0 : words.size() - 1;
  for (size_t i = 1; i < words.size(); ++i)
    if (words[i] == "of" || words[i] == "in" || words[i] == "for" || words[i] == "on" ||
        words[i] == "against" || words[i] == "to" || words[i] == "with") {
      head = i - 1;
      break;
    }
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "the" || words[i] == "a" || words[i] == "an")
      continue;  // "militarization of the internet"
    out.push_back(i == head ? unified_spelling(chunker.noun_lemma(unified_spelling(words[i])))
                            : unified_spelling(words[i]));
  }
  return out;
}

}  // namespace

std::string concept_key(const NounChunker& chunker, std::string_view phrase) {
  std::string key;
  for (const auto& w : normalized_words(chunker, phrase)) key += w;
  return key;
}

std::string concept_phrase(const NounChunker& chunker, std::string_view phrase) {
  std::string out;
  for (const auto& w : normalized_words(chunker, phrase)) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string lowercase_words(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return out;
}

void ConceptIndex::add(const NounChunker& chunker, std::string_view phrase, uint32_t entry) {
  const std::string key = concept_key(chunker, phrase);
  if (key.empty()) return;
  auto [it, fresh] = entries_.try_emplace(key, entry);
  if (!fresh && it->second != entry) it->second = kAmbiguous;
}

std::optional<uint32_t> ConceptIndex::find(const std::string& key) const {
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second == kAmbiguous) return std::nullopt;
  return it->second;
}

}  // namespace normgraph::loaders
