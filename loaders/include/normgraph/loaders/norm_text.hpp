#pragma once
// Norm texts (docs/norm-texts.md): documents made of numbered provisions (charters, codes,
// declarations, laws) become Norm nodes with modality, addressee, action and the principles
// they instantiate; preambular paragraphs ("We reaffirm ...") become the stances of the
// document's signatories. Also: supporters lists (who endorses a document) and curated norm
// sets (ontology/norms/curated/*.norms) for documents whose text is not at hand. What the loader
// knows about numbering and modality is data: ontology/norms/norm-text.rules.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/graph_json.hpp"

namespace normgraph::loaders {

// One block of a norm text: a numbered or bulleted provision, an article's own paragraph, a
// preambular paragraph or another paragraph.
struct Provision {
  enum class Kind { Item, ArticleBody, Preamble, Paragraph };
  Kind kind = Kind::Paragraph;
  std::string label;  // "2(4)", "(b)(5)(C)", "bullet 3"; empty for paragraphs
  std::string title;  // a heading's words after its marker ("(b) Implementation")
  std::string text;   // normalized
  size_t line = 0;    // 1-based line of the file where it starts
  int parent = -1;    // the provision it is an item of (its lead-in), -1 when none
  bool has_items = false;
};

// How a provision reads: modality, addressee and action, and the rule that decided.
struct ProvisionReading {
  std::string modality;  // empty: no cue here or above
  std::string addressee;
  std::string action;
  std::string rule;  // "modality.prohibition.not-to", or "modality.inherited"
};

struct SupportersResult {
  LoadCounts counts;
  std::string document;  // the endorsed document's id
  size_t rows = 0, resolved = 0;
  std::vector<std::string> warnings;  // "file:line: ..." for each unresolved or doubtful row
};

class NormLoader {
 public:
  // Vocabulary (vocab/), text rules (text/) and norm rules (norms/norm-text.rules) of the
  // ontology folder ($NORMGRAPH_ONTOLOGY_DIR or the build's default). InputError on bad data.
  static NormLoader load_default();
  static NormLoader load_dir(const std::string& ontology_dir);

  // A norm text: its Document (the vocabulary's when the header's `document` or `title` names
  // one, else doc:<file stem>), its Norms, and the preamble's Commitments; signatories already
  // in the graph (see load_supporters) take the preamble's stances. Throws InputError.
  LoadCounts load_norm_text(std::string_view bytes, const std::string& file_name,
                            GraphStore& store) const;
  LoadCounts load_norm_text_file(const std::string& path, GraphStore& store) const;

  // A supporters list: tab-separated `CODE<TAB>NAME` (or `NAME`) lines, '#' comments; the
  // document is named by a `# document: ID` line, else by the first document the comments or
  // the file name mention. Each name the vocabulary resolves becomes Actor ENDORSES Document;
  // the others are reported in warnings. Throws InputError when the document is unknown.
  SupportersResult load_supporters(std::string_view bytes, const std::string& file_name,
                                   GraphStore& store) const;
  SupportersResult load_supporters_file(const std::string& path, GraphStore& store) const;

  // A curated norm set (*.norms; docs/norm-texts.md). Throws InputError "file:line: what".
  LoadCounts load_curated(std::string_view bytes, const std::string& file_name,
                          GraphStore& store) const;
  LoadCounts load_curated_file(const std::string& path, GraphStore& store) const;

  // The parts, for tests and tools: the provisions of a text body (no metadata header) and
  // how one sentence or provision reads.
  std::vector<Provision> parse_provisions(std::string_view body) const;
  ProvisionReading read_sentence(std::string_view sentence) const;
  std::vector<ProvisionReading> read_provisions(const std::vector<Provision>& provisions) const;

  struct Impl;

 private:
  explicit NormLoader(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// Whether a text file is a norm text: its metadata header says `kind: norm-text`. Reads only
// the file's first few kilobytes.
bool is_norm_text_file(const std::string& path);
// Whether a file is a supporters list: a *.tsv whose name contains "supporters" or "signatories".
bool is_supporters_file(const std::string& path);

}  // namespace normgraph::loaders
