"""Showing what people typed without letting it load anything.

QTextDocument asks `loadResource` for every image a text names; if the answer is None, Qt's image
handler goes on to read the file itself (a note's `![x](file:///...)` would be read from disk).
So every widget that shows user text as Markdown or HTML answers with an inert stand-in.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QColor, QImage, QTextDocument


def inert_resource(kind: int) -> object:
    """A transparent pixel for an image, an empty string for anything else: never None."""
    if kind == QTextDocument.ResourceType.ImageResource.value:
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(QColor(0, 0, 0, 0))
        return image
    return ""


def plain_tooltip(text: str) -> str:
    """A tooltip Qt shows as the characters typed: Qt renders a tooltip whose first line looks
    like markup as rich text, so user text is escaped and wrapped as such."""
    return f"<qt>{html.escape(text).replace(chr(10), '<br>')}</qt>" if text else ""
