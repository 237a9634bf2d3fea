#include "temporal_functions.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>

#include "normgraph/core/strings.hpp"
#include "normgraph/query/query.hpp"

namespace normgraph::query {

using Kind = TemporalValue::Kind;
using Type = Value::Type;

namespace {

using Args = std::span<const Value>;
using Ctx = FunctionContext;

// ---- errors

[[noreturn]] void invalid_value(const std::string& message) {
  throw QueryError("ArgumentError", "InvalidArgumentValue", ErrorPhase::Runtime, message);
}
[[noreturn]] void invalid_type(const std::string& message) {
  throw QueryError("TypeError", "InvalidArgumentType", ErrorPhase::Runtime, message);
}

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t floor_mod(int64_t a, int64_t b) {
  return a - floor_div(a, b) * b;
}

bool is_temporal(const Value& v, Kind kind) {
  return v.type() == Type::Temporal && v.as_temporal().kind == kind;
}

// ---- parts: what a temporal has, whatever its kind

struct Parts {
  bool has_date = false;
  int64_t days = 0;
  bool has_time = false;
  int64_t nanos = 0;  // of the day
  bool has_zone = false;
  int32_t offset = 0;
  int32_t zone = -1;
};

Parts parts_of(const TemporalValue& t) {
  Parts p;
  p.has_date = t.has_date();
  p.days = t.days;
  p.has_time = t.has_time();
  p.nanos = t.nanos;
  p.has_zone = t.has_offset();
  p.offset = t.offset_seconds;
  p.zone = t.zone;
  return p;
}

TemporalValue make(Kind kind, const Parts& p) {
  switch (kind) {
    case Kind::Date:
      return TemporalValue::date(p.days);
    case Kind::LocalTime:
      return TemporalValue::local_time(p.nanos);
    case Kind::Time: {
      int32_t offset = p.offset;
      if (p.zone >= 0)
        offset = zone_offset_for_local(p.zone, p.days * kSecondsPerDay + p.nanos / kNanosPerSecond);
      return TemporalValue::time(p.nanos, offset);
    }
    case Kind::LocalDateTime:
      return TemporalValue::local_date_time(p.days, p.nanos);
    case Kind::DateTime:
      return TemporalValue::date_time(p.days, p.nanos, p.offset, p.zone);
    case Kind::Duration:
      break;
  }
  return TemporalValue::duration(0, 0, 0, 0);
}

// The same instant (or, for a time, the same UTC time of day) at another offset or zone.
Parts convert_zone(const Parts& from, Kind kind, int32_t offset, int32_t zone) {
  Parts out = from;
  out.has_zone = true;
  out.offset = offset;
  out.zone = zone;
  if (kind == Kind::Time || !from.has_date) {
    TemporalValue src = make(Kind::Time, from);
    const int32_t target =
        zone >= 0 ? zone_offset_at(zone, from.days * kSecondsPerDay - src.offset_seconds) : offset;
    out.nanos = floor_mod(from.nanos + int64_t{target - src.offset_seconds} * kNanosPerSecond,
                          kNanosPerDay);
    out.offset = target;
    return out;
  }
  TemporalValue src = make(Kind::DateTime, from);
  TemporalValue dst =
      TemporalValue::date_time_at(src.epoch_seconds(), src.nanos % kNanosPerSecond, offset, zone);
  out.days = dst.days;
  out.nanos = dst.nanos;
  out.offset = dst.offset_seconds;
  return out;
}

// ---- numbers in maps

bool is_number(const Value& v) {
  return v.type() == Type::Int || v.type() == Type::Double;
}

int64_t int_field(const Value& v, const char* name) {
  if (v.type() == Type::Int) return v.as_int();
  if (v.type() == Type::Double && std::isfinite(v.as_double())) return std::llround(v.as_double());
  invalid_type(std::string("temporal field ") + name + " must be a number");
}

// ---- time zones

// "Z", "+01", "+0100", "+01:00", "+01:00:30", or a zone name.
std::optional<int32_t> parse_offset(std::string_view s) {
  if (s == "Z" || s == "z") return 0;
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const int sign = s[0] == '-' ? -1 : 1;
  std::string digits;
  for (char c : s.substr(1)) {
    if (c == ':') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    digits += c;
  }
  if (digits.size() != 2 && digits.size() != 4 && digits.size() != 6) return std::nullopt;
  const int h = std::stoi(digits.substr(0, 2));
  const int m = digits.size() >= 4 ? std::stoi(digits.substr(2, 2)) : 0;
  const int sec = digits.size() >= 6 ? std::stoi(digits.substr(4, 2)) : 0;
  if (h > 18 || m > 59 || sec > 59) return std::nullopt;
  return sign * (h * 3600 + m * 60 + sec);
}

// Sets offset or zone of `p` from a timezone value ("+01:00" or "Europe/Stockholm").
void parse_time_zone(const Value& v, int32_t& offset, int32_t& zone) {
  if (v.type() != Type::String) invalid_type("timezone must be a string");
  const std::string& s = v.as_string();
  if (auto o = parse_offset(s)) {
    offset = *o;
    zone = -1;
    return;
  }
  auto id = find_time_zone(s);
  if (!id) invalid_value("unknown time zone: " + s);
  zone = *id;
  offset = 0;
}

// ---- the clock

Parts now_parts(const Ctx& ctx, int32_t offset, int32_t zone) {
  const int64_t ms = ctx.env.now_ms();
  TemporalValue t = TemporalValue::date_time_at(floor_div(ms, 1000),
                                                floor_mod(ms, 1000) * 1'000'000, offset, zone);
  Parts p = parts_of(t);
  return p;
}

// ---- text

struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool take(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  // Exactly n digits.
  std::optional<int64_t> digits(size_t n) {
    if (i + n > s.size()) return std::nullopt;
    int64_t v = 0;
    for (size_t k = 0; k < n; ++k) {
      char c = s[i + k];
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      v = v * 10 + (c - '0');
    }
    i += n;
    return v;
  }
  size_t digits_ahead() const {
    size_t n = 0;
    while (i + n < s.size() && std::isdigit(static_cast<unsigned char>(s[i + n]))) ++n;
    return n;
  }
};

[[noreturn]] void bad_text(std::string_view what, std::string_view text) {
  invalid_value("cannot parse '" + std::string(text) + "' as a " + std::string(what));
}

int64_t checked_date(int64_t year, int64_t month, int64_t day, std::string_view text) {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, static_cast<int>(month)))
    bad_text("date", text);
  return days_from_civil(year, month, day);
}

int64_t checked_week_date(int64_t year, int64_t week, int64_t dow, std::string_view text) {
  if (week < 1 || week > iso_weeks_in_year(year) || dow < 1 || dow > 7) bad_text("date", text);
  return days_from_iso_week(year, week, dow);
}

int64_t checked_ordinal_date(int64_t year, int64_t ordinal, std::string_view text) {
  if (ordinal < 1 || ordinal > (is_leap_year(year) ? 366 : 365)) bad_text("date", text);
  return days_from_civil(year, 1, 1) + ordinal - 1;
}

