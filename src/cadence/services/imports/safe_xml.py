"""Reading XML from files we did not write, safely.

Activity files never need a DTD, so any `<!DOCTYPE>` is refused before a single entity is declared:
that stops the billion-laughs bomb, quadratic blow-up and external entities (reading local files or
URLs) at the first bytes, with memory bounded by the file's own size. defusedxml does the refusing
for TCX; gpxpy parses XML itself, so a GPX's prolog is screened here first (`screen_prolog`) and
only then handed to gpxpy.
"""

from __future__ import annotations

import codecs
import functools
import re
import xml.etree.ElementTree as StdET
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring

from cadence.services.imports.common import Refused

_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

HOSTILE = (
    "declares a DTD (<!DOCTYPE ...>). GPX and TCX files never need one, and a DTD can expand "
    "entities without end (an XML bomb) or read other files, so it was refused unread"
)


class _Discard:
    """A parser target that builds nothing: screening only needs the parser to reach the end."""

    def close(self) -> None:
        return None


def _refusal(exc: Exception) -> Refused:
    if isinstance(exc, DefusedXmlException):
        return Refused(HOSTILE)
    return Refused(f"is not well-formed XML ({exc}): it is damaged or cut short; export it again")


def decode_xml(data: bytes) -> str:
    """The text of an XML file: by its byte-order mark, else UTF-8, else its declared encoding."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise Refused(f"is not valid {encoding.upper()} text ({exc.reason})") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        match = _DECLARED_ENCODING.match(data)
        if match:
            name = match.group(1).decode("ascii")
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
        raise Refused(
            "is not UTF-8 text and does not declare an encoding Cadence can read "
            f"(a bad byte at position {exc.start})"
        ) from exc


def screen(text: str) -> None:
    """Raise Refused if `text` has a DTD or is not well-formed XML. Builds no tree."""
    parser = DefusedXMLParser(
        target=_Discard(), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(text)
        parser.close()
    except (DefusedXmlException, StdET.ParseError) as exc:
        raise _refusal(exc) from exc


def screen_prolog(text: str) -> None:
    """Raise Refused if `text` declares a DTD. A DTD can stand only in the prolog, before the root
    element (XML 1.0, production [22]); after it, any `<!DOCTYPE` or `<!ENTITY` is a syntax error
    the parser stops at before it expands anything. So reading the prolog up to the root is as
    strict as the defusedxml screen for a parser that is then given the text (gpxpy), at none of
    its cost: comments and processing instructions are skipped whole, any other `<!` is refused,
    and text before the root is left to the parser, which refuses it as not well-formed."""
    at, end = 0, len(text)
    while at < end:
        at = _skip_space(text, at)
        if text.startswith("<!--", at):
            close = text.find("-->", at + 4)
            at = end if close < 0 else close + 3
        elif text.startswith("<?", at):
            close = text.find("?>", at + 2)
            at = end if close < 0 else close + 2
        elif text.startswith("<!", at):
            raise Refused(HOSTILE)
        else:
            return  # the root element (or text the parser will refuse)


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n\ufeff":
        at += 1
    return at


def parse_tree(data: bytes) -> Element:
    """The element tree of `data`, parsed by defusedxml with DTDs forbidden."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, StdET.ParseError) as exc:
        raise _refusal(exc) from exc


@functools.lru_cache(maxsize=4096)
def local_name(tag: str) -> str:
    """`{namespace}Trackpoint` -> `Trackpoint` (kept for the few tags a file repeats)."""
    return tag.rpartition("}")[2]
