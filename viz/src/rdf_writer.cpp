// RDF in N-Triples or Turtle. Node ids become IRIs under kIdNamespace (percent-encoded, so any id
// is a valid IRI and distinct ids stay distinct); kinds are classes and edge types properties
// under kOntologyNamespace. An edge is one triple; when it has evidence, properties or the
// derived flag, a reification (rdf:Statement) carries them, its sentences attached as
// prov:Entity resources through prov:wasDerivedFrom. Literals are ASCII with \u escapes.
#include <cmath>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "file_sink.hpp"
#include "normgraph/viz/export.hpp"
#include "text_escape.hpp"

namespace normgraph::viz {
namespace {

constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";
constexpr const char* kProv = "http://www.w3.org/ns/prov#";

// A local name that Turtle accepts after a prefix without escapes.
bool plain_local_name(std::string_view name) {
  if (name.empty() || !((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')))
    return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

class RdfWriter {
 public:
  RdfWriter(const GraphStore& store, const Selection& selection, RdfSyntax syntax,
            detail::FileSink& sink)
      : store_(store), selection_(selection), turtle_(syntax == RdfSyntax::Turtle), sink_(sink) {}

  void write() {
    if (turtle_)
      sink_.write(std::string("@prefix rdf: <") + kRdf + "> .\n@prefix rdfs: <" + kRdfs +
                  "> .\n@prefix xsd: <" + kXsd + "> .\n@prefix prov: <" + kProv +
                  "> .\n@prefix ng: <" + kOntologyNamespace + "> .\n\n");
    selection_.for_each_node(store_, [&](NodeId n) { node(n); });
    selection_.for_each_edge(store_, [&](EdgeId e) { edge(e); });
  }

 private:
  // ---- terms
  void node_iri(NodeId n) {
    sink_.Put('<');
    sink_.write(kIdNamespace);
    detail::put_percent_encoded(sink_, store_.node_id(n));
    sink_.Put('>');
  }
  void vocabulary(const char* ns, const char* prefix, std::string_view local) {
    if (turtle_ && plain_local_name(local)) {
      sink_.write(prefix);
      sink_.Put(':');
      sink_.write(local);
      return;
    }
    sink_.Put('<');
    sink_.write(ns);
    detail::put_percent_encoded(sink_, local);
    sink_.Put('>');
  }
  void ng(std::string_view local) { vocabulary(kOntologyNamespace, "ng", local); }
  void string_literal(std::string_view text) {
    sink_.Put('"');
    detail::put_rdf_string(sink_, text);
    sink_.Put('"');
  }
  void typed_literal(std::string_view text, const char* datatype) {
    string_literal(text);
    sink_.write("^^");
    vocabulary(kXsd, "xsd", datatype);
  }
  // The XML Schema type of a temporal's ISO text (a document's year or month: gYear, gYearMonth).
  static const char* xsd_temporal(const TemporalValue& t) {
    using Kind = TemporalValue::Kind;
    switch (t.kind) {
      case Kind::Date:
        return t.precision == TemporalValue::Precision::Year    ? "gYear"
               : t.precision == TemporalValue::Precision::Month ? "gYearMonth"
                                                                : "date";
      case Kind::LocalTime:
      case Kind::Time:
        return "time";
      case Kind::LocalDateTime:
      case Kind::DateTime:
        return "dateTime";
      case Kind::Duration:
        return "duration";
    }
    return "string";
  }
  void value_literal(const Value& v) {
    switch (v.type()) {
      case Value::Type::Bool:
        return typed_literal(v.as_bool() ? "true" : "false", "boolean");
      case Value::Type::Int:
        return typed_literal(std::to_string(v.as_int()), "integer");
      case Value::Type::Double: {
        double d = v.as_double();
        std::string text = std::isnan(d)   ? "NaN"
                           : std::isinf(d) ? (d > 0 ? "INF" : "-INF")
                                           : detail::format_double(d);
        return typed_literal(text, "double");
      }
      case Value::Type::String:
        return string_literal(v.as_string());
      case Value::Type::Temporal:
        return typed_literal(format_temporal(v.as_temporal()), xsd_temporal(v.as_temporal()));
      default:  // lists and maps: their JSON text
        return string_literal(detail::json_text(v));
    }
  }

  // ---- statements: subject, then predicate/object pairs, then end(). N-Triples repeats the
  // subject on every line; Turtle writes it once and separates pairs with ';'.
  template <class Subject>
  void begin(Subject&& subject) {
    subject_ = [&, subject] { subject(); };
    pairs_ = 0;
  }
  template <class Predicate, class Object>
  void pair(Predicate&& predicate, Object&& object) {
    if (!turtle_ || pairs_ == 0) {
      subject_();
      sink_.Put(' ');
    } else {
      sink_.write(" ;\n    ");
    }
    predicate();
    sink_.Put(' ');
    object();
    if (!turtle_) sink_.write(" .\n");
    ++pairs_;
  }
  void end() {
    if (turtle_ && pairs_ > 0) sink_.write(" .\n");
  }

  void rdf_type() {
    if (turtle_)
      sink_.Put('a');
    else
      vocabulary(kRdf, "rdf", "type");
  }

  void node(NodeId n) {
    begin([this, n] { node_iri(n); });
    std::vector<std::string_view> labels = store_.node_labels(n);
    for (std::string_view label : labels) pair([&] { rdf_type(); }, [&] { ng(label); });
    pair([&] { vocabulary(kRdfs, "rdfs", "label"); }, [&] { string_literal(store_.node_name(n)); });
    pair([&] { ng("id"); }, [&] { string_literal(store_.node_id(n)); });
    for (const std::string& alias : store_.node_aliases(n))
      pair([&] { ng("alias"); }, [&] { string_literal(alias); });
    properties(store_.node_props(n));
    std::vector<Evidence> evidence = store_.node_evidence(n);
    std::string base = "n" + std::to_string(n);
    for (size_t i = 0; i < evidence.size(); ++i)
      pair([&] { vocabulary(kProv, "prov", "wasDerivedFrom"); },
           [&] { sink_.write("_:" + base + "v" + std::to_string(i)); });
    end();
    evidence_entities(base, evidence);
  }

  void edge(EdgeId e) {
    EdgeEnds ends = store_.edge_ends(e);
    std::string_view type = store_.edge_type_name(ends.type);
    begin([this, &ends] { node_iri(ends.source); });
    pair([&] { ng(type); }, [&] { node_iri(ends.target); });
    end();
    std::vector<Evidence> evidence = store_.edge_evidence(e);
    const ValueMap& props = store_.edge_props(e);
    bool derived = store_.edge_derived(e);
    if (evidence.empty() && props.empty() && !derived) return;
    std::string base = "e" + std::to_string(e);
    begin([this, &base] { sink_.write("_:" + base); });
    pair([&] { rdf_type(); }, [&] { vocabulary(kRdf, "rdf", "Statement"); });
    pair([&] { vocabulary(kRdf, "rdf", "subject"); }, [&] { node_iri(ends.source); });
    pair([&] { vocabulary(kRdf, "rdf", "predicate"); }, [&] { ng(type); });
    pair([&] { vocabulary(kRdf, "rdf", "object"); }, [&] { node_iri(ends.target); });
    pair([&] { ng("derived"); }, [&] { typed_literal(derived ? "true" : "false", "boolean"); });
    properties(props, "derived");
    for (size_t i = 0; i < evidence.size(); ++i)
      pair([&] { vocabulary(kProv, "prov", "wasDerivedFrom"); },
           [&] { sink_.write("_:" + base + "v" + std::to_string(i)); });
    end();
    evidence_entities(base, evidence);
  }

  // Each sentence: a prov:Entity quoted from its document, with its position and rule.
  void evidence_entities(const std::string& base, const std::vector<Evidence>& evidence) {
    for (size_t i = 0; i < evidence.size(); ++i) {
      const Evidence& ev = evidence[i];
      std::string label = "_:" + base + "v" + std::to_string(i);
      begin([this, &label] { sink_.write(label); });
      pair([&] { rdf_type(); }, [&] { vocabulary(kProv, "prov", "Entity"); });
      if (!ev.text.empty())
        pair([&] { vocabulary(kProv, "prov", "value"); }, [&] { string_literal(ev.text); });
      if (!ev.doc.empty())
        pair([&] { vocabulary(kProv, "prov", "wasQuotedFrom"); },
             [&] {
               sink_.Put('<');
               sink_.write(kIdNamespace);
               detail::put_percent_encoded(sink_, ev.doc);
               sink_.Put('>');
             });
      integer("paragraph", ev.paragraph);
      integer("sentence", ev.sentence);
      integer("spanBegin", ev.span_begin);
      integer("spanEnd", ev.span_end);
      if (!ev.rule.empty()) pair([&] { ng("rule"); }, [&] { string_literal(ev.rule); });
      properties(ev.extra);
      end();
    }
  }

  void integer(const char* name, int64_t value) {
    if (value != -1)
      pair([&] { ng(name); }, [&] { typed_literal(std::to_string(value), "integer"); });
  }

  // A list of scalars is one triple per item; null is no triple.
  void properties(const ValueMap& props, std::string_view skip = {}) {
    for (const MapEntry& entry : props) {
      if (entry.key == skip || entry.value.is_null()) continue;
      if (entry.value.type() == Value::Type::List) {
        for (const Value& item : entry.value.as_list())
          if (!item.is_null()) pair([&] { ng(entry.key); }, [&] { value_literal(item); });
        continue;
      }
      pair([&] { ng(entry.key); }, [&] { value_literal(entry.value); });
    }
  }

  const GraphStore& store_;
  const Selection& selection_;
  bool turtle_;
  detail::FileSink& sink_;
  std::function<void()> subject_;
  size_t pairs_ = 0;
};

}  // namespace

void write_rdf_file(const GraphStore& store, const Selection& selection, RdfSyntax syntax,
                    const std::string& path) {
  detail::write_output(
      path, [&](detail::FileSink& sink) { RdfWriter(store, selection, syntax, sink).write(); });
}

}  // namespace normgraph::viz