// 2015-07-21, 20150721, 2015-07, 201507, 2015-W30-2, 2015W302, 2015-W30, 2015-202, 2015202, 2015.
TemporalValue parse_date_text(std::string_view text) {
  Cursor c{text};
  int64_t sign = 1;
  std::optional<int64_t> year;
  if (c.peek() == '+' || c.peek() == '-') {
    sign = c.peek() == '-' ? -1 : 1;
    ++c.i;
    year = c.digits(std::max<size_t>(4, std::min<size_t>(c.digits_ahead(), 9)));
  } else {
    year = c.digits(4);
  }
  if (!year) bad_text("date", text);
  const int64_t y = sign * *year;
  if (c.done()) return TemporalValue::date(days_from_civil(y, 1, 1));
  const bool dashed = c.take('-');
  if (c.take('W')) {
    auto week = c.digits(2);
    if (!week) bad_text("date", text);
    int64_t dow = 1;
    if (!c.done()) {
      if (dashed && !c.take('-')) bad_text("date", text);
      auto d = c.digits(1);
      if (!d) bad_text("date", text);
      dow = *d;
    }
    if (!c.done()) bad_text("date", text);
    return TemporalValue::date(checked_week_date(y, *week, dow, text));
  }
  const size_t n = c.digits_ahead();
  if (n == 3 && c.i + 3 == text.size()) {
    return TemporalValue::date(checked_ordinal_date(y, *c.digits(3), text));
  }
  auto month = c.digits(2);
  if (!month) bad_text("date", text);
  if (c.done()) return TemporalValue::date(checked_date(y, *month, 1, text));
  if (dashed && !c.take('-')) bad_text("date", text);
  auto day = c.digits(2);
  if (!day || !c.done()) bad_text("date", text);
  return TemporalValue::date(checked_date(y, *month, *day, text));
}

// 21:40:32.142, 214032.142, 21:40, 2140, 21: nanoseconds of the day.
int64_t parse_local_time_text(std::string_view text) {
  Cursor c{text};
  auto hour = c.digits(2);
  if (!hour || *hour > 23) bad_text("time", text);
  int64_t minute = 0, second = 0, fraction = 0;
  if (!c.done()) {
    const bool colon = c.take(':');
    auto m = c.digits(2);
    if (!m || *m > 59) bad_text("time", text);
    minute = *m;
    if (!c.done()) {
      if (colon && !c.take(':')) bad_text("time", text);
      auto s = c.digits(2);
      if (!s || *s > 59) bad_text("time", text);
      second = *s;
      if (c.take('.') || c.take(',')) {
        const size_t n = c.digits_ahead();
        if (n == 0 || n > 9) bad_text("time", text);
        fraction = *c.digits(n);
        for (size_t k = n; k < 9; ++k) fraction *= 10;
      }
    }
  }
  if (!c.done()) bad_text("time", text);
  return ((*hour * 60 + minute) * 60 + second) * kNanosPerSecond + fraction;
}

// A time with an optional offset and zone: "21:40:32+01:00", "21:40[Europe/London]", "2140Z".
Parts parse_time_text(std::string_view text) {
  Parts p;
  p.has_time = true;
  std::string_view zone_name;
  if (size_t open = text.find('['); open != std::string_view::npos) {
    if (text.back() != ']') bad_text("time", text);
    zone_name = text.substr(open + 1, text.size() - open - 2);
    text = text.substr(0, open);
  }
  const size_t at = text.find_first_of("Zz+-");
  p.nanos = parse_local_time_text(text.substr(0, at));
  if (at != std::string_view::npos) {
    auto offset = parse_offset(text.substr(at));
    if (!offset) bad_text("time", text);
    p.has_zone = true;
    p.offset = *offset;
  }
  if (!zone_name.empty()) {
    auto id = find_time_zone(zone_name);
    if (!id) invalid_value("unknown time zone: " + std::string(zone_name));
    p.has_zone = true;
    p.zone = *id;
  }
  return p;
}

Parts parse_date_time_text(std::string_view text) {
  const size_t t = text.find_first_of("Tt");
  Parts p;
  if (t == std::string_view::npos) {
    p.days = parse_date_text(text).days;
  } else {
    p = parse_time_text(text.substr(t + 1));
    p.days = parse_date_text(text.substr(0, t)).days;
  }
  p.has_date = true;
  return p;
}

// Resolves a parsed date-time: a zone with an offset that is valid for it keeps the offset.
TemporalValue date_time_from_parts(const Parts& p) {
  if (p.zone >= 0 && p.has_zone) {
    const int64_t local = p.days * kSecondsPerDay + p.nanos / kNanosPerSecond;
    if (p.offset != 0 && zone_offset_at(p.zone, local - p.offset) == p.offset)
      return TemporalValue::date_time_at(local - p.offset, p.nanos % kNanosPerSecond, 0, p.zone);
  }
  return TemporalValue::date_time(p.days, p.nanos, p.offset, p.zone);
}

// ---- durations

// The amounts of each unit a duration is built from; fractions cascade to smaller units
// through the average month (Neo4j's DurationValue.approximate).
struct DurationAmounts {
  double months = 0, days = 0, seconds = 0, nanos = 0;
  int64_t exact_months = 0, exact_days = 0, exact_seconds = 0, exact_nanos = 0;
  bool fractional = false;

  void add(const Value& v, double factor, double DurationAmounts::*approx,
           int64_t DurationAmounts::*exact, int64_t exact_factor) {
    if (v.type() == Type::Double) {
      fractional = true;
      this->*approx += v.as_double() * factor;
      return;
    }
    const int64_t i = v.as_int();
    this->*approx += static_cast<double>(i) * factor;
    int64_t product;
    if (__builtin_mul_overflow(i, exact_factor, &product) ||
        __builtin_add_overflow(this->*exact, product, &(this->*exact)))
      invalid_value("duration out of range");
  }

  TemporalValue build() const {
    if (!fractional)
      return TemporalValue::duration(exact_months, exact_days, exact_seconds, exact_nanos);
    return approximate(months, days, seconds, nanos);
  }

  static TemporalValue approximate(double months, double days, double seconds, double nanos) {
    constexpr double kAverageMonthSeconds = 2'629'746.0;  // 30.436875 days
    const double whole_months = std::trunc(months);
    days += (months - whole_months) * kAverageMonthSeconds / kSecondsPerDay;
    const double whole_days = std::trunc(days);
    seconds += (days - whole_days) * kSecondsPerDay;
    const double whole_seconds = std::trunc(seconds);
    nanos += (seconds - whole_seconds) * kNanosPerSecond;
    return TemporalValue::duration(
        static_cast<int64_t>(whole_months), static_cast<int64_t>(whole_days),
        static_cast<int64_t>(whole_seconds), static_cast<int64_t>(std::trunc(nanos)));
  }
};

