"""Templates for the HTML report (a package so the template files ship with footprint)."""
