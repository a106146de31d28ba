"""External actors around a family (docs/rules.md § 6) and who coordinates with each."""

from __future__ import annotations

from samfam.rules.vocabulary import Word, Words
from samfam.words import mark

#: An actor's kind, typed in English or Danish (rules.vocabulary).
ACTOR_KIND_WORDS = Words(mark("an actor kind"), (
    #     stored                  typed in Danish (the first shown)
    Word("daycare",              ("dagtilbud", "daginstitution", "børnehave", "vuggestue", "dagpleje")),
    Word("school",               ("skole", "specialskole", "sfo")),
    Word("ppr",                  ("pædagogisk psykologisk rådgivning",)),
    Word("physiotherapy",        ("fysioterapi", "fysioterapeut")),
    Word("occupational-therapy", ("ergoterapi", "ergoterapeut")),
    Word("residential-care",     ("døgntilbud", "døgninstitution", "opholdssted")),
    Word("respite-care",         ("aflastning", "aflastningstilbud")),
    Word("hospital",             ("sygehus", "region")),
    Word("adult-services",       ("voksenområdet", "voksenafdelingen")),
    Word("other",                ("andet", "andre", "anden")),
))  # fmt: skip
ACTOR_KINDS = ACTOR_KIND_WORDS.names
#: Who keeps contact with an actor ("contract-based" cooperation); None means not agreed yet.
COORDINATORS = ("family", "advisor")
#: As typed: `none` (not agreed yet) is stored as no coordinator.
NOT_AGREED = "none"
COORDINATOR_WORDS = Words(mark("a coordinator"), (
    Word("family",               ("familien", "familie")),
    Word("advisor",              ("rådgiveren", "rådgiver")),
    Word(NOT_AGREED,             ("ingen", "ikke aftalt")),
))  # fmt: skip
