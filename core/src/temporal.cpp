#include "normgraph/core/temporal.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <vector>

namespace normgraph {

namespace {

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t floor_mod(int64_t a, int64_t b) {
  return a - floor_div(a, b) * b;
}

}  // namespace

// ---- calendar (H. Hinnant's days_from_civil / civil_from_days) ----

int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2), m, d};
}

bool is_leap_year(int64_t y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int days_in_month(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

int day_of_week(int64_t days) {
  return static_cast<int>(floor_mod(days + 3, 7)) + 1;
}

int64_t days_from_iso_week(int64_t week_year, int64_t week, int64_t dow) {
  // Week 1 holds the year's first Thursday, so it holds January 4th.
  const int64_t jan4 = days_from_civil(week_year, 1, 4);
  const int64_t week1_monday = jan4 - (day_of_week(jan4) - 1);
  return week1_monday + (week - 1) * 7 + (dow - 1);
}

IsoWeek iso_week(int64_t days) {
  int64_t year = civil_from_days(days).year;
  // The week-based year is the year of the Thursday of the week.
  const int64_t thursday = days - (day_of_week(days) - 1) + 3;
  year = civil_from_days(thursday).year;
  const int64_t week1_monday = days_from_iso_week(year, 1, 1);
  return {year, static_cast<int>((days - week1_monday) / 7 + 1)};
}

int iso_weeks_in_year(int64_t week_year) {
  return iso_week(days_from_iso_week(week_year + 1, 1, 1) - 1).week;
}

// ---- time zones ----

namespace {

// A POSIX TZ rule "Mm.w.d/time": the w-th (5: last) weekday d of month m, at time (local,
// in the offset in force before the change).
struct TransitionRule {
  int month = 0, week = 0, weekday = 0;
  int32_t time = 7200;
};

struct ZoneRules {
  std::string name;
  std::vector<int64_t> transitions;    // UTC seconds
  std::vector<int32_t> offsets_after;  // the offset from each transition on
  int32_t initial_offset = 0;
  // The footer rule for instants after the last transition.
  bool has_footer = false;
  int32_t std_offset = 0, dst_offset = 0;
  bool has_dst = false;
  TransitionRule dst_start, dst_end;
};

class ZoneRegistry {
 public:
  static ZoneRegistry& instance() {
    static ZoneRegistry registry;
    return registry;
  }
  std::optional<int32_t> find(std::string_view name) {
    std::lock_guard lock(mutex_);
    for (size_t i = 0; i < zones_.size(); ++i)
      if (zones_[i]->name == name) return static_cast<int32_t>(i);
    auto rules = load(name);
    if (!rules) return std::nullopt;
    zones_.push_back(std::move(rules));
    return static_cast<int32_t>(zones_.size() - 1);
  }
  const ZoneRules& get(int32_t id) {
    std::lock_guard lock(mutex_);
    return *zones_.at(static_cast<size_t>(id));
  }

 private:
  static std::unique_ptr<ZoneRules> load(std::string_view name);
  std::mutex mutex_;
  // unique_ptr: a zone's rules stay where they are when the vector grows.
  std::vector<std::unique_ptr<ZoneRules>> zones_;
};

bool valid_zone_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos)
    return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
          c == '+'))
      return false;
  return true;
}

