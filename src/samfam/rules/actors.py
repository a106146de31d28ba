"""External actors around a family (docs/rules.md § 6) and who coordinates with each."""

from __future__ import annotations

ACTOR_KINDS = (
    "daycare", "school", "ppr", "physiotherapy", "occupational-therapy", "residential-care",
    "respite-care", "hospital", "adult-services", "other",
)  # fmt: skip
#: Who keeps contact with an actor ("contract-based" cooperation); None means not agreed yet.
COORDINATORS = ("family", "advisor")
