#pragma once
// Extraction rules, read from a data file (ontology/extraction/*.rules; docs/extraction-rules.md):
//   cue ACT POSITION [weak] [curated] [as FRAME] : ... stance cues (endorse, oppose, concern,
//                                                       counter, neutral, value, negate, voice),
//                                                       before or after
//   pattern NAME : ELEMENTS => REL(A, B) [REL(A, B) ...] relational facts
//   event-head : word | word ...                        head nouns of event phrases
//   event-stop : word | word ...                        words that end an event phrase
//   group-head : word | word ...                        head nouns of named groups, programmes
//   name-stop : word | word ...                         a name with one past its head is no group's
//   document-head TYPE : word | word ...                "the statement of the Freedom Online
//                                                       Coalition": a Document of that type
//   speaker-word : word | word ...                      words that stand for the speaker
//   clause-break : word | ; ...                         where a before-cue's reach ends
//   modal-word : word | word ...                        make an impersonal sentence a position
//   enumeration-word : word | word ...                  "Firstly, ...": recorded on the commitment
//   relative-word : word | word ...                     a cue right after one is someone else's
//   modifier-head : word | word ...                     a mention right before one is a modifier
//   cue-reach : N                                       words a before-cue reaches past its last
//   hit complement-word : word | word ...                   "X in Y": Y complements X, not a list
//   item clause-opener : word | word ...                     a voice cue after one opens a clause
//   negatable : word | word ...                         endorse cues a negation flips to oppose
//   named-stance KIND : ACT                             the stance a vocabulary mention of KIND
//                                                       takes when no cue governs it (endorse,
//                                                       concern)
// Pattern elements: a word, (word|word) alternatives, ... (a gap of up to 12 units inside the
// sentence, not across ';'), NAME:@Kind (one mention of that kind) or NAME:@Kind+ (a list of
// them joined by commas and "and"), @Speaker (a speaker word or the speaker's own mention).
#include <string>
#include <vector>

namespace normgraph::loaders {

// Counter: works against an ill ("combat", "eradicate"); opposes practices and topics only.
// Value: a good harmed or a rule broken ("a breach of international law", "threats to our
// sovereignty"): endorses a principle, norm or document, nothing else; otherwise like Neutral.
enum class StanceAct { Endorse, Oppose, Counter, Concern, Neutral, Negate, Voice, Value };

struct Cue {
  StanceAct act;
  bool after = false;              // applies to mentions before it in the clause
  bool weak = false;               // does not override an active oppose cue
  bool curated = false;            // takes vocabulary concepts only, never makes one
  bool ills = false;               // takes vocabulary ills only (implies curated)
  std::vector<std::string> words;  // "*" matches one to three words
  std::string rule;                // name for provenance: "cue.endorse.uphold"
  // "as militarization of": the stance is about the frame with the argument after it
  // ("cyberspace must not become a battlefield" opposes the militarization of cyberspace).
  std::string frame;
};

struct PatternElement {
  enum class Type { Words, Gap, Capture, Speaker } type = Type::Words;
  std::vector<std::string> words;  // Words: alternatives (one word each)
  std::string capture;             // Capture: name
  std::string kind;                // Capture: node kind
  std::string actor_type;          // Capture: an Actor's props.type ("Actor.forum"), or any
  bool list = false;               // Capture: Kind+
};

struct PatternFact {
  std::string relation, subject, object;  // capture names; "@Speaker" for the speaker
};

struct Pattern {
  std::string name;
  std::vector<PatternElement> elements;
  std::vector<PatternFact> facts;
};

struct ExtractionRules {
  std::vector<Cue> cues;
  std::vector<Pattern> patterns;
  std::vector<std::string> event_heads;
  std::vector<std::string> event_stops;
  std::vector<std::string> group_heads;  // "the ASEAN-Singapore Cybersecurity Centre of Excellence"
  std::vector<std::string> name_stops;   // "the Council of Europe Convention": no group's name
  // Nouns that name a document by its author ("the statement of the Freedom Online Coalition"),
  // each with the Document type it makes (a value the schema allows).
  std::vector<std::pair<std::string, std::string>> document_heads;
  std::vector<std::string> speaker_words;
  std::vector<std::string> clause_breaks;  // words and punctuation marks
  std::vector<std::string> modal_words;
  // Each modal word's modality in the schema's terms (obligation, recommendation, ...).
  std::vector<std::pair<std::string, std::string>> modal_categories;
  std::vector<std::string> enumeration_words;
  std::vector<std::string> relative_words;
  std::vector<std::string> modifier_heads;
  std::vector<std::string> complement_words;
  std::vector<std::string> clause_openers;   // a voice cue counts at a clause's start only
  std::vector<std::string> negatable_words;  // endorse cues a negation turns into opposition
  size_t cue_reach = 6;
  // The stance of a mention that no cue governs, by node kind ("Topic" -> Concern: naming
  // cybercrime is a concern; "Principle" -> Endorse). An entry with props.named false opts out.
  std::vector<std::pair<std::string, StanceAct>> named_stances;

  // Reads every *.rules file in `dir` (name order); InputError "file:line:column: what".
  static ExtractionRules load_dir(const std::string& dir);
  void parse(const std::string& text, const std::string& file);
};

}  // namespace normgraph::loaders