// Adds `amount` of `unit` (a duration map key or its ISO letter meaning) to d.
bool add_duration_unit(DurationAmounts& d, std::string_view unit, const Value& amount) {
  using D = DurationAmounts;
  if (!is_number(amount)) invalid_type("duration field " + std::string(unit) + " must be a number");
  if (unit == "years")
    d.add(amount, 12, &D::months, &D::exact_months, 12);
  else if (unit == "quarters")
    d.add(amount, 3, &D::months, &D::exact_months, 3);
  else if (unit == "months")
    d.add(amount, 1, &D::months, &D::exact_months, 1);
  else if (unit == "weeks")
    d.add(amount, 7, &D::days, &D::exact_days, 7);
  else if (unit == "days")
    d.add(amount, 1, &D::days, &D::exact_days, 1);
  else if (unit == "hours")
    d.add(amount, 3600, &D::seconds, &D::exact_seconds, 3600);
  else if (unit == "minutes")
    d.add(amount, 60, &D::seconds, &D::exact_seconds, 60);
  else if (unit == "seconds")
    d.add(amount, 1, &D::seconds, &D::exact_seconds, 1);
  else if (unit == "milliseconds")
    d.add(amount, 1e6, &D::nanos, &D::exact_nanos, 1'000'000);
  else if (unit == "microseconds")
    d.add(amount, 1e3, &D::nanos, &D::exact_nanos, 1'000);
  else if (unit == "nanoseconds")
    d.add(amount, 1, &D::nanos, &D::exact_nanos, 1);
  else
    return false;
  return true;
}

TemporalValue duration_from_map(const ValueMap& map) {
  DurationAmounts d;
  bool any = false;
  for (const MapEntry& e : map) {
    if (e.value.is_null()) continue;
    if (!add_duration_unit(d, ascii_lower(e.key), e.value))
      invalid_value("duration has no field " + e.key);
    any = true;
  }
  if (!any && !map.empty()) return TemporalValue::duration(0, 0, 0, 0);
  return d.build();
}

// A number of the ISO text: "-12", "1.5", "0,75"; whole part and fraction kept apart.
Value duration_number(Cursor& c, std::string_view text) {
  const size_t start = c.i;
  c.take('-') || c.take('+');
  if (c.digits_ahead() == 0) bad_text("duration", text);
  c.i += c.digits_ahead();
  bool fraction = false;
  if (c.peek() == '.' || c.peek() == ',') {
    fraction = true;
    ++c.i;
    c.i += c.digits_ahead();
  }
  std::string number(text.substr(start, c.i - start));
  std::replace(number.begin(), number.end(), ',', '.');
  if (fraction) return Value(std::stod(number));
  int64_t v = 0;
  auto [ptr, ec] =
      std::from_chars(number.data() + (number[0] == '+'), number.data() + number.size(), v);
  if (ec != std::errc()) bad_text("duration", text);
  (void)ptr;
  return Value(v);
}

TemporalValue parse_duration_alternative(std::string_view body, std::string_view text,
                                         bool negative) {
  // PYYYY-MM-DDTHH:MM:SS.fff
  const size_t t = body.find('T');
  Cursor c{body.substr(0, t)};
  auto y = c.digits(4);
  if (!y || !c.take('-')) bad_text("duration", text);
  auto m = c.digits(2);
  if (!m || !c.take('-')) bad_text("duration", text);
  auto d = c.digits(2);
  if (!d || !c.done()) bad_text("duration", text);
  int64_t nanos = t == std::string_view::npos ? 0 : parse_local_time_text(body.substr(t + 1));
  const int64_t sign = negative ? -1 : 1;
  return TemporalValue::duration(sign * (*y * 12 + *m), sign * *d, sign * (nanos / kNanosPerSecond),
                                 sign * (nanos % kNanosPerSecond));
}

TemporalValue parse_duration_text(std::string_view text) {
  Cursor c{text};
  const bool negative = c.take('-');
  if (!c.take('P') && !c.take('p')) bad_text("duration", text);
  std::string_view body = text.substr(c.i);
  if (body.size() >= 5 && std::isdigit(static_cast<unsigned char>(body[0])) && body[4] == '-')
    return parse_duration_alternative(body, text, negative);
  DurationAmounts d;
  bool in_time = false, any = false;
  int64_t second_nanos = 0;
  while (!c.done()) {
    if (!in_time && (c.take('T') || c.take('t'))) {
      in_time = true;
      continue;
    }
    const size_t number_start = c.i;
    Value amount = duration_number(c, text);
    const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(c.peek())));
    ++c.i;
    any = true;
    if (!in_time) {
      const char* name = unit == 'Y'   ? "years"
                         : unit == 'M' ? "months"
                         : unit == 'W' ? "weeks"
                         : unit == 'D' ? "days"
                                       : nullptr;
      if (!name) bad_text("duration", text);
      add_duration_unit(d, name, amount);
      continue;
    }
    if (unit == 'H') {
      add_duration_unit(d, "hours", amount);
    } else if (unit == 'M') {
      add_duration_unit(d, "minutes", amount);
    } else if (unit == 'S') {
      if (amount.type() == Type::Double) {  // the fraction exactly, in nanoseconds
        std::string_view number = text.substr(number_start, c.i - 1 - number_start);
        const size_t dot = number.find_first_of(".,");
        std::string whole(number.substr(0, dot));
        std::string frac(number.substr(dot + 1, 9));
        frac.append(9 - frac.size(), '0');
        const bool minus = !whole.empty() && whole[0] == '-';
        const int64_t w = whole == "-" || whole.empty() ? 0 : std::stoll(whole);
        const int64_t f = std::stoll(frac);
        add_duration_unit(d, "seconds", Value(w));
        second_nanos += minus ? -f : f;
      } else {
        add_duration_unit(d, "seconds", amount);
      }
    } else {
      bad_text("duration", text);
    }
  }
  if (!any) bad_text("duration", text);
  if (second_nanos != 0) add_duration_unit(d, "nanoseconds", Value(second_nanos));
  TemporalValue out = d.build();
  if (negative) out = TemporalValue::duration(-out.months, -out.days, -out.seconds, -out.nanos);
  return out;
}

// ---- maps into temporals

struct FieldReader {
  const ValueMap& map;
  std::optional<int64_t> get(std::string_view name) const {
    for (const MapEntry& e : map)
      if (ascii_lower(e.key) == ascii_lower(name) && !e.value.is_null())
        return int_field(e.value, std::string(name).c_str());
    return std::nullopt;
  }
  const Value* value(std::string_view name) const {
    for (const MapEntry& e : map)
      if (ascii_lower(e.key) == ascii_lower(name)) return &e.value;
    return nullptr;
  }
};

void check_range(int64_t v, int64_t lo, int64_t hi, const char* name) {
  if (v < lo || v > hi)
    invalid_value(std::string("invalid value for ") + name + ": " + std::to_string(v));
}

