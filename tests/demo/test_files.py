"""Reading the demo's TOML files and unwrapping their text."""

import tomllib

import pytest

from demo.files import read_toml, unwrap


def test_unwrap_joins_the_lines_of_a_paragraph():
    text = "A first line\nand its second.\n\nA new paragraph."
    assert unwrap(text) == "A first line and its second.\n\nA new paragraph."


def test_unwrap_joins_a_list_items_indented_lines_but_keeps_each_item():
    text = "- one item\n  that goes on\n- two\n1. first\n   again\n2. second"
    assert unwrap(text) == "- one item that goes on\n- two\n1. first again\n2. second"


def test_unwrap_keeps_headings_and_table_rows_on_their_own_lines():
    text = "## A heading\nText under it.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n"
    assert unwrap(text) == text.strip()


def test_read_toml_names_the_file_it_could_not_read(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('title = "no closing quote\n')
    with pytest.raises(tomllib.TOMLDecodeError) as error:
        read_toml(path)
    assert f"in {path}" in error.value.__notes__
