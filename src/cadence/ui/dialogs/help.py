"""Help: the keyboard-shortcut sheet, read from the window's own actions (so it cannot drift from
them), and a short getting-started page."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

from cadence.ui.sizing import keep_size

NATIVE = QKeySequence.SequenceFormat.NativeText


def action_keys(action: QAction) -> str:
    """The keys of an action: its shortcuts, or the ones written after a tab in its text (an
    entry that shows a shortcut another action owns, like Session → New session)."""
    keys = [k.toString(NATIVE) for k in action.shortcuts() if not k.isEmpty()]
    if not keys and "\t" in action.text():
        keys = [action.text().split("\t", 1)[1]]
    return ", ".join(keys)


def _plain(text: str) -> str:
    return text.split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(window) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu entry with keys, in menu order, then the window's
    other shortcuts (those given a description in their whatsThis)."""
    for name in window.view_names:  # views are built on first show: build the rest, so the
        window.view(name)  # shortcuts they add themselves (Trash: Del) are listed too
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{title} → {_plain(action.text())}")
                continue
            keys = action_keys(action)
            name = _plain(action.text())
            if keys and not action.isSeparator() and (keys, name) not in seen:
                seen.add((keys, name))
                rows.append((title, name, keys))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), _plain(top.text()))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis() and not shortcut.key().isEmpty():
            where, _, what = shortcut.whatsThis().partition(": ")
            rows.append((where, what or where, shortcut.key().toString(NATIVE)))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("ShortcutSheet")
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        for row, values in enumerate(rows):
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.setFocus()
        keep_size(self, "shortcuts", QSize(620, 640))


def getting_started_html(window) -> str:
    """The page, with the keys read from the window's and the Today view's actions."""
    today = window.view("today")

    def keys(action: QAction) -> str:
        return f"<b>{action_keys(action)}</b>"

    return f"""
<h2>Getting started</h2>
<p>Cadence keeps a practice journal for music and running: each session starts with an
<b>intention</b>, notes where and why you <b>stopped</b>, and ends with a <b>reflection</b>.</p>
<ol>
<li><b>Intention.</b> Press {keys(window.act_new)} and write what the session is for — one clear
aim is enough, three at most. Add a plan if you like: reps, minutes, a tempo or pace.</li>
<li><b>Practise.</b> {keys(today.act_timer)} starts the timer (and pauses it). Count each
repetition with {keys(today.act_rep)}; for music, {keys(today.act_clean)} for a clean one.</li>
<li><b>Stop when form goes.</b> {keys(today.act_stop)} stops. Before the plan, Cadence asks why and where
you felt it. Something off but carrying on? {keys(today.act_warning)} notes it. Never just
one more.</li>
<li><b>Reflect.</b> Rate each intention, answer the prompts, and save with {keys(today.act_save)}. The
cursor then waits in the next session's intention.</li>
</ol>
<p>Tab moves through the page from top to bottom; the day entry (sleep, soreness, mood) is at the
end, for rest days too. What you type is kept as a draft, so closing the app loses nothing.</p>
<p>To look around first, open the demo journal (File → Open a demo journal): a banner reminds you
that it is not yours, and File → Open my journal brings you back.</p>
<p>Every shortcut: Help → Keyboard shortcuts ({keys(window.act_shortcuts)}).</p>
"""


class GettingStartedDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Getting started"))
        self.text = QTextBrowser()
        self.text.setObjectName("GettingStarted")
        self.text.setOpenLinks(False)
        self.text.setHtml(getting_started_html(window))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.text.setFocus()
        keep_size(self, "getting-started", QSize(620, 560))


def open_help(window: QMainWindow, dialog_class: type[QDialog]) -> QDialog:
    dialog = dialog_class(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