// The date of a map: calendar, week, quarter or ordinal fields over an optional base date.
int64_t map_date(const FieldReader& f, const std::optional<int64_t>& base) {
  const CivilDate b = civil_from_days(base.value_or(0));
  auto year = f.get("year");
  if (!base && !year) invalid_value("a date needs a year");
  if (auto week = f.get("week"); week || (base && f.get("dayOfWeek") && !f.get("month"))) {
    const IsoWeek bw = iso_week(base.value_or(0));
    const int64_t wy = year.value_or(bw.week_year);
    const int64_t w = week.value_or(bw.week);
    const int64_t dow = f.get("dayOfWeek").value_or(base ? day_of_week(*base) : 1);
    check_range(w, 1, iso_weeks_in_year(wy), "week");
    check_range(dow, 1, 7, "dayOfWeek");
    return days_from_iso_week(wy, w, dow);
  }
  const int64_t y = year.value_or(b.year);
  if (auto quarter = f.get("quarter")) {
    check_range(*quarter, 1, 4, "quarter");
    const int64_t first = days_from_civil(y, (*quarter - 1) * 3 + 1, 1);
    int64_t base_doq = 1;
    if (base) base_doq = *base - days_from_civil(b.year, (b.month - 1) / 3 * 3 + 1, 1) + 1;
    const int64_t doq = f.get("dayOfQuarter").value_or(base_doq);
    const int64_t next =
        days_from_civil(y + (*quarter == 4), *quarter == 4 ? 1 : *quarter * 3 + 1, 1);
    check_range(doq, 1, next - first, "dayOfQuarter");
    return first + doq - 1;
  }
  if (auto ordinal = f.get("ordinalDay")) {
    check_range(*ordinal, 1, is_leap_year(y) ? 366 : 365, "ordinalDay");
    return days_from_civil(y, 1, 1) + *ordinal - 1;
  }
  const int64_t month = f.get("month").value_or(base ? b.month : 1);
  check_range(month, 1, 12, "month");
  const int64_t day = f.get("day").value_or(base ? b.day : 1);
  check_range(day, 1, days_in_month(y, static_cast<int>(month)), "day");
  return days_from_civil(y, month, day);
}

bool has_any(const FieldReader& f, std::initializer_list<std::string_view> names) {
  return std::any_of(names.begin(), names.end(),
                     [&](std::string_view n) { return f.get(n).has_value(); });
}

