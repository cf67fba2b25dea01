"""Write `sites.schema.json` from the catalogue model: `python -m footprint.discovery.schema`.

The shipped schema is generated, never edited by hand; a test asserts it equals the model's.
"""

from __future__ import annotations

import json

from footprint.discovery.catalogue import builtin_paths, catalogue_json_schema


def render() -> str:
    """The schema as the file holds it."""
    return json.dumps(catalogue_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    _, path = builtin_paths()
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
