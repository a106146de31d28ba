"""External actors around a family (docs/rules.md § 6) and who coordinates with each."""

from __future__ import annotations

from samfam.rules.vocabulary import Word, Words
from samfam.words import mark

#: An actor's kind, typed in English or Danish (rules.vocabulary).
ACTOR_KIND_WORDS = Words(mark("an actor kind"), (
    #     stored (marked: shown in the reader's words)   typed in Danish (the first shown)
    Word(mark("daycare"),              ("dagtilbud", "daginstitution", "børnehave", "vuggestue", "dagpleje")),
    Word(mark("school"),               ("skole", "specialskole", "sfo")),
    Word(mark("ppr"),                  ("pædagogisk psykologisk rådgivning",)),
    Word(mark("physiotherapy"),        ("fysioterapi", "fysioterapeut")),
    Word(mark("occupational-therapy"), ("ergoterapi", "ergoterapeut")),
    Word(mark("residential-care"),     ("døgntilbud", "døgninstitution", "opholdssted")),
    Word(mark("respite-care"),         ("aflastning", "aflastningstilbud")),
    Word(mark("hospital"),             ("sygehus", "region")),
    Word(mark("adult-services"),       ("voksenområdet", "voksenafdelingen")),
    Word(mark("other"),                ("andet", "andre", "anden")),
))  # fmt: skip
ACTOR_KINDS = ACTOR_KIND_WORDS.names
#: Who keeps contact with an actor ("contract-based" cooperation); None means not agreed yet.
COORDINATORS = (mark("family"), mark("advisor"))
#: As typed: `none` (not agreed yet) is stored as no coordinator.
NOT_AGREED = "none"
COORDINATOR_WORDS = Words(mark("a coordinator"), (
    Word(mark("family"),  ("familien", "familie")),
    Word(mark("advisor"), ("rådgiveren", "rådgiver")),
    Word(NOT_AGREED,      ("ingen", "ikke aftalt")),
))  # fmt: skip