// The fraction of a second from millisecond, microsecond and nanosecond. Without a base, a
// field alone may hold the whole fraction (nanosecond: 645876123). Over a base (a truncated or
// selected time), the units above the finest field given keep the base's digits and those
// below it are cleared: .645876123 with {nanosecond: 2} is .645876002.
int64_t map_fraction(const FieldReader& f, const std::optional<int64_t>& base) {
  const auto ms = f.get("millisecond"), us = f.get("microsecond"), ns = f.get("nanosecond");
  if (!base) {
    if (ms) check_range(*ms, 0, 999, "millisecond");
    if (us) check_range(*us, 0, ms ? 999 : 999'999, "microsecond");
    if (ns) check_range(*ns, 0, us ? 999 : ms ? 999'999 : 999'999'999, "nanosecond");
    return ms.value_or(0) * 1'000'000 + us.value_or(0) * 1'000 + ns.value_or(0);
  }
  if (ms) check_range(*ms, 0, 999, "millisecond");
  if (us) check_range(*us, 0, 999, "microsecond");
  if (ns) check_range(*ns, 0, 999, "nanosecond");
  const int64_t base_ms = *base / 1'000'000, base_us = *base / 1'000 % 1'000;
  const int64_t m = ms.value_or(base_ms);
  const int64_t u = us.value_or(ns ? base_us : 0);
  return m * 1'000'000 + u * 1'000 + ns.value_or(0);
}

int64_t map_time(const FieldReader& f, const std::optional<int64_t>& base) {
  const int64_t b = base.value_or(0);
  const int64_t b_seconds = b / kNanosPerSecond;
  const int64_t hour = f.get("hour").value_or(b_seconds / 3600);
  const int64_t minute = f.get("minute").value_or(b_seconds / 60 % 60);
  const int64_t second = f.get("second").value_or(b_seconds % 60);
  check_range(hour, 0, 23, "hour");
  check_range(minute, 0, 59, "minute");
  check_range(second, 0, 59, "second");
  int64_t fraction = b % kNanosPerSecond;
  if (has_any(f, {"millisecond", "microsecond", "nanosecond"}))
    fraction = map_fraction(f, base ? std::optional<int64_t>(fraction) : std::nullopt);
  return ((hour * 60 + minute) * 60 + second) * kNanosPerSecond + fraction;
}

const Value* temporal_entry(const FieldReader& f, std::string_view name) {
  const Value* v = f.value(name);
  if (v && !v->is_null() && v->type() != Type::Temporal)
    invalid_type(std::string(name) + " must be a temporal value");
  return v && !v->is_null() ? v : nullptr;
}

bool has_date_fields(const FieldReader& f) {
  return has_any(
      f, {"year", "month", "day", "week", "dayOfWeek", "quarter", "dayOfQuarter", "ordinalDay"});
}

bool has_time_fields(const FieldReader& f) {
  return has_any(f, {"hour", "minute", "second", "millisecond", "microsecond", "nanosecond"});
}

TemporalValue temporal_from_map(Kind kind, const ValueMap& map, const Ctx& ctx) {
  FieldReader f{map};
  const Value* timezone = f.value("timezone");
  if (timezone && timezone->is_null()) timezone = nullptr;
  int32_t tz_offset = 0, tz_zone = -1;
  if (timezone) parse_time_zone(*timezone, tz_offset, tz_zone);

  if (kind == Kind::DateTime) {
    if (auto epoch_seconds = f.get("epochSeconds"))
      return TemporalValue::date_time_at(*epoch_seconds,
                                         f.get("nanosecond").value_or(0) +
                                             f.get("microsecond").value_or(0) * 1000 +
                                             f.get("millisecond").value_or(0) * 1'000'000,
                                         tz_offset, tz_zone);
    if (auto epoch_millis = f.get("epochMillis"))
      return TemporalValue::date_time_at(floor_div(*epoch_millis, 1000),
                                         floor_mod(*epoch_millis, 1000) * 1'000'000, tz_offset,
                                         tz_zone);
  }

  const Value* datetime = temporal_entry(f, "datetime");
  const Value* date = temporal_entry(f, "date");
  const Value* time = temporal_entry(f, "time");
  if (!date) date = datetime;
  if (!time) time = datetime;

  const bool wants_date =
      kind == Kind::Date || kind == Kind::LocalDateTime || kind == Kind::DateTime;
  const bool wants_time = kind != Kind::Date;
  // Only a timezone (or nothing): now, in that zone.
  if (!date && !time && !has_date_fields(f) && !has_time_fields(f)) {
    if (map.empty() || timezone) return make(kind, now_parts(ctx, tz_offset, tz_zone));
  }

  Parts p;
  if (wants_date) {
    std::optional<int64_t> base;
    if (date) {
      const TemporalValue& d = date->as_temporal();
      if (!d.has_date()) invalid_type("date must be a temporal value with a date");
      base = d.days;
    }
    p.days = map_date(f, base);
    p.has_date = true;
  }
  Parts base_time;
  if (wants_time) {
    std::optional<int64_t> base;
    if (time) {
      const TemporalValue& t = time->as_temporal();
      if (!t.has_time()) invalid_type("time must be a temporal value with a time");
      base_time = parts_of(t);
      base = t.nanos;
    }
    if (!time && !has_time_fields(f) && !wants_date) invalid_value("a time needs an hour");
    p.nanos = map_time(f, base);
    p.has_time = true;
  }
  if (kind == Kind::Time || kind == Kind::DateTime) {
    if (base_time.has_zone) {
      p.has_zone = true;
      p.offset = base_time.offset;
      p.zone = base_time.zone;
      if (kind == Kind::Time && p.zone >= 0) {  // a time keeps the offset, not the zone
        p.offset = base_time.offset;
        p.zone = -1;
      }
      if (timezone) return make(kind, convert_zone(p, kind, tz_offset, tz_zone));
    } else {
      p.has_zone = true;
      p.offset = tz_offset;
      p.zone = tz_zone;
    }
    if (kind == Kind::Time && p.zone >= 0) {
      p.offset = zone_offset_at(p.zone, ctx.env.now_ms() / 1000);
      p.zone = -1;
    }
  }
  return make(kind, p);
}

// ---- conversions between kinds

TemporalValue convert(Kind kind, const TemporalValue& t) {
  if (t.kind == Kind::Duration)
    invalid_type(std::string("cannot make a ") + temporal_kind_name(kind) + " of a duration");
  Parts p = parts_of(t);
  switch (kind) {
    case Kind::Date:
      if (!p.has_date) break;
      if (t.kind == Kind::Date) return t;  // a document's year or month stays one
      return make(kind, p);
    case Kind::LocalTime:
    case Kind::Time:
      if (!p.has_time) break;
      if (!p.has_zone) p.offset = 0;
      if (kind == Kind::Time && t.kind == Kind::DateTime) p.zone = -1;
      return make(kind, p);
    case Kind::LocalDateTime:
      if (!p.has_date) break;
      return make(kind, p);
    case Kind::DateTime:
      if (!p.has_date) break;
      if (!p.has_zone) {
        p.offset = 0;
        p.zone = -1;
      }
      return make(kind, p);
    case Kind::Duration:
      break;
  }
  invalid_type(std::string("cannot make a ") + temporal_kind_name(kind) + " of a " +
               temporal_kind_name(t.kind));
}

TemporalValue from_text(Kind kind, const std::string& text) {
  switch (kind) {
    case Kind::Date: {
      const size_t t = text.find_first_of("Tt");
      return parse_date_text(t == std::string::npos ? text : text.substr(0, t));
    }
    case Kind::LocalTime:
      return TemporalValue::local_time(parse_time_text(text).nanos);
    case Kind::Time: {
      Parts p = parse_time_text(text);
      if (p.zone >= 0) p.offset = zone_offset_at(p.zone, 0), p.zone = -1;
      return TemporalValue::time(p.nanos, p.offset);
    }
    case Kind::LocalDateTime: {
      Parts p = parse_date_time_text(text);
      return TemporalValue::local_date_time(p.days, p.nanos);
    }
    case Kind::DateTime:
      return date_time_from_parts(parse_date_time_text(text));
    case Kind::Duration:
      return parse_duration_text(text);
  }
  return {};
}

Value construct(Kind kind, Args a, const Ctx& ctx) {
  if (a.empty()) return make(kind, now_parts(ctx, 0, -1));
  const Value& v = a[0];
  switch (v.type()) {
    case Type::Null:
      return {};
    case Type::String:
      return from_text(kind, v.as_string());
    case Type::Map:
      if (kind == Kind::Duration) return duration_from_map(v.as_map());
      return temporal_from_map(kind, v.as_map(), ctx);
    case Type::Temporal:
      if (kind == Kind::Duration) invalid_type("duration() takes a map or a string");
      return convert(kind, v.as_temporal());
    default:
      invalid_type(std::string(temporal_kind_name(kind)) + "() takes a map or a string, not a " +
                   type_name(v.type()));
  }
}

template <Kind K>
Value fn_construct(Args a, const Ctx& ctx) {
  return construct(K, a, ctx);
}

// date.realtime(), date.statement(), date.transaction(): the query's clock, optionally in a zone.
template <Kind K>
Value fn_clock(Args a, const Ctx& ctx) {
  int32_t offset = 0, zone = -1;
  if (!a.empty()) {
    if (a[0].is_null()) return {};
    parse_time_zone(a[0], offset, zone);
  }
  return make(K, now_parts(ctx, offset, zone));
}

// ---- truncation

Parts truncate_parts(std::string_view unit, Parts p) {
  const CivilDate d = civil_from_days(p.days);
  auto year_start = [&](int64_t y) { return days_from_civil(y, 1, 1); };
  auto floor_to = [](int64_t v, int64_t step) { return floor_div(v, step) * step; };
  if (unit == "millennium")
    p.days = year_start(floor_to(d.year, 1000));
  else if (unit == "century")
    p.days = year_start(floor_to(d.year, 100));
  else if (unit == "decade")
    p.days = year_start(floor_to(d.year, 10));
  else if (unit == "year")
    p.days = year_start(d.year);
  else if (unit == "weekyear")
    p.days = days_from_iso_week(iso_week(p.days).week_year, 1, 1);
  else if (unit == "quarter")
    p.days = days_from_civil(d.year, (d.month - 1) / 3 * 3 + 1, 1);
  else if (unit == "month")
    p.days = days_from_civil(d.year, d.month, 1);
  else if (unit == "week")
    p.days -= day_of_week(p.days) - 1;
  else if (unit == "day") {
  } else {
    int64_t step;
    if (unit == "hour")
      step = 3600 * kNanosPerSecond;
    else if (unit == "minute")
      step = 60 * kNanosPerSecond;
    else if (unit == "second")
      step = kNanosPerSecond;
    else if (unit == "millisecond")
      step = 1'000'000;
    else if (unit == "microsecond")
      step = 1'000;
    else
      invalid_value("unknown truncation unit: " + std::string(unit));
    p.nanos = floor_to(p.nanos, step);
    return p;
  }
  p.nanos = 0;
  return p;
}

bool is_date_unit(std::string_view unit) {
  for (std::string_view u :
       {"millennium", "century", "decade", "year", "weekyear", "quarter", "month", "week", "day"})
    if (u == unit) return true;
  return false;
}

template <Kind K>
Value fn_truncate(Args a, const Ctx& ctx) {
  if (a[0].is_null() || a[1].is_null()) return {};
  if (a[0].type() != Type::String) invalid_type("truncate takes a unit name");
  if (a[1].type() != Type::Temporal || a[1].as_temporal().kind == Kind::Duration)
    invalid_type("truncate takes a temporal value");
  const std::string unit = ascii_lower(a[0].as_string());
  const TemporalValue& t = a[1].as_temporal();
  Parts p = parts_of(t);
  const bool wants_date = K == Kind::Date || K == Kind::LocalDateTime || K == Kind::DateTime;
  if (wants_date && !p.has_date) invalid_type("cannot truncate a time to a date");
  if (is_date_unit(unit) && !p.has_date) invalid_value("cannot truncate a time to " + unit);
  if (K == Kind::Date && !is_date_unit(unit)) invalid_value("cannot truncate a date to " + unit);
  p = truncate_parts(unit, p);
  ValueMap fields;
  if (a.size() > 2 && !a[2].is_null()) {
    if (a[2].type() != Type::Map) invalid_type("truncate takes a map of fields");
    fields = a[2].as_map();
  }
  FieldReader f{fields};
  // The truncated value's own fields, overridden by the map's.
  if (p.has_date && wants_date) p.days = map_date(f, p.days);
  if (K != Kind::Date) p.nanos = map_time(f, p.has_time ? std::optional<int64_t>(p.nanos) : 0);
  if (K == Kind::Time || K == Kind::DateTime) {
    if (const Value* tz = f.value("timezone"); tz && !tz->is_null()) {
      parse_time_zone(*tz, p.offset, p.zone);
      p.has_zone = true;
    } else if (!p.has_zone) {
      p.offset = 0;
      p.zone = -1;
    }
    if (K == Kind::Time && p.zone >= 0) {
      p.offset = zone_offset_at(p.zone, ctx.env.now_ms() / 1000);
      p.zone = -1;
    }
  }
  return make(K, p);
}

// ---- duration.between

// java.time's until(MONTHS) over local date-times: whole months from a to b.
int64_t months_between(int64_t a_days, int64_t a_nanos, int64_t b_days, int64_t b_nanos) {
  if (b_days > a_days && b_nanos < a_nanos)
    --b_days;
  else if (b_days < a_days && b_nanos > a_nanos)
    ++b_days;
  const CivilDate x = civil_from_days(a_days), y = civil_from_days(b_days);
  const int64_t packed1 = (x.year * 12 + x.month - 1) * 32 + x.day;
  const int64_t packed2 = (y.year * 12 + y.month - 1) * 32 + y.day;
  return (packed2 - packed1) / 32;
}

int64_t days_between(int64_t a_days, int64_t a_nanos, int64_t b_days, int64_t b_nanos) {
  if (b_days > a_days && b_nanos < a_nanos)
    --b_days;
  else if (b_days < a_days && b_nanos > a_nanos)
    ++b_days;
  return b_days - a_days;
}

int64_t add_months(int64_t days, int64_t months) {
  const CivilDate d = civil_from_days(days);
  const int64_t total = d.year * 12 + (d.month - 1) + months;
  const int64_t y = floor_div(total, 12);
  const int m = static_cast<int>(floor_mod(total, 12)) + 1;
  return days_from_civil(y, m, std::min(d.day, days_in_month(y, m)));
}

enum class BetweenUnit { All, Months, Days, Seconds };

int64_t instant_nanos(const TemporalValue& t) {
  return t.epoch_seconds() * kNanosPerSecond + t.nanos % kNanosPerSecond;
}

// java.time's until() as Neo4j uses it: whole months, then whole days, then the rest. A value
// without a date takes the other's date, one without a zone the other's zone; with zones the
// months and days count on the wall clock of `from`'s zone and the rest between instants.
TemporalValue between(const TemporalValue& from, const TemporalValue& to, BetweenUnit unit) {
  Parts a = parts_of(from), b = parts_of(to);
  const bool dated = a.has_date && b.has_date;
  if (!dated && (unit == BetweenUnit::Months || unit == BetweenUnit::Days))
    return TemporalValue::duration(0, 0, 0, 0);
  if (!a.has_date && !b.has_date) {  // two times of day
    if (a.has_zone && b.has_zone)
      b.nanos += int64_t{make(Kind::Time, a).offset_seconds - make(Kind::Time, b).offset_seconds} *
                 kNanosPerSecond;
    return TemporalValue::duration(0, 0, 0, b.nanos - a.nanos);
  }
  if (!a.has_date) a.days = b.days;
  if (!b.has_date) b.days = a.days;
  if (a.has_zone != b.has_zone) {
    Parts& local = a.has_zone ? b : a;
    const Parts& zoned = a.has_zone ? a : b;
    local.has_zone = true;
    local.offset = zoned.offset;
    local.zone = zoned.zone;
  }
  const bool zoned = a.has_zone;
  TemporalValue start, end;
  if (zoned) {
    start = make(Kind::DateTime, a);
    end = make(Kind::DateTime, b);
    const TemporalValue in_start_zone = TemporalValue::date_time_at(
        end.epoch_seconds(), end.nanos % kNanosPerSecond, start.offset_seconds, start.zone);
    a.days = start.days;
    a.nanos = start.nanos;
    b.days = in_start_zone.days;
    b.nanos = in_start_zone.nanos;
  }
  int64_t months = 0, days = 0;
  int64_t from_days = a.days;
  if (dated && unit != BetweenUnit::Seconds) {
    if (unit != BetweenUnit::Days) {
      months = months_between(a.days, a.nanos, b.days, b.nanos);
      if (unit == BetweenUnit::Months) return TemporalValue::duration(months, 0, 0, 0);
      from_days = add_months(a.days, months);
    }
    days = days_between(from_days, a.nanos, b.days, b.nanos);
    if (unit == BetweenUnit::Days) return TemporalValue::duration(0, days, 0, 0);
    from_days += days;
  }
  if (zoned) {
    const TemporalValue moved =
        TemporalValue::date_time(from_days, a.nanos, start.offset_seconds, start.zone);
    const __int128 nanos = static_cast<__int128>(instant_nanos(end)) - instant_nanos(moved);
    return TemporalValue::duration(months, days, static_cast<int64_t>(nanos / kNanosPerSecond),
                                   static_cast<int64_t>(nanos % kNanosPerSecond));
  }
  const __int128 nanos =
      static_cast<__int128>(b.days - from_days) * kNanosPerDay + b.nanos - a.nanos;
  return TemporalValue::duration(months, days, static_cast<int64_t>(nanos / kNanosPerSecond),
                                 static_cast<int64_t>(nanos % kNanosPerSecond));
}

template <BetweenUnit U>
Value fn_between(Args a, const Ctx&) {
  if (a[0].is_null() || a[1].is_null()) return {};
  if (a[0].type() != Type::Temporal || a[1].type() != Type::Temporal ||
      a[0].as_temporal().kind == Kind::Duration || a[1].as_temporal().kind == Kind::Duration)
    invalid_type("duration.between takes two temporal values");
  return between(a[0].as_temporal(), a[1].as_temporal(), U);
}

Value fn_from_epoch(Args a, const Ctx&) {
  if (a[0].is_null() || a[1].is_null()) return {};
  return TemporalValue::date_time_at(int_field(a[0], "seconds"), int_field(a[1], "nanoseconds"), 0,
                                     -1);
}

Value fn_from_epoch_millis(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  const int64_t ms = int_field(a[0], "milliseconds");
  return TemporalValue::date_time_at(floor_div(ms, 1000), floor_mod(ms, 1000) * 1'000'000, 0, -1);
}

constexpr FunctionDef kTemporalFunctions[] = {
    {"date", 0, 1, fn_construct<Kind::Date>},
    {"date.realtime", 0, 1, fn_clock<Kind::Date>},
    {"date.statement", 0, 1, fn_clock<Kind::Date>},
    {"date.transaction", 0, 1, fn_clock<Kind::Date>},
    {"date.truncate", 2, 3, fn_truncate<Kind::Date>},
    {"datetime", 0, 1, fn_construct<Kind::DateTime>},
    {"datetime.fromepoch", 2, 2, fn_from_epoch},
    {"datetime.fromepochmillis", 1, 1, fn_from_epoch_millis},
    {"datetime.realtime", 0, 1, fn_clock<Kind::DateTime>},
    {"datetime.statement", 0, 1, fn_clock<Kind::DateTime>},
    {"datetime.transaction", 0, 1, fn_clock<Kind::DateTime>},
    {"datetime.truncate", 2, 3, fn_truncate<Kind::DateTime>},
    {"duration", 1, 1, fn_construct<Kind::Duration>},
    {"duration.between", 2, 2, fn_between<BetweenUnit::All>},
    {"duration.indays", 2, 2, fn_between<BetweenUnit::Days>},
    {"duration.inmonths", 2, 2, fn_between<BetweenUnit::Months>},
    {"duration.inseconds", 2, 2, fn_between<BetweenUnit::Seconds>},
    {"localdatetime", 0, 1, fn_construct<Kind::LocalDateTime>},
    {"localdatetime.realtime", 0, 1, fn_clock<Kind::LocalDateTime>},
    {"localdatetime.statement", 0, 1, fn_clock<Kind::LocalDateTime>},
    {"localdatetime.transaction", 0, 1, fn_clock<Kind::LocalDateTime>},
    {"localdatetime.truncate", 2, 3, fn_truncate<Kind::LocalDateTime>},
    {"localtime", 0, 1, fn_construct<Kind::LocalTime>},
    {"localtime.realtime", 0, 1, fn_clock<Kind::LocalTime>},
    {"localtime.statement", 0, 1, fn_clock<Kind::LocalTime>},
    {"localtime.transaction", 0, 1, fn_clock<Kind::LocalTime>},
    {"localtime.truncate", 2, 3, fn_truncate<Kind::LocalTime>},
    {"time", 0, 1, fn_construct<Kind::Time>},
    {"time.realtime", 0, 1, fn_clock<Kind::Time>},
    {"time.statement", 0, 1, fn_clock<Kind::Time>},
    {"time.transaction", 0, 1, fn_clock<Kind::Time>},
    {"time.truncate", 2, 3, fn_truncate<Kind::Time>},
};

// ---- properties

Value date_property(const TemporalValue& t, std::string_view key) {
  const CivilDate d = civil_from_days(t.days);
  const int64_t quarter_start = days_from_civil(d.year, (d.month - 1) / 3 * 3 + 1, 1);
  if (key == "year") return d.year;
  if (key == "quarter") return int64_t{(d.month - 1) / 3 + 1};
  if (key == "month") return int64_t{d.month};
  if (key == "week") return int64_t{iso_week(t.days).week};
  if (key == "weekyear") return iso_week(t.days).week_year;
  if (key == "day") return int64_t{d.day};
  if (key == "ordinalday") return t.days - days_from_civil(d.year, 1, 1) + 1;
  if (key == "weekday" || key == "dayofweek") return int64_t{day_of_week(t.days)};
  if (key == "dayofquarter" || key == "quarterday") return t.days - quarter_start + 1;
  return {};
}

Value time_property(const TemporalValue& t, std::string_view key) {
  const int64_t seconds = t.nanos / kNanosPerSecond, fraction = t.nanos % kNanosPerSecond;
  if (key == "hour") return seconds / 3600;
  if (key == "minute") return seconds / 60 % 60;
  if (key == "second") return seconds % 60;
  if (key == "millisecond") return fraction / 1'000'000;
  if (key == "microsecond") return fraction / 1'000;
  if (key == "nanosecond") return fraction;
  return {};
}

Value zone_property(const TemporalValue& t, std::string_view key) {
  if (key == "timezone")
    return t.zone >= 0 ? Value(time_zone_name(t.zone)) : Value(format_offset(t.offset_seconds));
  if (key == "offset") return format_offset(t.offset_seconds);
  if (key == "offsetminutes") return int64_t{t.offset_seconds / 60};
  if (key == "offsetseconds") return int64_t{t.offset_seconds};
  if (t.kind == Kind::DateTime) {
    const int64_t epoch = t.epoch_seconds();
    if (key == "epochseconds") return epoch;
    if (key == "epochmillis") return epoch * 1000 + t.nanos % kNanosPerSecond / 1'000'000;
  }
  return {};
}

Value duration_property(const TemporalValue& t, std::string_view key) {
  const int64_t m = t.months, d = t.days, s = t.seconds, n = t.nanos;
  if (key == "years") return m / 12;
  if (key == "quarters") return m / 3;
  if (key == "months") return m;
  if (key == "weeks") return d / 7;
  if (key == "days") return d;
  if (key == "hours") return s / 3600;
  if (key == "minutes") return s / 60;
  if (key == "seconds") return s;
  if (key == "milliseconds") return s * 1000 + n / 1'000'000;
  if (key == "microseconds") return s * 1'000'000 + n / 1000;
  if (key == "nanoseconds") return s * kNanosPerSecond + n;
  if (key == "quartersofyear") return m / 3 % 4;
  if (key == "monthsofquarter") return m % 3;
  if (key == "monthsofyear") return m % 12;
  if (key == "daysofweek") return d % 7;
  if (key == "minutesofhour") return s / 60 % 60;
  if (key == "secondsofminute") return s % 60;
  if (key == "millisecondsofsecond") return n / 1'000'000;
  if (key == "microsecondsofsecond") return n / 1000;
  if (key == "nanosecondsofsecond") return n;
  return {};
}

// ---- arithmetic

TemporalValue negated(const TemporalValue& d) {
  return TemporalValue::duration(-d.months, -d.days, -d.seconds, -d.nanos);
}

// Neo4j's DurationValue.addTo: months, then days, then seconds and nanos, each where the
// temporal has the unit (a date takes whole days of the seconds).
TemporalValue plus(const TemporalValue& t, const TemporalValue& d) {
  Parts p = parts_of(t);
  if (p.has_date) {
    p.days = add_months(p.days, d.months) + d.days;
  }
  const int64_t nanos = d.seconds % kSecondsPerDay * kNanosPerSecond + d.nanos;
  if (!p.has_time) {
    p.days += d.seconds / kSecondsPerDay;
    return make(t.kind, p);
  }
  if (t.kind == Kind::DateTime && t.zone >= 0) {
    // Months and days move the wall time; seconds move the instant.
    TemporalValue local = make(Kind::DateTime, p);
    return TemporalValue::date_time_at(local.epoch_seconds() + d.seconds,
                                       local.nanos % kNanosPerSecond + d.nanos, 0, t.zone);
  }
  const int64_t total = p.nanos + nanos;
  if (p.has_date) p.days += d.seconds / kSecondsPerDay + floor_div(total, kNanosPerDay);
  p.nanos = floor_mod(total, kNanosPerDay);
  return make(t.kind, p);
}

bool is_duration(const Value& v) {
  return is_temporal(v, Kind::Duration);
}

TemporalValue add_durations(const TemporalValue& a, const TemporalValue& b) {
  int64_t months, days, seconds;
  if (__builtin_add_overflow(a.months, b.months, &months) ||
      __builtin_add_overflow(a.days, b.days, &days) ||
      __builtin_add_overflow(a.seconds, b.seconds, &seconds))
    invalid_value("duration out of range");
  return TemporalValue::duration(months, days, seconds, a.nanos + b.nanos);
}

double as_double(const Value& v) {
  return v.type() == Type::Int ? static_cast<double>(v.as_int()) : v.as_double();
}

TemporalValue scale(const TemporalValue& d, const Value& factor, bool divide) {
  if (!divide && factor.type() == Type::Int) {
    const int64_t f = factor.as_int();
    int64_t months, days, seconds;
    const __int128 nanos = static_cast<__int128>(d.nanos) * f;
    if (__builtin_mul_overflow(d.months, f, &months) || __builtin_mul_overflow(d.days, f, &days) ||
        __builtin_mul_overflow(d.seconds, f, &seconds))
      invalid_value("duration out of range");
    return TemporalValue::duration(months, days,
                                   seconds + static_cast<int64_t>(nanos / kNanosPerSecond),
                                   static_cast<int64_t>(nanos % kNanosPerSecond));
  }
  const double f = as_double(factor);
  if (divide && f == 0)
    throw QueryError("ArgumentError", "NumberOutOfRange", ErrorPhase::Runtime, "/ by zero");
  auto apply = [&](int64_t v) {
    return divide ? static_cast<double>(v) / f : static_cast<double>(v) * f;
  };
  return DurationAmounts::approximate(apply(d.months), apply(d.days), apply(d.seconds),
                                      apply(d.nanos));
}

}  // namespace

std::span<const FunctionDef> temporal_functions() {
  return kTemporalFunctions;
}

Value temporal_property(const TemporalValue& t, const std::string& key) {
  const std::string k = ascii_lower(key);
  Value v;
  if (t.kind == Kind::Duration) return duration_property(t, k);
  if (t.has_date()) v = date_property(t, k);
  if (v.is_null() && t.has_time()) v = time_property(t, k);
  if (v.is_null() && t.has_offset()) v = zone_property(t, k);
  return v;
}

namespace {

// What two temporals of one kind compare by: (major, minor) pairs.
std::pair<__int128, int64_t> order_key(const TemporalValue& t) {
  switch (t.kind) {
    case Kind::Date:
      return {t.days, 0};
    case Kind::LocalTime:
      return {t.nanos, 0};
    case Kind::Time:
      return {static_cast<__int128>(t.nanos) -
                  static_cast<__int128>(t.offset_seconds) * kNanosPerSecond,
              0};
    case Kind::LocalDateTime:
      return {static_cast<__int128>(t.days) * kNanosPerDay + t.nanos, 0};
    case Kind::DateTime:
      return {static_cast<__int128>(t.days) * kNanosPerDay + t.nanos -
                  static_cast<__int128>(t.offset_seconds) * kNanosPerSecond,
              0};
    case Kind::Duration:
      break;
  }
  return {0, 0};
}

}  // namespace

bool temporal_equal(const TemporalValue& a, const TemporalValue& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == Kind::Duration)
    return a.months == b.months && a.days == b.days && a.seconds == b.seconds && a.nanos == b.nanos;
  return order_key(a) == order_key(b);
}

