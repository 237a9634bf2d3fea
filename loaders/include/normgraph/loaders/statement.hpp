#pragma once
// The statement loader: a raw statement (OCR noise and all) becomes facts with provenance.
// Normalize and segment (text.hpp), match the vocabulary (phrase_matcher.hpp), then apply the
// extraction rules of ontology/extraction/ (docs/extraction-rules.md).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "normgraph/core/progress.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/graph_json.hpp"

namespace normgraph::loaders {

class StatementLoader {
 public:
  // Vocabulary, text rules and extraction rules from the ontology folder
  // ($NORMGRAPH_ONTOLOGY_DIR or the build's default). Throws InputError on bad data files.
  static StatementLoader load_default();
  static StatementLoader load_dir(const std::string& ontology_dir);

  // Reads one statement file; the document id is doc:<file stem>.
  LoadCounts load_file(const std::string& path, GraphStore& store) const;

  // The extraction of one document, not yet written to a graph. Preparing is the expensive
  // part and touches no graph, so many documents are prepared in parallel and committed in order.
  class Prepared {
   public:
    Prepared();
    ~Prepared();
    Prepared(Prepared&&) noexcept;
    Prepared& operator=(Prepared&&) noexcept;
    struct Document;

   private:
    friend class StatementLoader;
    std::unique_ptr<Document> doc_;
  };
  // Thread-safe. Throws InputError.
  Prepared prepare(std::string_view bytes, const std::string& file_name) const;
  LoadCounts commit(Prepared&& prepared, GraphStore& store) const;

  struct FileResult {
    std::string path;
    LoadCounts counts;
    std::string error;  // set when the file could not be read
  };
  // Reads and prepares the files on `threads` threads and commits them in the given order; a
  // file that fails is reported in its result and the others still load.
  std::vector<FileResult> load_files(const std::vector<std::string>& paths, GraphStore& store,
                                     unsigned threads, Progress* progress = nullptr) const;
  // `file_name` names the document (its stem gives the id) and may carry the ISO3 code and
  // year of the speaker (RUS_2021_...).
  LoadCounts load_text(std::string_view bytes, const std::string& file_name,
                       GraphStore& store) const;

  struct Impl;

 private:
  explicit StatementLoader(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace normgraph::loaders
