"""The reads, one module per subject. Each returns plain rows (dicts of plain values) for the
renderer and the documents; none of them imports a write (samfam.actions)."""
