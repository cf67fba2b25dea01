"""footprint: audit your own digital footprint the way a stranger, or your regulator, would see it."""

__version__ = "0.1.0"