std::optional<int> temporal_compare(const TemporalValue& a, const TemporalValue& b) {
  if (a.kind != b.kind || a.kind == Kind::Duration) return std::nullopt;
  auto x = order_key(a), y = order_key(b);
  return x < y ? -1 : (y < x ? 1 : 0);
}

int temporal_kind_rank(Kind kind) {
  switch (kind) {  // Neo4j: datetime, localdatetime, date, time, localtime, duration
    case Kind::DateTime:
      return 0;
    case Kind::LocalDateTime:
      return 1;
    case Kind::Date:
      return 2;
    case Kind::Time:
      return 3;
    case Kind::LocalTime:
      return 4;
    case Kind::Duration:
      return 5;
  }
  return 6;
}

int temporal_order(const TemporalValue& a, const TemporalValue& b) {
  if (a.kind != b.kind) return temporal_kind_rank(a.kind) < temporal_kind_rank(b.kind) ? -1 : 1;
  if (auto c = temporal_compare(a, b)) return *c;
  auto key = [](const TemporalValue& t) {
    return std::tuple(t.months, t.days, t.seconds, t.nanos);
  };
  return key(a) < key(b) ? -1 : (key(b) < key(a) ? 1 : 0);
}

size_t temporal_hash(const TemporalValue& t) {
  size_t h = std::hash<int>{}(static_cast<int>(t.kind));
  auto mix = [&h](int64_t v) {
    h ^= std::hash<int64_t>{}(v) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  };
  if (t.kind == Kind::Duration) {
    mix(t.months);
    mix(t.days);
    mix(t.seconds);
    mix(t.nanos);
  } else {
    auto key = order_key(t);
    mix(static_cast<int64_t>(key.first));
    mix(static_cast<int64_t>(key.first >> 64));
  }
  return h;
}

