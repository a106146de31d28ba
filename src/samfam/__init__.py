"""samfam: a case tracker for Danish child-disability advisors (Sammen om familien)."""

__version__ = "0.1.0"