int64_t read_be(const unsigned char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

// Parses "[+-]hh[:mm[:ss]]" of a POSIX TZ string; POSIX offsets are west-positive.
bool parse_posix_offset(std::string_view& s, int32_t& out) {
  int sign = 1;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  int32_t parts[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return i > 0;
    int32_t v = 0;
    while (!s.empty() && std::isdigit(static_cast<unsigned char>(s[0]))) {
      v = v * 10 + (s[0] - '0');
      s.remove_prefix(1);
    }
    parts[i] = v;
    out = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
    if (s.empty() || s[0] != ':') return true;
    s.remove_prefix(1);
  }
  return true;
}

void skip_abbreviation(std::string_view& s) {
  if (!s.empty() && s[0] == '<') {
    size_t end = s.find('>');
    s.remove_prefix(end == std::string_view::npos ? s.size() : end + 1);
    return;
  }
  while (!s.empty() && std::isalpha(static_cast<unsigned char>(s[0]))) s.remove_prefix(1);
}

bool parse_rule(std::string_view& s, TransitionRule& rule) {
  if (s.empty() || s[0] != 'M') return false;  // only the Mm.w.d form is in use in tzdata
  s.remove_prefix(1);
  int fields[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    int v = 0;
    while (!s.empty() && std::isdigit(static_cast<unsigned char>(s[0]))) {
      v = v * 10 + (s[0] - '0');
      s.remove_prefix(1);
    }
    fields[i] = v;
    if (i < 2) {
      if (s.empty() || s[0] != '.') return false;
      s.remove_prefix(1);
    }
  }
  rule.month = fields[0];
  rule.week = fields[1];
  rule.weekday = fields[2];
  rule.time = 7200;
  if (!s.empty() && s[0] == '/') {
    s.remove_prefix(1);
    int32_t t = 0;
    if (!parse_posix_offset(s, t)) return false;
    rule.time = t;
  }
  return true;
}

void parse_footer(std::string_view tz, ZoneRules& rules) {
  skip_abbreviation(tz);
  int32_t std_west = 0;
  if (!parse_posix_offset(tz, std_west)) return;
  rules.std_offset = -std_west;
  rules.has_footer = true;
  if (tz.empty()) return;
  skip_abbreviation(tz);
  int32_t dst_west = std_west - 3600;
  if (!tz.empty() && tz[0] != ',') parse_posix_offset(tz, dst_west);
  rules.dst_offset = -dst_west;
  if (tz.empty() || tz[0] != ',') return;
  tz.remove_prefix(1);
  if (!parse_rule(tz, rules.dst_start) || tz.empty() || tz[0] != ',') return;
  tz.remove_prefix(1);
  rules.has_dst = parse_rule(tz, rules.dst_end);
}

std::unique_ptr<ZoneRules> ZoneRegistry::load(std::string_view name) {
  if (!valid_zone_name(name)) return nullptr;
  const char* dir = std::getenv("NORMGRAPH_ZONEINFO");
  std::string path =
      std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::vector<unsigned char> data((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  if (data.size() < 44 || std::memcmp(data.data(), "TZif", 4) != 0) return nullptr;
  auto counts = [&](size_t at, int64_t c[6]) {
    for (int i = 0; i < 6; ++i) c[i] = read_be(&data[at + 20 + 4 * i], 4);
  };
  int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  counts(0, c);
  size_t at = 44;
  int time_bytes = 4;
  if (data[4] >= '2') {  // skip the 32-bit block; the 64-bit one follows with its own header
    at += static_cast<size_t>(c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
    if (data.size() < at + 44) return nullptr;
    counts(at, c);
    at += 44;
    time_bytes = 8;
  }
  const size_t need = static_cast<size_t>(c[3] * (time_bytes + 1) + c[4] * 6 + c[5] +
                                          c[2] * (time_bytes + 4) + c[1] + c[0]);
  if (data.size() < at + need || c[4] <= 0) return nullptr;
  auto rules = std::make_unique<ZoneRules>();
  rules->name = std::string(name);
  const size_t types_at = at + static_cast<size_t>(c[3] * (time_bytes + 1));
  auto type_offset = [&](int64_t type) {
    return static_cast<int32_t>(read_be(&data[types_at + static_cast<size_t>(type) * 6], 4));
  };
  rules->initial_offset = type_offset(0);
  for (int64_t i = 0; i < c[3]; ++i) {
    rules->transitions.push_back(
        read_be(&data[at + static_cast<size_t>(i * time_bytes)], time_bytes));
    int64_t type = data[at + static_cast<size_t>(c[3] * time_bytes + i)];
    if (type >= c[4]) return nullptr;
    rules->offsets_after.push_back(type_offset(type));
  }
  if (time_bytes == 8) {
    size_t footer = at + need;
    if (footer < data.size() && data[footer] == '\n') {
      size_t end = footer + 1;
      while (end < data.size() && data[end] != '\n') ++end;
      parse_footer(
          std::string_view(reinterpret_cast<const char*>(&data[footer + 1]), end - footer - 1),
          *rules);
    }
  }
  return rules;
}

// The UTC instant of a footer rule's change in `year`, `offset_before` in force until then.
int64_t rule_instant(const TransitionRule& rule, int64_t year, int32_t offset_before) {
  int64_t day;
  if (rule.week == 5) {
    const int64_t last = days_from_civil(year, rule.month, days_in_month(year, rule.month));
    const int dow = day_of_week(last) % 7;  // Sunday 0
    day = last - floor_mod(dow - rule.weekday, 7);
  } else {
    const int64_t first = days_from_civil(year, rule.month, 1);
    const int dow = day_of_week(first) % 7;
    day = first + floor_mod(rule.weekday - dow, 7) + (rule.week - 1) * 7;
  }
  return day * kSecondsPerDay + rule.time - offset_before;
}

int32_t footer_offset_at(const ZoneRules& z, int64_t t) {
  if (!z.has_dst) return z.std_offset;
  const int64_t year = civil_from_days(floor_div(t + z.std_offset, kSecondsPerDay)).year;
  const int64_t start = rule_instant(z.dst_start, year, z.std_offset);
  const int64_t end = rule_instant(z.dst_end, year, z.dst_offset);
  if (start < end) return t >= start && t < end ? z.dst_offset : z.std_offset;
  return t >= end && t < start ? z.std_offset : z.dst_offset;  // southern hemisphere
}

}  // namespace

std::optional<int32_t> find_time_zone(std::string_view name) {
  return ZoneRegistry::instance().find(name);
}

const std::string& time_zone_name(int32_t zone) {
  return ZoneRegistry::instance().get(zone).name;
}

int32_t zone_offset_at(int32_t zone, int64_t t) {
  const ZoneRules& z = ZoneRegistry::instance().get(zone);
  if (z.transitions.empty() || t < z.transitions.front())
    return z.transitions.empty() && z.has_footer ? footer_offset_at(z, t) : z.initial_offset;
  if (t >= z.transitions.back() && z.has_footer) return footer_offset_at(z, t);
  auto it = std::upper_bound(z.transitions.begin(), z.transitions.end(), t);
  return z.offsets_after[static_cast<size_t>(it - z.transitions.begin() - 1)];
}

int32_t zone_offset_for_local(int32_t zone, int64_t local) {
  // At most one change within a day either side of any wall time.
  const int32_t before = zone_offset_at(zone, local - kSecondsPerDay);
  const int32_t after = zone_offset_at(zone, local + kSecondsPerDay);
  if (zone_offset_at(zone, local - before) == before) return before;  // also an overlap's earlier
  if (zone_offset_at(zone, local - after) == after) return after;
  return before;  // a gap: the wall time moves forward by the gap
}

// ---- values ----

TemporalValue TemporalValue::date(int64_t days) {
  TemporalValue t;
  t.kind = Kind::Date;
  t.days = days;
  return t;
}

TemporalValue TemporalValue::local_time(int64_t nanos_of_day) {
  TemporalValue t;
  t.kind = Kind::LocalTime;
  t.nanos = floor_mod(nanos_of_day, kNanosPerDay);
  return t;
}

TemporalValue TemporalValue::time(int64_t nanos_of_day, int32_t offset) {
  TemporalValue t = local_time(nanos_of_day);
  t.kind = Kind::Time;
  t.offset_seconds = offset;
  return t;
}

TemporalValue TemporalValue::local_date_time(int64_t days, int64_t nanos_of_day) {
  TemporalValue t;
  t.kind = Kind::LocalDateTime;
  t.days = days + floor_div(nanos_of_day, kNanosPerDay);
  t.nanos = floor_mod(nanos_of_day, kNanosPerDay);
  return t;
}

TemporalValue TemporalValue::date_time(int64_t days, int64_t nanos_of_day, int32_t offset,
                                       int32_t zone) {
  TemporalValue local = local_date_time(days, nanos_of_day);
  if (zone < 0) {
    local.kind = Kind::DateTime;
    local.offset_seconds = offset;
    return local;
  }
  const int64_t local_seconds = local.days * kSecondsPerDay + local.nanos / kNanosPerSecond;
  const int32_t resolved = zone_offset_for_local(zone, local_seconds);
  return date_time_at(local_seconds - resolved, local.nanos % kNanosPerSecond, resolved, zone);
}

TemporalValue TemporalValue::date_time_at(int64_t epoch_seconds, int64_t nanos, int32_t offset,
                                          int32_t zone) {
  epoch_seconds += floor_div(nanos, kNanosPerSecond);
  nanos = floor_mod(nanos, kNanosPerSecond);
  if (zone >= 0) offset = zone_offset_at(zone, epoch_seconds);
  const int64_t local = epoch_seconds + offset;
  TemporalValue t;
  t.kind = Kind::DateTime;
  t.days = floor_div(local, kSecondsPerDay);
  t.nanos = floor_mod(local, kSecondsPerDay) * kNanosPerSecond + nanos;
  t.offset_seconds = offset;
  t.zone = zone;
  return t;
}

TemporalValue TemporalValue::duration(int64_t months, int64_t days, int64_t seconds,
                                      int64_t nanos) {
  TemporalValue t;
  t.kind = Kind::Duration;
  t.months = months;
  t.days = days;
  t.seconds = seconds + floor_div(nanos, kNanosPerSecond);
  t.nanos = floor_mod(nanos, kNanosPerSecond);
  return t;
}

bool TemporalValue::has_date() const {
  return kind == Kind::Date || kind == Kind::LocalDateTime || kind == Kind::DateTime;
}

bool TemporalValue::has_time() const {
  return kind == Kind::LocalTime || kind == Kind::Time || kind == Kind::LocalDateTime ||
         kind == Kind::DateTime;
}

int64_t TemporalValue::epoch_seconds() const {
  return days * kSecondsPerDay + nanos / kNanosPerSecond - offset_seconds;
}

const char* temporal_kind_name(TemporalValue::Kind kind) {
  switch (kind) {
    case TemporalValue::Kind::Date:
      return "date";
    case TemporalValue::Kind::LocalTime:
      return "localtime";
    case TemporalValue::Kind::Time:
      return "time";
    case TemporalValue::Kind::LocalDateTime:
      return "localdatetime";
    case TemporalValue::Kind::DateTime:
      return "datetime";
    case TemporalValue::Kind::Duration:
      return "duration";
  }
  return "temporal";
}

// ---- text ----

std::optional<TemporalValue> parse_document_date(std::string_view text) {
  auto number = [&](size_t at, size_t n) -> std::optional<int> {
    if (text.size() < at + n) return std::nullopt;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  auto year = number(0, 4);
  if (!year) return std::nullopt;
  TemporalValue t = TemporalValue::date(days_from_civil(*year, 1, 1));
  if (text.size() == 4) {
    t.precision = TemporalValue::Precision::Year;
    return t;
  }
  auto month = text.size() >= 7 && text[4] == '-' ? number(5, 2) : std::nullopt;
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  t.days = days_from_civil(*year, *month, 1);
  if (text.size() == 7) {
    t.precision = TemporalValue::Precision::Month;
    return t;
  }
  auto day = text.size() == 10 && text[7] == '-' ? number(8, 2) : std::nullopt;
  if (!day || *day < 1 || *day > days_in_month(*year, *month)) return std::nullopt;
  t.days = days_from_civil(*year, *month, *day);
  return t;
}

namespace {

void append_padded(std::string& out, int64_t v, int width) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  if (v < 0) out += '-';
  if (static_cast<int>(digits.size()) < width)
    out.append(static_cast<size_t>(width) - digits.size(), '0');
  out += digits;
}

// Nanoseconds as ".5", ".000000002": trailing zeros dropped.
void append_fraction(std::string& out, int64_t nanos) {
  if (nanos == 0) return;
  std::string digits = std::to_string(nanos);
  digits.insert(0, 9 - digits.size(), '0');
  while (digits.back() == '0') digits.pop_back();
  out += '.';
  out += digits;
}

void append_year(std::string& out, int64_t year) {
  if (year > 9999) out += '+';
  append_padded(out, year, 4);
}

void append_date(std::string& out, int64_t days, TemporalValue::Precision precision) {
  const CivilDate d = civil_from_days(days);
  append_year(out, d.year);
  if (precision == TemporalValue::Precision::Year) return;
  out += '-';
  append_padded(out, d.month, 2);
  if (precision == TemporalValue::Precision::Month) return;
  out += '-';
  append_padded(out, d.day, 2);
}

void append_time(std::string& out, int64_t nanos_of_day) {
  const int64_t seconds = nanos_of_day / kNanosPerSecond;
  const int64_t fraction = nanos_of_day % kNanosPerSecond;
  append_padded(out, seconds / 3600, 2);
  out += ':';
  append_padded(out, seconds / 60 % 60, 2);
  if (seconds % 60 == 0 && fraction == 0) return;
  out += ':';
  append_padded(out, seconds % 60, 2);
  append_fraction(out, fraction);
}

void append_unit(std::string& out, int64_t v, char unit) {
  if (v == 0) return;
  out += std::to_string(v);
  out += unit;
}

std::string format_duration(const TemporalValue& t) {
  // Stored with 0 <= nanos < 1e9; printed with the sign of the seconds (-1.5 s: "-1.5S").
  int64_t seconds = t.seconds, nanos = t.nanos;
  if (seconds < 0 && nanos > 0) {
    seconds += 1;
    nanos -= kNanosPerSecond;
  }
  std::string out = "P";
  append_unit(out, t.months / 12, 'Y');
  append_unit(out, t.months % 12, 'M');
  append_unit(out, t.days, 'D');
  if (seconds != 0 || nanos != 0) {
    out += 'T';
    append_unit(out, seconds / 3600, 'H');
    append_unit(out, seconds % 3600 / 60, 'M');
    const int64_t s = seconds % 60;
    if (s != 0) {
      out += std::to_string(s);
      append_fraction(out, nanos < 0 ? -nanos : nanos);
      out += 'S';
    } else if (nanos != 0) {
      out += nanos < 0 ? "-0" : "0";
      append_fraction(out, nanos < 0 ? -nanos : nanos);
      out += 'S';
    }
  }
  if (out.size() == 1) out += "T0S";
  return out;
}

}  // namespace

std::string format_offset(int32_t offset) {
  if (offset == 0) return "Z";
  std::string out(1, offset < 0 ? '-' : '+');
  const int32_t a = offset < 0 ? -offset : offset;
  append_padded(out, a / 3600, 2);
  out += ':';
  append_padded(out, a / 60 % 60, 2);
  if (a % 60 != 0) {
    out += ':';
    append_padded(out, a % 60, 2);
  }
  return out;
}

std::string format_temporal(const TemporalValue& t) {
  std::string out;
  using Kind = TemporalValue::Kind;
  switch (t.kind) {
    case Kind::Date:
      append_date(out, t.days, t.precision);
      break;
    case Kind::LocalTime:
      append_time(out, t.nanos);
      break;
    case Kind::Time:
      append_time(out, t.nanos);
      out += format_offset(t.offset_seconds);
      break;
    case Kind::LocalDateTime:
      append_date(out, t.days, TemporalValue::Precision::Day);
      out += 'T';
      append_time(out, t.nanos);
      break;
    case Kind::DateTime:
      append_date(out, t.days, TemporalValue::Precision::Day);
      out += 'T';
      append_time(out, t.nanos);
      out += format_offset(t.offset_seconds);
      if (t.zone >= 0) out += "[" + time_zone_name(t.zone) + "]";
      break;
    case Kind::Duration:
      out = format_duration(t);
      break;
  }
  return out;
}

}  // namespace normgraph
