#pragma once
// Cypher temporal values (openCypher: date, localtime, time, localdatetime, datetime,
// duration) as one compact value kind, with the calendar arithmetic, time zones (TZif files
// of the system's tzdata) and the text form they share. The query language's functions over
// them (constructors, truncation, properties, between) live in engine/query.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace normgraph {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kNanosPerDay = kSecondsPerDay * kNanosPerSecond;

// One field layout for every kind (what is unused stays zero), so that a temporal fits in a
// Value without making it larger:
//   Date           days (since 1970-01-01); precision says how much of it is known
//   LocalTime      nanos (of the day)
//   Time           nanos (of the day, local) + offset_seconds
//   LocalDateTime  days + nanos
//   DateTime       days + nanos (local wall time) + offset_seconds + zone (-1: offset only)
//   Duration       months, days, seconds, nanos (0 <= nanos < 1e9, as Neo4j keeps them)
struct TemporalValue {
  enum class Kind : uint8_t { Date, LocalTime, Time, LocalDateTime, DateTime, Duration };
  // A document's date may be known to the year or the month only; it is shown that way.
  enum class Precision : uint8_t { Day, Month, Year };

  int64_t months = 0;
  int64_t days = 0;
  int64_t seconds = 0;
  int64_t nanos = 0;
  int32_t offset_seconds = 0;
  int32_t zone = -1;
  Kind kind = Kind::Date;
  Precision precision = Precision::Day;

  bool operator==(const TemporalValue&) const = default;

  static TemporalValue date(int64_t days);
  static TemporalValue local_time(int64_t nanos_of_day);
  static TemporalValue time(int64_t nanos_of_day, int32_t offset_seconds);
  static TemporalValue local_date_time(int64_t days, int64_t nanos_of_day);
  // The wall time is resolved in `zone` (when >= 0) to find the offset: a time in a gap moves
  // forward by the gap, a time in an overlap takes the earlier offset (as java.time does).
  static TemporalValue date_time(int64_t days, int64_t nanos_of_day, int32_t offset_seconds,
                                 int32_t zone);
  // An instant (UTC seconds and nanos) shown in a zone or at a fixed offset.
  static TemporalValue date_time_at(int64_t epoch_seconds, int64_t nanos, int32_t offset_seconds,
                                    int32_t zone);
  // Carries whole seconds of nanos into seconds (see above).
  static TemporalValue duration(int64_t months, int64_t days, int64_t seconds, int64_t nanos);

  bool has_date() const;  // Date, LocalDateTime, DateTime
  bool has_time() const;  // LocalTime, Time, LocalDateTime, DateTime
  bool has_offset() const { return kind == Kind::Time || kind == Kind::DateTime; }
  // DateTime: seconds since the epoch (UTC); Time: seconds of the day in UTC.
  int64_t epoch_seconds() const;
};

const char* temporal_kind_name(TemporalValue::Kind kind);  // "date", "localtime", ...

// The proleptic Gregorian calendar.
int64_t days_from_civil(int64_t year, int64_t month, int64_t day);
struct CivilDate {
  int64_t year;
  int month;
  int day;
};
CivilDate civil_from_days(int64_t days);
bool is_leap_year(int64_t year);
int days_in_month(int64_t year, int month);
int day_of_week(int64_t days);  // Monday 1 ... Sunday 7
// The ISO week-based year and week of a day.
struct IsoWeek {
  int64_t week_year;
  int week;
};
IsoWeek iso_week(int64_t days);
int64_t days_from_iso_week(int64_t week_year, int64_t week, int64_t day_of_week);
int iso_weeks_in_year(int64_t week_year);

// Time zones by IANA name, read from /usr/share/zoneinfo (NORMGRAPH_ZONEINFO overrides the
// folder). Ids are process-wide and stable for the process's lifetime.
std::optional<int32_t> find_time_zone(std::string_view name);
const std::string& time_zone_name(int32_t zone);
int32_t zone_offset_at(int32_t zone, int64_t epoch_seconds);
// The offset a local wall time has in a zone (the gap and overlap rules of date_time).
int32_t zone_offset_for_local(int32_t zone, int64_t local_seconds);

// A document's date as its header gives it: "2015-07-22" (Day), "2015-07" (Month) or "2015"
// (Year) precision; nullopt for anything else. Stored as a property, such a value prints as it
// was written and date() of it keeps it (Cypher's date('2015') is a full date, 2015-01-01).
std::optional<TemporalValue> parse_document_date(std::string_view text);

// "+01:00", "-05:30", "Z" for zero (the form Cypher prints); with seconds when not whole minutes.
std::string format_offset(int32_t offset_seconds);
// Cypher's text form: 2015-07-21, 21:40:32.142+01:00, 2015-07-21T21:40[Europe/London], P1Y2DT3H.
// A date of Year precision prints as 2015, of Month precision as 2015-07.
std::string format_temporal(const TemporalValue& t);

}  // namespace normgraph
