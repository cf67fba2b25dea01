"""`python -m footprint` runs the command-line interface."""

from footprint.cli import main

main()
