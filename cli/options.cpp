#include "options.hpp"

#include "normgraph/core/errors.hpp"
#include "normgraph/ontology/evidence_sources.hpp"

#include <cctype>

#include <algorithm>

namespace normgraph::cli {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string ParsedArgs::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

std::vector<std::string> ParsedArgs::all(const std::string& name) const {
  std::vector<std::string> out;
  auto [first, last] = values_.equal_range(name);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

namespace {
const OptionSpec* find_option(const CommandSpec& spec, const std::string& arg) {
  for (const auto& o : spec.options) {
    if (arg == "--" + o.name) return &o;
    if (o.short_name && arg == std::string{'-', o.short_name}) return &o;
  }
  return nullptr;
}
}  // namespace

ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args) {
  ParsedArgs parsed;
  bool only_operands = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (only_operands || arg.empty() || arg[0] != '-' || arg == "-") {
      parsed.operands_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_operands = true;
      continue;
    }
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const OptionSpec* opt = find_option(spec, arg);
    if (!opt) throw UsageError("unknown option " + arg + " for '" + spec.name + "'");
    std::string value;
    if (!opt->argument.empty()) {
      if (inline_value) {
        value = *inline_value;
      } else {
        if (i + 1 >= args.size()) throw UsageError("option " + arg + " needs " + opt->argument);
        value = args[++i];
      }
    } else if (inline_value) {
      throw UsageError("option " + arg + " takes no value");
    }
    if (!opt->repeatable && parsed.values_.count(opt->name))
      throw UsageError("option --" + opt->name + " given twice");
    parsed.values_.emplace(opt->name, value);
  }
  for (const auto& o : spec.options)
    if (!o.default_value.empty() && !parsed.values_.count(o.name))
      parsed.values_.emplace(o.name, o.default_value);
  const size_t n = parsed.operands_.size();
  if (n < spec.min_operands) throw UsageError("'" + spec.name + "' needs " + spec.operands);
  if (n > spec.max_operands)
    throw UsageError("'" + spec.name + "' takes " +
                     (spec.max_operands
                          ? "at most " + std::to_string(spec.max_operands) + " operand(s)"
                          : std::string("no operands")) +
                     ", got '" + parsed.operands_[spec.max_operands] + "'");
  return parsed;
}

std::string help_text(const CommandSpec& spec) {
  std::string out = "usage: normgraph " + spec.name + " [options]";
  if (!spec.operands.empty()) out += " " + spec.operands;
  out += "\n\n" + spec.synopsis + "\n";
  if (!spec.description.empty()) out += "\n" + spec.description + "\n";
  out += "\noptions:\n";
  for (const auto& o : spec.options) {
    std::string left = "  ";
    left += o.short_name ? std::string{'-', o.short_name, ',', ' '} : std::string("    ");
    left += "--" + o.name;
    if (!o.argument.empty()) left += " " + o.argument;
    left.resize(std::max<size_t>(left.size() + 2, 30), ' ');
    out += left + o.help;
    if (!o.default_value.empty()) out += " (default: " + o.default_value + ")";
    out += "\n";
  }
  out += "  -h, --help                  show this help\n";
  return out;
}

OptionSpec data_option() {
  return {"data", 'd', "DIR", "the data directory holding the graph", "./normgraph-data"};
}

uint64_t byte_size(const std::string& option, const std::string& text) {
  auto bad = [&]() -> UsageError {
    return UsageError("--" + option +
                      " takes a size in bytes such as 1073741824, 512M or 1G, not '" + text + "'");
  };
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 19) throw bad();
  uint64_t value = std::stoull(text.substr(0, digits));
  std::string unit = text.substr(digits);
  for (const char* suffix : {"iB", "B"})
    if (unit.size() > 1 && unit.ends_with(suffix)) {
      unit.resize(unit.size() - std::string_view(suffix).size());
      break;
    }
  int shift = unit.empty()                 ? 0
              : unit == "K" || unit == "k" ? 10
              : unit == "M"                ? 20
              : unit == "G"                ? 30
                                           : -1;
  if (shift < 0 || value > (UINT64_MAX >> shift)) throw bad();
  return value << shift;
}

OptionSpec timeout_option(const std::string& what, const std::string& fallback) {
  return {"timeout", 0, "SECONDS", "stop " + what + " that runs longer (0: no limit)", fallback};
}

OptionSpec max_memory_option() {
  return {"max-memory", 0, "MIB",
          "stop rule evaluation holding more than this many MiB of facts (0: no limit)",
          kWorkMemoryDefault};
}

Limits limit_options(const ParsedArgs& args, const std::string& timeout_fallback) {
  Limits limits;
  const std::string timeout = args.get_or("timeout", timeout_fallback);
  const std::string memory = args.get_or("max-memory", kWorkMemoryDefault);
  try {
    size_t used = 0;
    limits.time_limit_seconds = std::stod(timeout, &used);
    if (used != timeout.size() || !(limits.time_limit_seconds >= 0))
      throw std::invalid_argument("");
    const double mib = std::stod(memory, &used);
    if (used != memory.size() || !(mib >= 0)) throw std::invalid_argument("");
    limits.memory_limit_bytes = static_cast<size_t>(mib * 1024 * 1024);
  } catch (const std::exception&) {
    throw UsageError("--timeout and --max-memory take non-negative numbers, got '" + timeout +
                     "' and '" + memory + "'");
  }
  return limits;
}

std::vector<OptionSpec> with_view_options(std::vector<OptionSpec> options) {
  options.push_back({"as-of", 0, "DATE", "see only facts stated up to DATE (YYYY[-MM[-DD]])", ""});
  options.push_back({"since", 0, "DATE", "see only facts stated from DATE on", ""});
  options.push_back({"until", 0, "DATE", "see only facts stated up to DATE", ""});
  options.push_back({"sources", 0, "KIND,...",
                     "see only facts made by these sources (statement, supporters, curated, "
                     "manual)",
                     ""});
  options.push_back(
      {"exclude-sources", 0, "KIND,...", "leave out facts made by these sources", ""});
  return options;
}

EdgeFilter edge_filter(const ParsedArgs& args) {
  const EdgeFilterText text{args.get_or("as-of", ""), args.get_or("since", ""),
                            args.get_or("until", ""), args.get_or("sources", ""),
                            args.get_or("exclude-sources", "")};
  try {
    return parse_edge_filter(text, ontology::load_default_source_kinds());
  } catch (const InputError& e) {
    throw UsageError(std::string("--") + e.what());
  }
}

std::unique_ptr<EdgeView> edge_view(const ParsedArgs& args, const GraphStore& store) {
  const EdgeFilter filter = edge_filter(args);
  if (!filter.active()) return nullptr;
  return std::make_unique<EdgeView>(store, filter, ontology::load_default_source_kinds());
}

}  // namespace normgraph::cli
