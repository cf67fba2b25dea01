"""footprint.rules: rule files are validated data; user folders extend the built-ins."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.errors import InputError
from footprint.rules import load_rules
from footprint.text import TextView


def test_builtin_rules_load_and_index() -> None:
    rules = load_rules()
    assert {"role.title", "detail.legal", "conduct.insult", "context.press"} <= set(rules.categories)
    assert rules.index.categories() >= {"role.title", "detail.legal"}
    # word lists are read by checks, never matched in texts
    assert "place.not" not in rules.index.categories()


def test_user_rules_extend_categories_and_patterns(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "version: 1\ncategories:\n  conduct.insult:\n    terms: [numptoids]\n"
        "patterns:\n  postcode:\n    regex: ['\\bZZ9 9ZZ\\b']\n",
        encoding="utf-8",
    )
    rules = load_rules([tmp_path])
    assert TextView("the numptoids again").has(rules.index, "conduct.insult")
    assert rules.search("postcode", "at ZZ9 9ZZ today")
    assert rules.search("postcode", "KY1 2TQ")  # the built-in alternatives are kept


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("version: 1\ncategories:\n  x.y:\n    terms: nope\n", "terms"),
        ("version: 1\npatterns:\n  p:\n    regex: ['(unclosed']\n", "does not compile"),
        ("version: 1\ncategories:\n  x.y:\n    bogus: 1\n", "bogus"),
    ],
)
def test_bad_rule_files_are_located(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "bad.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rules([tmp_path])
    assert "bad.yaml:" in str(caught.value) and message in str(caught.value)


def test_pattern_gates_skip_texts_that_cannot_match() -> None:
    rules = load_rules()
    assert rules.search("phone.candidate", "no digits here at all") == []
    assert rules.search("phone.candidate", "call 07700 900461")
    view = TextView("14 Glenview Crescent, KY2 6QX")
    assert rules.search("address", view.text, view) is rules.search("address", view.text, view)  # cached per post


def test_a_folder_without_rule_files_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_rules([tmp_path])


def test_a_term_without_words_is_rejected_on_load(tmp_path: Path) -> None:
    (tmp_path / "emoji.yaml").write_text("version: 1\ncategories:\n  x.y:\n    terms: ['🤫']\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rules([tmp_path])
    assert "emoji.yaml:" in str(caught.value) and "no letters" in str(caught.value)


def test_a_packaged_lexicon_adds_its_rated_words_less_the_excluded(tmp_path: Path) -> None:
    (tmp_path / "lex.yaml").write_text(
        "version: 1\ncategories:\n  my.verdicts:\n    terms: [rotter]\n    lexicon:\n"
        "      package: vaderSentiment\n      file: vader_lexicon.txt\n      at_most: -2.5\n"
        "      exclude: [kill*, evil]\n",
        encoding="utf-8",
    )
    words = set(load_rules([tmp_path]).terms("my.verdicts"))
    assert {"rotter", "vile", "horrible"} <= words  # rated -3.1 and -2.5 in the lexicon
    assert not {"evil", "kill", "killed", "awful"} & words  # excluded, or rated above -2.5 (awful: -2.0)


def test_a_lexicon_that_cannot_be_read_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "lex.yaml").write_text(
        "version: 1\ncategories:\n  my.verdicts:\n    lexicon:\n"
        "      package: vaderSentiment\n      file: no_such_file.txt\n      at_most: -2\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no_such_file.txt"):
        load_rules([tmp_path])
