"""Assert on parsed HTML: elements, their text and roles, never raw markup."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

from django.http import HttpResponse
from django.utils.html import VOID_ELEMENTS

Test = Callable[["Element"], bool]

# Implicit roles, by tag or, for an input, by type.
_ROLES = {
    **dict.fromkeys(["h1", "h2", "h3", "h4", "h5", "h6"], "heading"),
    **dict.fromkeys(["button", "submit", "reset", "image"], "button"),
    **dict.fromkeys(["text", "email", "url", "password", "textarea"], "textbox"),
    **{"a": "link", "nav": "navigation", "main": "main", "form": "form"},
    **{"ul": "list", "ol": "list", "li": "listitem", "article": "article"},
    **{"search": "searchbox", "select": "combobox", "checkbox": "checkbox"},
    **{"radio": "radio"},
}
# A selector is groups split by commas, of compounds split by spaces, of
# simple selectors: tag, *, #id, .class, [attr] and [attr op "value"].
_COMPOUND = re.compile(r"""(?:[^\s"',]|"[^"]*"|'[^']*')+|,""")
_SIMPLE = re.compile(
    r"""([#.]?)([\w-]+|\*)|\[([\w:-]+)(?:([~^]?=)["']?([^"'\]]*)["']?)?\]"""
)


class Element:
    """One parsed element: its tag, attributes, children and text."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.root: Element = parent.root if parent else self
        self.nodes: list[Element | str] = []

    def __repr__(self) -> str:
        attrs = "".join(f' {k}="{v}"' for k, v in self.attrs.items())
        return f"<{self.tag}{attrs}> {self.text[:60]!r}"

    def __getitem__(self, name: str) -> str:
        return self.attrs[name]

    @property
    def children(self) -> list[Element]:
        """Return the child elements, without the text between them."""
        return [node for node in self.nodes if isinstance(node, Element)]

    @property
    def classes(self) -> set[str]:
        """Return the names in the class attribute."""
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """Return the text inside with whitespace collapsed, scripts left out."""
        return " ".join("".join(self._strings(spoken=False)).split())

    @property
    def role(self) -> str | None:
        """Return the explicit or implicit ARIA role."""
        kind = self.attrs.get("type", "text") if self.tag == "input" else self.tag
        if self.tag == "a" and "href" not in self.attrs:
            kind = None
        return self.attrs.get("role") or _ROLES.get(kind or "")

    @property
    def name(self) -> str:
        """Return the accessible name, as a screen reader would announce it."""
        if ids := self.attrs.get("aria-labelledby"):
            return " ".join(self.root.one(f"#{id_}").text for id_ in ids.split())
        label = self.attrs.get("aria-label") or self.attrs.get("alt")
        if not label and self.tag == "input" and self.role == "button":
            label = self.value
        elif not label and self.tag in ("input", "select", "textarea"):
            labels = self.root.select(f'label[for="{self.attrs.get("id")}"]')
            label = " ".join(e.text for e in labels)
        return " ".join((label or "".join(self._strings(spoken=True))).split())

    @property
    def value(self) -> str:
        """Return what a form control submits: its value, text or chosen option."""
        if self.tag == "textarea":
            return "".join(self._strings(spoken=False)).removeprefix("\n")
        if self.tag == "select":
            chosen = self.select("option[selected]") or self.select("option")[:1]
            return chosen[0].attrs.get("value", chosen[0].text) if chosen else ""
        checkable = self.attrs.get("type") in ("checkbox", "radio")
        return self.attrs.get("value", "on" if checkable else "")

    def iter(self) -> Iterator[Element]:
        """Yield every element below this one, in document order."""
        for child in self.children:
            yield child
            yield from child.iter()

    def select(self, selector: str) -> list[Element]:
        """Return the elements below matching a simple CSS selector, in order."""
        groups = _compile(selector)
        return [e for e in self.iter() if any(_match(e, g, self) for g in groups)]

    def one(self, selector: str) -> Element:
        """Return the one element matching selector; fail on none or several."""
        found = self.select(selector)
        assert len(found) == 1, f"expected one {selector!r}, found {found}"
        return found[0]

    def by_role(self, role: str, name: str | None = None) -> list[Element]:
        """Return the elements with this role and, if given, accessible name."""
        found = (e for e in self.iter() if e.role == role)
        return [e for e in found if name is None or e.name == name]

    def get_by_role(self, role: str, name: str) -> Element:
        """Return the one element with this role and name; fail otherwise."""
        found = self.by_role(role, name)
        assert len(found) == 1, f"expected one {role} named {name!r}, found {found}"
        return found[0]

    def _strings(self, *, spoken: bool) -> Iterator[str]:
        for node in self.nodes:
            if isinstance(node, str):
                yield node
            elif not (spoken and node.attrs.get("aria-hidden") == "true"):
                yield from node._strings(spoken=spoken)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {}, None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.nodes.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        # A stray end tag closes nothing; one left open closes with its parent.
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        self.current = node.parent or self.current

    def handle_data(self, data: str) -> None:
        if self.current.tag not in ("script", "style", "template"):
            self.current.nodes.append(data)


def parse(source: str | bytes | HttpResponse) -> Element:
    """Parse a page, a fragment or a response's body into a tree of elements."""
    if isinstance(source, HttpResponse):
        source = source.content.decode(source.charset or "utf-8")
    builder = _TreeBuilder()
    builder.feed(source.decode() if isinstance(source, bytes) else source)
    builder.close()
    return builder.root


def _compile(selector: str) -> list[list[list[Test]]]:
    groups: list[list[list[Test]]] = [[]]
    for compound in _COMPOUND.findall(selector):
        if compound == ",":
            groups.append([])
            continue
        simples = list(_SIMPLE.finditer(compound))
        assert "".join(m[0] for m in simples) == compound, f"cannot read {selector!r}"
        groups[-1].append([_simple_test(*m.groups()) for m in simples])
    assert all(groups), f"cannot read {selector!r}"
    return groups


def _simple_test(prefix: str, word: str, attr: str, op: str, want: str) -> Test:
    if op == "~=":
        return lambda e: want in e.attrs.get(attr, "").split()
    if op == "^=":
        return lambda e: bool(want) and e.attrs.get(attr, "").startswith(want)
    if attr:
        return lambda e: attr in e.attrs and (not op or e[attr] == want)
    if prefix == "#":
        return lambda e: e.attrs.get("id") == word
    if prefix == ".":
        return lambda e: word in e.classes
    return lambda e: word in ("*", e.tag)


def _match(element: Element, compounds: list[list[Test]], scope: Element) -> bool:
    if not all(test(element) for test in compounds[-1]):
        return False
    ancestor = element.parent
    while len(compounds) > 1 and ancestor is not None and ancestor is not scope:
        if _match(ancestor, compounds[:-1], scope):
            return True
        ancestor = ancestor.parent
    return len(compounds) == 1
