"""footprint's built-in checks, registered through the `footprint.checks` entry-point group."""