std::optional<Value> temporal_add(const Value& a, const Value& b) {
  if (a.type() != Type::Temporal || b.type() != Type::Temporal) return std::nullopt;
  const TemporalValue &x = a.as_temporal(), &y = b.as_temporal();
  if (x.kind == Kind::Duration && y.kind == Kind::Duration) return Value(add_durations(x, y));
  if (y.kind == Kind::Duration) return Value(plus(x, y));
  if (x.kind == Kind::Duration) return Value(plus(y, x));
  return std::nullopt;
}

std::optional<Value> temporal_subtract(const Value& a, const Value& b) {
  if (a.type() != Type::Temporal || !is_duration(b)) return std::nullopt;
  const TemporalValue &x = a.as_temporal(), &y = b.as_temporal();
  if (x.kind == Kind::Duration) return Value(add_durations(x, negated(y)));
  return Value(plus(x, negated(y)));
}

std::optional<Value> temporal_multiply(const Value& a, const Value& b) {
  if (is_duration(a) && is_number(b)) return Value(scale(a.as_temporal(), b, false));
  if (is_number(a) && is_duration(b)) return Value(scale(b.as_temporal(), a, false));
  return std::nullopt;
}

std::optional<Value> temporal_divide(const Value& a, const Value& b) {
  if (is_duration(a) && is_number(b)) return Value(scale(a.as_temporal(), b, true));
  return std::nullopt;
}

}  // namespace normgraph::query
